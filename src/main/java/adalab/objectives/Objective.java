package adalab.objectives;

import adalab.optim.GradientOracle;

import java.util.Optional;

/**
 * A loss to minimise. {@link #value} and {@link #gradient} are the exact (full-data, expected)
 * loss and gradient; {@link #evaluate} is what an optimizer sees at step t: the same for
 * deterministic objectives, a seeded sample or mini-batch estimate for stochastic ones.
 */
public interface Objective extends GradientOracle {

    /** A short label for legends and CSV, e.g. "rosenbrock". */
    String name();

    int dimension();

    double value(double[] x);

    /** Writes the exact gradient at x into grad. */
    void gradient(double[] x, double[] grad);

    /** The oracle seen by optimizers; deterministic objectives return the exact gradient and value. */
    @Override
    default double evaluate(double[] x, double[] grad, long step) {
        gradient(x, grad);
        return value(x);
    }

    /** The known minimiser, where there is one. */
    default Optional<double[]> minimizer() { return Optional.empty(); }

    /** Plot window {xmin, xmax, ymin, ymax} for 2-D objectives. */
    default double[] bounds() { return new double[]{-2, 2, -2, 2}; }

    /** A conventional starting point for demonstrations. */
    default double[] start() { return new double[dimension()]; }
}
