package adalab.run;

/**
 * The loss the objective reported for a step was NaN or infinite. {@link Run} refuses such a
 * step before the optimizer sees its gradient, exactly as a non-finite gradient is refused: the
 * parameters and the optimizer's state are as before the step.
 */
public final class NonFiniteLossException extends adalab.optim.NonFiniteException {

    public NonFiniteLossException(String optimizer, long step, double value) {
        super(optimizer + ": the loss is " + value + " at step " + step
                + "; the step was not taken and the state is as before it"
                + " (use onNonFinite(\"skip\") on the optimizer to skip such steps)", step, value);
    }
}
