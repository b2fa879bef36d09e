package adalab.optim;

/**
 * The checks every step entry point makes on its arrays (the fused steps, RuleStepper,
 * HalfPrecision, INDArray steps), in one place so that they name the same things the same way.
 */
final class StepArguments {
    private StepArguments() { }

    static void check(double[] x, double[] g) { check(x, g, x == null ? 0 : x.length, g == null ? 0 : g.length); }

    static void check(float[] x, float[] g) { check(x, g, x == null ? 0 : x.length, g == null ? 0 : g.length); }

    /** Both present and of one length. */
    static void check(Object x, Object g, int nx, int ng) {
        if (x == null) throw new IllegalArgumentException("params is null");
        if (g == null) throw new IllegalArgumentException("grad is null");
        sameLength(nx, ng);
    }

    static void sameLength(int nx, int ng) {
        if (nx != ng) {
            throw new IllegalArgumentException("params has " + nx + " elements but grad has " + ng + ": they must match");
        }
    }

    /** As {@link #check(Object, Object, int, int)}, and not empty; returns the length. */
    static int checkNonEmpty(Object x, Object g, int nx, int ng) {
        check(x, g, nx, ng);
        if (nx == 0) throw new IllegalArgumentException("params is empty: an optimizer needs at least one parameter");
        return nx;
    }

    static int checkNonEmpty(double[] x, double[] g) {
        return checkNonEmpty(x, g, x == null ? 0 : x.length, g == null ? 0 : g.length);
    }
}
