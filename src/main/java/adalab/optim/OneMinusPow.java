package adalab.optim;

import java.util.concurrent.ConcurrentHashMap;

/**
 * 1 − βᵗ, bit-identical to {@code 1 - Math.pow(beta, t)}, memoised: Math.pow costs 25–40 ns,
 * more than the rest of a small Adam step, and a sweep asks for the same (β, t) thousands of times.
 *
 * <p>Values are exactly Math.pow's (the table is filled by calling it), in blocks of 256 steps
 * made on first use. Past the step where 1 − βᵗ first rounds to 1 it stays 1 without a call:
 * Math.pow is semi-monotonic (its contract), so for t′ &gt; t, 0 ≤ β^t′ ≤ βᵗ and the correctly
 * rounded 1 − β^t′ lies between 1 − βᵗ = 1 and 1. Running products β·β·… would round differently.
 *
 * <p>Tables are shared per β up to {@link #MAX_SHARED} values of β (then each optimizer keeps its
 * own) and cover t ≤ 2¹⁸ (2 MB for a β so close to 1 that it never rounds to 1 before that);
 * beyond, Math.pow is called. Thread-safe: a block is immutable once published.
 */
final class OneMinusPow {

    private static final int BLOCK_BITS = 8, BLOCK = 1 << BLOCK_BITS;
    static final long MAX_T = 1L << 18;
    private static final int BLOCKS = (int) (MAX_T / BLOCK);
    static final int MAX_SHARED = 64;
    private static final ConcurrentHashMap<Long, OneMinusPow> SHARED = new ConcurrentHashMap<>();

    /** A block's values; the final field publishes the filled array safely to every thread. */
    private record Block(double[] v) { }

    private final double beta;
    private final Block[] blocks = new Block[BLOCKS];
    /**
     * Index of the first block whose steps all give exactly 1 (MAX_VALUE while not known, so that
     * t past the table is computed). Not volatile: a thread that sees a stale value takes the
     * table path, which gives the same 1s.
     */
    private int saturated = Integer.MAX_VALUE;

    private OneMinusPow(double beta) {
        this.beta = beta;
    }

    /** The table for beta, shared while few distinct betas are in use. */
    static OneMinusPow of(double beta) {
        Long key = Double.doubleToLongBits(beta);
        OneMinusPow p = SHARED.get(key);
        if (p != null) return p;
        if (SHARED.size() >= MAX_SHARED) return new OneMinusPow(beta);
        return SHARED.computeIfAbsent(key, k -> new OneMinusPow(beta));
    }

    double beta() { return beta; }

    /** 1 − Math.pow(beta, t) for t ≥ 1. */
    double at(long t) {
        if (t < 1) return 1 - Math.pow(beta, t);
        long i = t - 1;
        int k = (int) Math.min(i >>> BLOCK_BITS, BLOCKS);
        if (k >= saturated) return 1;
        if (k == BLOCKS) return 1 - Math.pow(beta, t);
        Block b = blocks[k];
        if (b == null) b = fill(k);
        return b.v[(int) (i & (BLOCK - 1))];
    }

    private Block fill(int k) {
        double[] v = new double[BLOCK];
        long t0 = (long) k * BLOCK + 1;
        for (int j = 0; j < BLOCK; j++) v[j] = 1 - Math.pow(beta, t0 + j);
        Block b = new Block(v);
        blocks[k] = b; // a racing thread may fill the same block: same values
        if (v[BLOCK - 1] == 1 && k + 1 < saturated) saturated = k + 1;
        return b;
    }
}
