package adalab.optim;

/** A NaN or infinite gradient was refused before it reached the optimizer's state. */
public final class NonFiniteGradientException extends NonFiniteException {
    private final int element;

    public NonFiniteGradientException(String optimizer, long step, int element, double value) {
        super(optimizer + ": gradient element " + element + " is " + value + " at step " + step
                + "; the step was not taken and the state is as before it"
                + " (use onNonFinite(\"skip\") to skip such steps)", step, value);
        this.element = element;
    }

    public int element() { return element; }
}
