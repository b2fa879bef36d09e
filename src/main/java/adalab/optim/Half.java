package adalab.optim;

/**
 * IEEE 754 binary16 ("fp16", "half") written out by hand: Java 17 has no
 * {@code Float.floatToFloat16}, and javacpp's {@code HalfIndexer.fromFloat} (what ND4J's
 * {@code putScalar} on a HALF array uses) rounds ties away from zero and saturates at 65504
 * instead of overflowing to infinity. Here every conversion rounds to nearest, ties to even,
 * with gradual underflow to subnormals and overflow to ±∞, as IEEE 754 (and ND4J's native
 * casts) do.
 *
 * <p>Half values are carried in {@code float}s (every half is exactly a float). The arithmetic
 * helpers compute in float and round the result to half. For +, −, ×, ÷ and √ of half operands
 * that equals the correctly rounded half result (exact fp16 arithmetic): float's 24-bit
 * significand is at least 2·11 + 2, so rounding twice (to float, then to half) cannot land on a
 * different half than rounding once (Figueroa, "When is double rounding innocuous?", 1995); the
 * float range also holds every half subnormal exactly. The theorem is about the results of
 * those operations only: an arbitrary double must be rounded to half directly, which
 * {@link #fromDouble} does.
 */
public final class Half {
    private Half() { }

    /** Largest finite half, (2 − 2⁻¹⁰)·2¹⁵. */
    public static final float MAX_VALUE = 65504f;
    /** Smallest positive normal half, 2⁻¹⁴ ≈ 6.10e-5. */
    public static final float MIN_NORMAL = 0x1p-14f;
    /** Smallest positive (subnormal) half, 2⁻²⁴ ≈ 5.96e-8. */
    public static final float MIN_VALUE = 0x1p-24f;
    /** Distance from 1 to the next half, 2⁻¹⁰. */
    public static final float EPSILON = 0x1p-10f;

    /** The half bit pattern nearest to f (ties to even); NaN payloads keep their top 10 bits. */
    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) return nonFinite(sign, mant == 0, mant >>> 13);
        if (exp == 0) return (short) sign; // float subnormals are below 2⁻¹²⁶: far under half's range
        return pack(sign, exp - 127, mant | 0x800000L, 23);
    }

    /** The half bit pattern nearest to d (ties to even), rounded once: not via float. */
    public static short fromDouble(double d) {
        long bits = Double.doubleToRawLongBits(d);
        int sign = (int) (bits >>> 48) & 0x8000;
        int exp = (int) (bits >>> 52) & 0x7ff;
        long mant = bits & 0xfffffffffffffL;
        if (exp == 0x7ff) return nonFinite(sign, mant == 0, (int) (mant >>> 42));
        if (exp == 0) return (short) sign;
        return pack(sign, exp - 1023, mant | (1L << 52), 52);
    }

    private static short nonFinite(int sign, boolean infinite, int payload) {
        if (infinite) return (short) (sign | 0x7c00);
        return (short) (sign | 0x7c00 | (payload == 0 ? 0x200 : payload)); // a NaN stays a NaN
    }

    /**
     * Rounds sig·2^(e − fracBits) (sig with its leading one at bit fracBits) to half. The result
     * counts in units of the half's last place; a carry out of the significand moves into the
     * exponent field by plain addition, and past the largest exponent it gives ∞ (0x7c00).
     */
    private static short pack(int sign, int e, long sig, int fracBits) {
        if (e > 15) return (short) (sign | 0x7c00);
        int he = e + 15; // biased half exponent; ≤ 0 means subnormal
        int shift = fracBits - 10 + (he <= 0 ? 1 - he : 0);
        if (shift > fracBits + 2) return (short) sign; // below half of 2⁻²⁴: rounds to 0
        long q = sig >>> shift;
        long rem = sig & ((1L << shift) - 1), halfway = 1L << (shift - 1);
        if (rem > halfway || (rem == halfway && (q & 1) == 1)) q++;
        int out = he <= 0 ? (int) q : (he << 10) + (int) (q - 0x400); // q − 0x400 drops the implicit one
        return (short) (sign | Math.min(out, 0x7c00));
    }

    /** The exact float value of a half bit pattern. */
    public static float toFloat(short h) {
        int b = h & 0xffff;
        int sign = (b & 0x8000) << 16;
        int e = (b >>> 10) & 0x1f;
        int m = b & 0x3ff;
        if (e == 0) { // zero or subnormal: m·2⁻²⁴, exact in float
            float v = m * MIN_VALUE;
            return sign != 0 ? -v : v;
        }
        if (e == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (m << 13));
        return Float.intBitsToFloat(sign | ((e - 15 + 127) << 23) | (m << 13));
    }

    /** f rounded to the nearest half (ties to even), as a float. */
    public static float round(float f) { return toFloat(fromFloat(f)); }

    /** d rounded once to the nearest half, as a float. */
    public static float round(double d) { return toFloat(fromDouble(d)); }

    /** Whether f is exactly a half value (±0, subnormal, normal, ±∞ or NaN). */
    public static boolean isHalf(float f) {
        return Float.isNaN(f) || round(f) == f;
    }

    // ---------------------------------------------------------------- exact fp16 arithmetic
    // Operands must be half values; each result is the correctly rounded half (see the class note).

    public static float add(float a, float b) { return round(a + b); }

    public static float sub(float a, float b) { return round(a - b); }

    public static float mul(float a, float b) { return round(a * b); }

    public static float div(float a, float b) { return round(a / b); }

    public static float sqrt(float a) { return round((float) Math.sqrt(a)); }

    // ---------------------------------------------------------------- arrays

    /** Bit patterns to floats. */
    public static float[] toFloats(short[] h) {
        float[] out = new float[h.length];
        for (int i = 0; i < h.length; i++) out[i] = toFloat(h[i]);
        return out;
    }

    /** Floats to the nearest half bit patterns. */
    public static short[] fromFloats(float[] f) {
        short[] out = new short[f.length];
        for (int i = 0; i < f.length; i++) out[i] = fromFloat(f[i]);
        return out;
    }

    /** Doubles to the nearest half bit patterns (each rounded once). */
    public static short[] fromDoubles(double[] d) {
        short[] out = new short[d.length];
        for (int i = 0; i < d.length; i++) out[i] = fromDouble(d[i]);
        return out;
    }

    /** Every element rounded to the nearest half, as floats. */
    public static float[] round(double[] d) {
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) out[i] = round(d[i]);
        return out;
    }
}
