package adalab.objectives;

/**
 * How a data-driven objective draws the examples it reports a gradient for at step t:
 * the whole set (FULL), one example (SINGLE) or a mini-batch of B (MINIBATCH). Without
 * replacement (the default) the data are reshuffled every epoch from (seed, epoch) and consumed
 * in order, so a batch never repeats an example and one epoch (n/B steps, when B divides n) uses
 * every example exactly once; with replacement each example is drawn independently from
 * (seed, step). Either way the draw depends only on (seed, step): a run is reproducible and
 * asking twice for the same step gives the same batch. Objectives keep one sampler per thread, so
 * parallel runs may share an objective.
 */
public final class Sampling {

    public enum Mode { FULL, SINGLE, MINIBATCH }

    private final Mode mode;
    private final int batch;
    private final boolean replacement;

    private Sampling(Mode mode, int batch, boolean replacement) {
        this.mode = mode;
        this.batch = batch;
        this.replacement = replacement;
    }

    public static Sampling full() { return new Sampling(Mode.FULL, 0, false); }

    public static Sampling single() { return new Sampling(Mode.SINGLE, 1, false); }

    public static Sampling minibatch(int b) {
        if (b < 1) throw new IllegalArgumentException("batch size = " + b + ": allowed an integer >= 1");
        return new Sampling(Mode.MINIBATCH, b, false);
    }

    /** The same mode, drawing each example independently (with replacement). */
    public Sampling withReplacement() { return new Sampling(mode, batch, true); }

    public Sampling withoutReplacement() { return new Sampling(mode, batch, false); }

    public Mode mode() { return mode; }

    /** Examples per step; 0 for FULL (all of them). */
    public int batchSize() { return batch; }

    public boolean replacement() { return replacement; }

    @Override
    public String toString() {
        return switch (mode) {
            case FULL -> "full";
            case SINGLE -> "single" + (replacement ? " with replacement" : "");
            case MINIBATCH -> "batch " + batch + (replacement ? " with replacement" : "");
        };
    }

    // ---------------------------------------------------------------- the draw

    /** Draws the indices of step t (1-based) into a reusable buffer; not thread-safe. */
    static final class Sampler {
        private final int n;
        private final long seed;
        private final Sampling s;
        private final int[] idx;
        private int[] perm;
        private long permEpoch = -1;

        /** One sampler per thread (the draw uses scratch buffers); validates eagerly. */
        static ThreadLocal<Sampler> perThread(int n, long seed, Sampling s) {
            Sampler first = new Sampler(n, seed, s);
            ThreadLocal<Sampler> tl = ThreadLocal.withInitial(() -> new Sampler(n, seed, s));
            tl.set(first);
            return tl;
        }

        Sampler(int n, long seed, Sampling s) {
            if (s.mode != Mode.FULL && s.batch > n) {
                throw new IllegalArgumentException("batch size = " + s.batch + ": allowed 1 to the number of examples, " + n);
            }
            this.n = n;
            this.seed = seed;
            this.s = s;
            this.idx = new int[s.mode == Mode.FULL ? n : s.batch];
            if (s.mode == Mode.FULL) for (int i = 0; i < n; i++) idx[i] = i;
        }

        /** The indices for step t; the returned array is reused by the next call. */
        int[] draw(long t) {
            if (t < 1) throw new IllegalArgumentException("step = " + t + ": steps are numbered from 1");
            if (s.mode == Mode.FULL) return idx;
            int b = idx.length;
            if (s.replacement) {
                java.util.SplittableRandom r = new java.util.SplittableRandom(mix(seed, t));
                for (int k = 0; k < b; k++) idx[k] = r.nextInt(n);
                return idx;
            }
            long perEpoch = n / b;                       // a last partial batch is dropped
            long epoch = (t - 1) / perEpoch;
            int first = (int) ((t - 1) % perEpoch) * b;
            if (epoch != permEpoch) shuffle(epoch);
            System.arraycopy(perm, first, idx, 0, b);
            return idx;
        }

        private void shuffle(long epoch) {
            if (perm == null) perm = new int[n];
            for (int i = 0; i < n; i++) perm[i] = i;
            java.util.SplittableRandom r = new java.util.SplittableRandom(mix(seed ^ 0x5DEECE66DL, epoch));
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int tmp = perm[i];
                perm[i] = perm[j];
                perm[j] = tmp;
            }
            permEpoch = epoch;
        }
    }

    /** SplitMix64's finaliser over (seed, k): unrelated streams for neighbouring steps. */
    static long mix(long seed, long k) {
        long z = seed * 0x9E3779B97F4A7C15L + k * 0xBF58476D1CE4E5B9L + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
