package adalab.optim;

/**
 * A binary floating-point format: how many significand bits it keeps and its exponent range.
 * {@link #round(double)} gives the nearest value of the format (ties to even, gradual underflow
 * to subnormals, overflow to ±∞), carried in a double, which holds every value of these formats
 * exactly.
 *
 * <p>Rounding the exact double result of +, −, ×, ÷ or √ of two values of a format gives the
 * correctly rounded result of that operation in the format: a double's 53 significand bits are at
 * least 2p + 2 for every format here (p = 24, 11, 8), so rounding twice cannot land elsewhere than
 * rounding once (Figueroa, "When is double rounding innocuous?", 1995). That is what lets one rule,
 * written over doubles, run in every format.
 */
public enum Format {
    /** IEEE binary64. */
    FP64("fp64", 53, -1022, 1023),
    /** IEEE binary32. */
    FP32("fp32", 24, -126, 127),
    /** IEEE binary16, largest finite 65504, smallest subnormal 2⁻²⁴. */
    FP16("fp16", 11, -14, 15),
    /** bfloat16: binary32's exponent range with an 8-bit significand. */
    BF16("bf16", 8, -126, 127);

    private final String label;
    private final int precision, minExponent;
    private final double max, minValue;

    Format(String label, int precision, int minExponent, int maxExponent) {
        this.label = label;
        this.precision = precision;
        this.minExponent = minExponent;
        this.max = Math.scalb(2 - Math.scalb(1.0, 1 - precision), maxExponent);
        this.minValue = Math.scalb(1.0, minExponent - precision + 1);
    }

    /** "fp64", "fp32", "fp16" or "bf16". */
    public String label() { return label; }

    /** Significand bits, the leading one included. */
    public int precision() { return precision; }

    /** The largest finite value. */
    public double max() { return max; }

    /** The smallest positive (subnormal) value. */
    public double minValue() { return minValue; }

    /** The value of this format nearest to x (ties to even); NaN stays NaN, ±∞ stay. */
    public double round(double x) {
        switch (this) {
            case FP64: return x;
            case FP32: return (float) x;
            default:
                if (x == 0 || !Double.isFinite(x)) return x;
                // The quantum (value of the last kept bit) at x's exponent, or the subnormal one.
                int e = Math.max(Math.getExponent(x), minExponent);
                double quantum = Math.scalb(1.0, e - precision + 1);
                double r = Math.rint(x / quantum) * quantum; // both scalings by a power of two are exact
                return Math.abs(r) > max ? Math.copySign(Double.POSITIVE_INFINITY, x) : r;
        }
    }

    /** Whether x is a value of this format (NaN and ±∞ count). */
    public boolean holds(double x) {
        return Double.isNaN(x) || round(x) == x;
    }

    /** The format named by its label; throws naming the labels. */
    public static Format of(String label) {
        for (Format f : values()) if (f.label.equals(label)) return f;
        throw new IllegalArgumentException("format '" + label + "' is unknown: use fp64, fp32, fp16 or bf16");
    }
}
