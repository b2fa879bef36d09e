package adalab.objectives;

import java.util.Optional;

/**
 * f seen through θ = b∘z (elementwise, every bᵢ ≠ 0): value(z) = f(b∘z) and, by the chain rule,
 * ∇_z = b∘∇f(b∘z). Gradient descent on z is not gradient descent on θ (the step in θ is scaled by
 * b²), and AdaGrad is not invariant either (doc 001); Newton's method would be.
 */
public final class Reparameterized implements Objective {

    private final Objective f;
    private final double[] b;

    public Reparameterized(Objective f, double... b) {
        if (f == null) throw new IllegalArgumentException("reparam: the wrapped objective is null");
        if (b == null || b.length != f.dimension()) {
            throw new IllegalArgumentException("reparam scales b has " + (b == null ? "no" : "" + b.length)
                    + " elements: need " + f.dimension() + " (one per parameter of " + f.name() + ")");
        }
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0 || !Double.isFinite(b[i])) {
                throw new IllegalArgumentException("reparam scale b" + i + " = " + b[i] + ": allowed finite and nonzero");
            }
        }
        this.f = f;
        this.b = b.clone();
    }

    public Objective inner() { return f; }

    public double[] scales() { return b.clone(); }

    /** θ = b∘z. */
    public double[] toTheta(double[] z) {
        Specs.checkLength(z, b.length, "z");
        double[] t = new double[b.length];
        for (int i = 0; i < b.length; i++) t[i] = b[i] * z[i];
        return t;
    }

    /** z = θ / b. */
    public double[] toZ(double[] theta) {
        Specs.checkLength(theta, b.length, "theta");
        double[] z = new double[b.length];
        for (int i = 0; i < b.length; i++) z[i] = theta[i] / b[i];
        return z;
    }

    /** Every row mapped to θ (for plotting a z-run in the original coordinates). */
    public double[][] toTheta(double[][] zs) {
        double[][] out = new double[zs.length][];
        for (int k = 0; k < zs.length; k++) out[k] = toTheta(zs[k]);
        return out;
    }

    @Override public String name() { return f.name() + " in z (θ = b∘z)"; }

    @Override public int dimension() { return b.length; }

    @Override public double value(double[] z) { return f.value(toTheta(z)); }

    @Override
    public void gradient(double[] z, double[] g) {
        Specs.checkLength(g, b.length, "grad");
        f.gradient(toTheta(z), g);
        for (int i = 0; i < b.length; i++) g[i] *= b[i];
    }

    @Override
    public double evaluate(double[] z, double[] g, long t) {
        Specs.checkLength(g, b.length, "grad");
        double l = f.evaluate(toTheta(z), g, t);
        for (int i = 0; i < b.length; i++) g[i] *= b[i];
        return l;
    }

    @Override public Optional<double[]> minimizer() { return f.minimizer().map(this::toZ); }

    /** f's plot window mapped to z (a negative bᵢ swaps the ends). */
    @Override
    public double[] bounds() {
        double[] w = f.bounds().clone();
        for (int i = 0; i < Math.min(2, b.length); i++) {
            double lo = w[2 * i] / b[i], hi = w[2 * i + 1] / b[i];
            w[2 * i] = Math.min(lo, hi);
            w[2 * i + 1] = Math.max(lo, hi);
        }
        return w;
    }

    @Override public double[] start() { return toZ(f.start()); }
}
