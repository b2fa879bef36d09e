package adalab.optim;

/**
 * A step refused because a number left the finite range: a NaN or infinite gradient or loss, or an
 * fp16 step that overflowed. The step was not taken and the optimizer's state is as it was before
 * it. One {@code catch (NonFiniteException e)} covers every kind; the subclasses say which.
 */
public abstract class NonFiniteException extends ArithmeticException {
    private final long step;
    private final double value;

    protected NonFiniteException(String message, long step, double value) {
        super(message);
        this.step = step;
        this.value = value;
    }

    /** The number of the refused step (the first step is 1). */
    public final long step() { return step; }

    /** The offending value: NaN or ±Infinity. */
    public final double value() { return value; }
}
