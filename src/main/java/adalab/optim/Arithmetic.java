package adalab.optim;

/**
 * Arithmetic in one {@link Format}: every operation's result is rounded to the format, and the first
 * operation that makes an infinity or a NaN from finite operands (overflow, x/0, 0/0, √ of a negative)
 * is recorded with its operands, for the step that ran it to be refused.
 *
 * <p>Update rules ({@link ElementRule}) are written against this class only, so one rule runs in
 * float64, float32, fp16 and bf16. In float64 every method is the plain Java operation, so a rule
 * run here gives the bits of the same expression written with doubles.
 */
public final class Arithmetic {
    private final Format format;
    private String fault;
    private double faultValue;

    public Arithmetic(Format format) {
        if (format == null) throw new IllegalArgumentException("format is null: use fp64, fp32, fp16 or bf16");
        this.format = format;
    }

    public Format format() { return format; }

    /** A constant (a hyperparameter or a per-step scalar, computed in double) rounded to the format. */
    public double k(double c) {
        double r = format.round(c);
        if (!Double.isFinite(r) && Double.isFinite(c)) record("the constant " + c + " rounds to " + r, r);
        return r;
    }

    public double add(double a, double b) { return check(format.round(a + b), a, " + ", b); }

    public double sub(double a, double b) { return check(format.round(a - b), a, " − ", b); }

    public double mul(double a, double b) { return check(format.round(a * b), a, " × ", b); }

    public double div(double a, double b) { return check(format.round(a / b), a, " / ", b); }

    public double sqrt(double a) {
        double r = format.round(Math.sqrt(a));
        if (!Double.isFinite(r) && Double.isFinite(a)) record("√" + a + " = " + r, r);
        return r;
    }

    /**
     * num/den for a denominator that can only be 0 when the numerator is (Adam's η·m̂ over √v̂ + ε
     * with ε = 0 and no gradient yet): 0/0 is taken as no step, the limit for ε → 0. In fp64 and
     * fp32 this is num/max(den, smallest positive), the fused loops' branch-free form; in fp16 and
     * bf16, where v̂ underflows to 0 while m̂ does not, a nonzero num over 0 is recorded as x/0.
     */
    public double quotient(double num, double den) {
        if (format == Format.FP64 || format == Format.FP32) return div(num, Math.max(den, format.minValue()));
        if (den == 0 && num == 0) return num * 0; // ±0, as num/max(den, tiny) would give
        return div(num, den);
    }

    /**
     * num/den, or no step (±0) when den = 0: AdaGrad's and RMSProp's g/√(G + ε) with ε = 0 and a
     * gradient too small to square. The fused loops' branch-free form gives the same bits.
     */
    public double ratioOrZero(double num, double den) {
        return den == 0 ? num * 0 : div(num, den);
    }

    public double max(double a, double b) { return Math.max(a, b); }

    public double min(double a, double b) { return Math.min(a, b); }

    /** Whether an operation of this arithmetic has made a non-finite value from finite operands. */
    public boolean faulted() { return fault != null; }

    /** The first such operation, e.g. "1.0E-4 / 0.0 = Infinity", or null. */
    public String fault() { return fault; }

    /** The value the faulty operation gave (±∞ or NaN); meaningful only when {@link #faulted()}. */
    public double faultValue() { return faultValue; }

    /** Forgets the recorded fault (before the next element). */
    public void clearFault() { fault = null; }

    private double check(double r, double a, String op, double b) {
        if (!Double.isFinite(r) && fault == null && Double.isFinite(a) && Double.isFinite(b)) {
            faultValue = r;
            fault = a + op + b + " = " + r + (Double.isInfinite(r) ? overflowNote(a, op, b)
                    : op.equals(" / ") && a == 0 && b == 0 ? ": 0/0" : "");
        }
        return r;
    }

    private String overflowNote(double a, String op, double b) {
        if (op.equals(" / ") && b == 0) return ": division by zero";
        return ": past the largest " + format.label() + ", " + format.max();
    }

    private void record(String what, double value) {
        if (fault != null) return;
        fault = what;
        faultValue = value;
    }

    @Override
    public String toString() { return format.label() + " arithmetic"; }
}
