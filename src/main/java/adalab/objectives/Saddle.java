package adalab.objectives;

/** f(x, y) = x² − y²: a saddle at the origin and no minimiser (f is unbounded below along y). */
public final class Saddle implements Objective {

    @Override public String name() { return "saddle"; }

    @Override public int dimension() { return 2; }

    @Override
    public double value(double[] p) {
        Specs.checkLength(p, 2, "x");
        return p[0] * p[0] - p[1] * p[1];
    }

    @Override
    public void gradient(double[] p, double[] g) {
        Specs.checkLength(p, 2, "x");
        Specs.checkLength(g, 2, "grad");
        g[0] = 2 * p[0];
        g[1] = -2 * p[1];
    }

    /** Almost on the attracting x axis: plain gradient descent creeps towards the saddle before escaping. */
    @Override public double[] start() { return new double[]{-1.5, 1e-3}; }
}
