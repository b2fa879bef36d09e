package adalab.optim;

/**
 * A half-precision step produced an infinity or a NaN from finite inputs — a value past ±65504,
 * x/0 or 0/0 (in fp16 an ε of 1e-8 is 0, so a zero second moment divides by zero). Reported like
 * a non-finite gradient ({@link NonFiniteGradientException}): the step was not taken and the
 * optimizer's state is as it was before it; with {@code onNonFinite("skip")} such steps are
 * skipped and counted in {@link Optimizer#skippedSteps()} instead.
 */
public final class HalfOverflowException extends ArithmeticException {
    private final long step;
    private final int element;
    private final String operation;
    private final double value;

    public HalfOverflowException(String optimizer, long step, int element, String operation, double value) {
        super(optimizer + ": step " + step + ", element " + element + ": " + operation
                + "; the step was not taken and the state is as before it"
                + " (use onNonFinite(\"skip\") to skip such steps)");
        this.step = step;
        this.element = element;
        this.operation = operation;
        this.value = value;
    }

    /** The number of the step that was refused (the first step is 1). */
    public long step() { return step; }

    /** The index of the first element whose arithmetic left the finite fp16 range. */
    public int element() { return element; }

    /** What overflowed, e.g. "g² = 300 × 300 = Infinity: past the largest fp16, 65504". */
    public String operation() { return operation; }

    /** The non-finite result (±Infinity or NaN). */
    public double value() { return value; }
}
