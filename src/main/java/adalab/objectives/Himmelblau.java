package adalab.objectives;

import java.util.Optional;

/**
 * Himmelblau's function f(x, y) = (x² + y − 11)² + (x + y² − 7)²: four minima, all with f = 0 —
 * (3, 2) exactly and three others — with a local maximum and four saddles between them.
 * Which minimum a method reaches depends on where it starts and how it moves.
 */
public final class Himmelblau implements Objective {

    @Override public String name() { return "himmelblau"; }

    @Override public int dimension() { return 2; }

    @Override
    public double value(double[] p) {
        Specs.checkLength(p, 2, "x");
        double u = p[0] * p[0] + p[1] - 11, w = p[0] + p[1] * p[1] - 7;
        return u * u + w * w;
    }

    @Override
    public void gradient(double[] p, double[] g) {
        Specs.checkLength(p, 2, "x");
        Specs.checkLength(g, 2, "grad");
        double u = p[0] * p[0] + p[1] - 11, w = p[0] + p[1] * p[1] - 7;
        g[0] = 4 * p[0] * u + 2 * w;
        g[1] = 2 * u + 4 * p[1] * w;
    }

    /** The one minimum with a closed form, (3, 2); the others are roots of a cubic system. */
    @Override public Optional<double[]> minimizer() { return Optional.of(new double[]{3, 2}); }

    @Override public double[] bounds() { return new double[]{-5, 5, -5, 5}; }

    @Override public double[] start() { return new double[]{0, 0}; }
}
