package adalab.objectives;

import java.util.Optional;

/**
 * Beale's function (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²: minimum 0 at (3, 0.5),
 * a flat valley and steep walls; the visualisation repositories start it at (3, 4) (claims.md §4).
 */
public final class Beale implements Objective {

    private static final double[] C = {1.5, 2.25, 2.625};

    @Override public String name() { return "beale"; }

    @Override public int dimension() { return 2; }

    @Override
    public double value(double[] p) {
        Specs.checkLength(p, 2, "x");
        double x = p[0], y = p[1], s = 0, yk = 1;
        for (double c : C) {
            yk *= y;
            double r = c - x + x * yk;
            s += r * r;
        }
        return s;
    }

    @Override
    public void gradient(double[] p, double[] g) {
        Specs.checkLength(p, 2, "x");
        Specs.checkLength(g, 2, "grad");
        double x = p[0], y = p[1], gx = 0, gy = 0, ykm1 = 1;
        for (int k = 1; k <= 3; k++) {
            double yk = ykm1 * y;
            double r = C[k - 1] - x + x * yk;
            gx += 2 * r * (yk - 1);
            gy += 2 * r * x * k * ykm1;
            ykm1 = yk;
        }
        g[0] = gx;
        g[1] = gy;
    }

    @Override public Optional<double[]> minimizer() { return Optional.of(new double[]{3, 0.5}); }

    @Override public double[] bounds() { return new double[]{-4.5, 4.5, -4.5, 4.5}; }

    @Override public double[] start() { return new double[]{3, 4}; }
}
