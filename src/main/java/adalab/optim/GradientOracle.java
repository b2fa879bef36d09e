package adalab.optim;

/**
 * Where an optimizer gets its gradient. The optimizer chooses the point (NAG asks at its
 * look-ahead point, every other method at the current parameters) and calls the oracle exactly
 * once per step.
 */
@FunctionalInterface
public interface GradientOracle {
    /**
     * Writes the gradient at {@code x} into {@code grad} and returns the loss there (NaN when the
     * oracle does not compute it). {@code step} is the 1-based number of the attempt: steps taken
     * plus steps skipped (non-finite) plus one. Stochastic oracles draw their sample or mini-batch
     * from it, so runs are reproducible and a skipped step's sample is not drawn again.
     * The oracle must not keep or modify {@code x}.
     */
    double evaluate(double[] x, double[] grad, long step);
}
