package adalab.objectives;

import java.util.Optional;

/**
 * The 1-D tilted double well f(x) = (x² − 1)² + a·x: two minima near ±1 separated by a maximum near 0.
 * A tilt a > 0 lowers the left well, so the right one is a local minimum only. Both wells exist while
 * |a| < 8/(3√3) ≈ 1.5396 (the cubic f′ = 4x³ − 4x + a has three real roots).
 */
public final class TiltedDoubleWell implements Objective {

    /** The largest tilt that keeps two minima: 8/(3√3). */
    public static final double MAX_TILT = 8 / (3 * Math.sqrt(3));

    private final double a;
    private final double[] critical;   // left minimum, maximum, right minimum

    public TiltedDoubleWell(double tilt) {
        if (!(Math.abs(tilt) < MAX_TILT)) {
            throw new IllegalArgumentException("double well tilt a = " + tilt + ": allowed |a| < 8/(3√3) = " + MAX_TILT + " (two minima)");
        }
        this.a = tilt;
        this.critical = new double[]{root(-2, -1 / Math.sqrt(3)), root(-1 / Math.sqrt(3), 1 / Math.sqrt(3)), root(1 / Math.sqrt(3), 2)};
    }

    /** The root of f′ in [lo, hi], where f′ changes sign (f′ is monotone between the extrema of f′, ±1/√3). */
    private double root(double lo, double hi) {
        double flo = derivative(lo);
        for (int k = 0; k < 200 && hi - lo > 0; k++) {
            double mid = 0.5 * (lo + hi);
            if (mid == lo || mid == hi) break;
            double fm = derivative(mid);
            if ((fm > 0) == (flo > 0)) { lo = mid; flo = fm; } else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    private double derivative(double x) { return 4 * x * (x * x - 1) + a; }

    public double tilt() { return a; }

    /** The stationary points {left minimum, maximum, right minimum}, by bisection on f′. */
    public double[] criticalPoints() { return critical.clone(); }

    @Override
    public String name() { return "double-well(a=" + Specs.fmt(a) + ")"; }

    @Override public int dimension() { return 1; }

    @Override
    public double value(double[] p) {
        Specs.checkLength(p, 1, "x");
        double u = p[0] * p[0] - 1;
        return u * u + a * p[0];
    }

    @Override
    public void gradient(double[] p, double[] g) {
        Specs.checkLength(p, 1, "x");
        Specs.checkLength(g, 1, "grad");
        g[0] = derivative(p[0]);
    }

    /** The global minimum: the left well for a > 0, the right for a < 0; the left one for a = 0 (both are global). */
    @Override
    public Optional<double[]> minimizer() { return Optional.of(new double[]{a >= 0 ? critical[0] : critical[2]}); }

    @Override public double[] bounds() { return new double[]{-2, 2, -1, 4}; }

    /** In the right well, above its minimum. */
    @Override public double[] start() { return new double[]{1.8}; }
}
