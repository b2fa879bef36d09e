package adalab.plot.figure;

/**
 * One coordinate of a moving series as the page stores it: each value u is the integer k·q, k
 * written as the difference from the previous kept value (small numbers, short text), null where
 * there is nothing to draw. q is a power of ten at most a tenth of a pixel, so rounding never moves
 * a drawn point visibly while 30 runs × 500 steps stay around 100 KB.
 */
record Quantized(double q, long[] k, boolean[] missing) {

    /** The power of ten no larger than a tenth of a pixel, for an axis of {@code pixelsPerUnit}. */
    static double resolution(double pixelsPerUnit) {
        double per = Math.abs(pixelsPerUnit);
        if (!(per > 0) || !Double.isFinite(per)) return 1;
        return Math.pow(10, Math.floor(Math.log10(0.1 / per)));
    }

    /** Quantizes values u (NaN: missing) at resolution q. */
    static Quantized of(double[] u, double q) {
        long[] k = new long[u.length];
        boolean[] missing = new boolean[u.length];
        for (int i = 0; i < u.length; i++) {
            if (Double.isNaN(u[i])) missing[i] = true;
            else k[i] = Math.round(u[i] / q);
        }
        return new Quantized(q, k, missing);
    }

    /** {"q":…,"d":[…]}: the first kept value and then differences. */
    void json(StringBuilder b) {
        b.append("{\"q\":").append(Json.number(q)).append(",\"d\":[");
        long prev = 0;
        for (int i = 0; i < k.length; i++) {
            if (i > 0) b.append(',');
            if (missing[i]) {
                b.append("null");
            } else {
                b.append(k[i] - prev);
                prev = k[i];
            }
        }
        b.append("]}");
    }

    /** The values the page reconstructs (NaN where missing). */
    double[] decode() {
        double[] u = new double[k.length];
        for (int i = 0; i < k.length; i++) u[i] = missing[i] ? Double.NaN : k[i] * q;
        return u;
    }
}
