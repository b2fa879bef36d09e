package adalab.objectives;

import java.util.Optional;

/**
 * Rastrigin's function f(x) = A·d + Σ (xᵢ² − A cos 2πxᵢ), A = 10 by default: a bowl with a local
 * minimum near every integer point; the global minimum is 0 at the origin.
 */
public final class Rastrigin implements Objective {

    private final int d;
    private final double amplitude;

    public Rastrigin(int dimension) { this(dimension, 10); }

    public Rastrigin(int dimension, double amplitude) {
        if (dimension < 1) throw new IllegalArgumentException("rastrigin dimension = " + dimension + ": allowed an integer >= 1");
        Specs.positive("rastrigin amplitude A", amplitude);
        this.d = dimension;
        this.amplitude = amplitude;
    }

    public double amplitude() { return amplitude; }

    @Override
    public String name() { return "rastrigin(d=" + d + (amplitude == 10 ? "" : ",A=" + Specs.fmt(amplitude)) + ")"; }

    @Override public int dimension() { return d; }

    @Override
    public double value(double[] p) {
        Specs.checkLength(p, d, "x");
        double s = amplitude * d;
        for (double x : p) s += x * x - amplitude * Math.cos(2 * Math.PI * x);
        return s;
    }

    @Override
    public void gradient(double[] p, double[] g) {
        Specs.checkLength(p, d, "x");
        Specs.checkLength(g, d, "grad");
        for (int i = 0; i < d; i++) g[i] = 2 * p[i] + 2 * Math.PI * amplitude * Math.sin(2 * Math.PI * p[i]);
    }

    @Override public Optional<double[]> minimizer() { return Optional.of(new double[d]); }

    @Override public double[] bounds() { return new double[]{-5.12, 5.12, -5.12, 5.12}; }

    @Override
    public double[] start() {
        double[] x = new double[d];
        java.util.Arrays.fill(x, 2.2);
        return x;
    }
}
