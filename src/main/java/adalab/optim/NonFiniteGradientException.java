package adalab.optim;

/** A NaN or infinite gradient was refused before it reached the optimizer's state. */
public final class NonFiniteGradientException extends ArithmeticException {
    private final long step;
    private final int element;
    private final double value;

    public NonFiniteGradientException(String optimizer, long step, int element, double value) {
        super(optimizer + ": gradient element " + element + " is " + value + " at step " + step
                + "; the step was not taken and the state is as before it"
                + " (use onNonFinite(\"skip\") to skip such steps)");
        this.step = step;
        this.element = element;
        this.value = value;
    }

    public long step() { return step; }
    public int element() { return element; }
    public double value() { return value; }
}
