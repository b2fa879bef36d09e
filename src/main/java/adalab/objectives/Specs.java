package adalab.objectives;

/** Small shared checks and formatting for the objectives (package-private). */
final class Specs {
    private Specs() { }

    static void checkLength(double[] v, int n, String what) {
        if (v == null) throw new IllegalArgumentException(what + " is null: need " + n + " elements");
        if (v.length != n) {
            throw new IllegalArgumentException(what + " has " + v.length + " elements: this objective needs " + n);
        }
    }

    /** Shortest readable form: 3 rather than 3.0. */
    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }

    static double positive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(what + " = " + v + ": allowed > 0 and finite");
        return v;
    }

    static double finite(String what, double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(what + " = " + v + ": allowed any finite number");
        return v;
    }
}
