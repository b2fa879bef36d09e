package adalab.objectives;

import java.util.Optional;

/** f(θ) = ½ Σ aᵢ θᵢ² with every aᵢ &gt; 0: an axis-aligned bowl with curvature aᵢ along axis i. */
public final class DiagonalQuadratic implements Objective {

    private final double[] a;

    public DiagonalQuadratic(double... a) {
        if (a == null || a.length == 0) {
            throw new IllegalArgumentException("quadratic coefficients a = [] : need at least one, each > 0 and finite");
        }
        for (int i = 0; i < a.length; i++) {
            if (!(a[i] > 0) || Double.isInfinite(a[i])) {
                throw new IllegalArgumentException("quadratic coefficient a" + (i + 1) + " = " + a[i]
                        + ": allowed > 0 and finite");
            }
        }
        this.a = a.clone();
    }

    /** The curvatures aᵢ (a copy). */
    public double[] coefficients() { return a.clone(); }

    @Override
    public String name() {
        StringBuilder b = new StringBuilder("quadratic(");
        for (int i = 0; i < a.length; i++) b.append(i == 0 ? "" : ",").append(Specs.fmt(a[i]));
        return b.append(')').toString();
    }

    @Override public int dimension() { return a.length; }

    @Override
    public double value(double[] x) {
        Specs.checkLength(x, a.length, "x");
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * x[i] * x[i];
        return 0.5 * s;
    }

    @Override
    public void gradient(double[] x, double[] grad) {
        Specs.checkLength(x, a.length, "x");
        Specs.checkLength(grad, a.length, "grad");
        for (int i = 0; i < a.length; i++) grad[i] = a[i] * x[i];
    }

    @Override public Optional<double[]> minimizer() { return Optional.of(new double[a.length]); }

    @Override
    public double[] bounds() {
        return new double[]{-4, 4, -4, 4};
    }

    /** (−3, 2, 2, ...): off both axes so the curvature difference shows. */
    @Override
    public double[] start() {
        double[] s = new double[a.length];
        java.util.Arrays.fill(s, 2);
        s[0] = -3;
        return s;
    }
}
