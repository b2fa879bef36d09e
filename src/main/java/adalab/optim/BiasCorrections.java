package adalab.optim;

/**
 * The Adam family's bias corrections 1 − βᵗ exactly as its step computes them (the shared
 * {@link OneMinusPow} tables: the bits of {@code 1 - Math.pow(beta, t)}), for code outside this
 * package that must reproduce a step bit for bit (the sweep's lane kernels).
 */
public final class BiasCorrections {
    private BiasCorrections() { }

    /** Fills out[t − 1] = 1 − βᵗ for t = 1 … out.length. */
    public static void oneMinusPow(double beta, double[] out) {
        if (!(beta >= 0 && beta < 1)) throw new IllegalArgumentException("beta = " + beta + ": allowed [0, 1)");
        OneMinusPow p = OneMinusPow.of(beta);
        for (int i = 0; i < out.length; i++) out[i] = p.at(i + 1L);
    }
}
