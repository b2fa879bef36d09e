package adalab.objectives;

import java.util.Optional;

/**
 * The 2-D Rosenbrock valley f(x, y) = (a − x)² + b(y − x²)², minimum 0 at (a, a²);
 * the classical start is (−1.2, 1) with a = 1, b = 100.
 */
public final class Rosenbrock implements Objective {

    private final double a, b;

    public Rosenbrock() { this(1, 100); }

    public Rosenbrock(double a, double b) {
        if (!Double.isFinite(a)) throw new IllegalArgumentException("rosenbrock a = " + a + ": allowed any finite number");
        if (!(b > 0) || Double.isInfinite(b)) throw new IllegalArgumentException("rosenbrock b = " + b + ": allowed > 0 and finite");
        this.a = a;
        this.b = b;
    }

    /** a: the minimiser's x. (Sweep's lanes use a and b: this final class's gradient is their closed form.) */
    public double a() { return a; }

    /** b: the valley's steepness. */
    public double b() { return b; }

    @Override
    public String name() {
        return a == 1 && b == 100 ? "rosenbrock" : "rosenbrock(" + Specs.fmt(a) + "," + Specs.fmt(b) + ")";
    }

    @Override public int dimension() { return 2; }

    @Override
    public double value(double[] p) {
        Specs.checkLength(p, 2, "x");
        double u = a - p[0], w = p[1] - p[0] * p[0];
        return u * u + b * w * w;
    }

    @Override
    public void gradient(double[] p, double[] g) {
        Specs.checkLength(p, 2, "x");
        Specs.checkLength(g, 2, "grad");
        double w = p[1] - p[0] * p[0];
        g[0] = -2 * (a - p[0]) - 4 * b * p[0] * w;
        g[1] = 2 * b * w;
    }

    @Override public Optional<double[]> minimizer() { return Optional.of(new double[]{a, a * a}); }

    @Override public double[] bounds() { return new double[]{-2, 2, -1, 3}; }

    @Override public double[] start() { return new double[]{-1.2, 1}; }
}
