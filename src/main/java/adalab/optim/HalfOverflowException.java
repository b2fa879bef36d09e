package adalab.optim;

/**
 * A half-precision step produced an infinity or a NaN from finite inputs — a value past ±65504,
 * x/0 or 0/0 (in fp16 an ε of 1e-8 is 0, so a zero second moment divides by zero). Reported like
 * a non-finite gradient ({@link NonFiniteGradientException}): the step was not taken and the
 * optimizer's state is as it was before it; with {@code onNonFinite("skip")} such steps are
 * skipped and counted in {@link Optimizer#skippedSteps()} instead.
 */
public final class HalfOverflowException extends NonFiniteException {
    private final int element;
    private final String operation;

    public HalfOverflowException(String optimizer, long step, int element, String operation, double value) {
        super(optimizer + ": step " + step + ", element " + element + ": " + operation
                + "; the step was not taken and the state is as before it"
                + " (use onNonFinite(\"skip\") to skip such steps)", step, value);
        this.element = element;
        this.operation = operation;
    }

    /** The index of the first element whose arithmetic left the finite fp16 range. */
    public int element() { return element; }

    /** What overflowed, e.g. "g² = 300 × 300 = Infinity: past the largest fp16, 65504". */
    public String operation() { return operation; }
}
