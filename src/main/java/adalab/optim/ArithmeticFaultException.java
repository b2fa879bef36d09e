package adalab.optim;

/**
 * A step in a low-precision arithmetic made an infinity or a NaN from finite inputs — a value
 * past the format's largest, x/0 or 0/0 (in fp16 an ε of 1e-8 is 0, so a zero second moment
 * divides by zero). Reported like a non-finite gradient: the step was not taken and the
 * optimizer's state is as it was before it; with {@code onNonFinite("skip")} such steps are
 * skipped and counted in {@link Optimizer#skippedSteps()} instead.
 */
public class ArithmeticFaultException extends NonFiniteException {
    private final int element;
    private final String operation;
    private final PrecisionMode mode;

    public ArithmeticFaultException(String optimizer, PrecisionMode mode, long step, int element, String operation, double value) {
        super(optimizer + " in " + mode + ": step " + step + ", element " + element + ": " + operation
                + "; the step was not taken and the state is as before it"
                + " (use onNonFinite(\"skip\") to skip such steps)", step, value);
        this.element = element;
        this.operation = operation;
        this.mode = mode;
    }

    /** The index of the first element whose arithmetic left the finite range. */
    public int element() { return element; }

    /** What overflowed, e.g. "300.0 × 300.0 = Infinity: past the largest fp16, 65504.0". */
    public String operation() { return operation; }

    public PrecisionMode mode() { return mode; }
}
