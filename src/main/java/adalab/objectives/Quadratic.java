package adalab.objectives;

import java.util.Optional;

/**
 * f(θ) = ½ θᵀAθ − bᵀθ with A symmetric. When A is positive definite the minimiser is A⁻¹b;
 * otherwise (indefinite: a saddle) there is none.
 */
public class Quadratic implements Objective {

    private final double[][] a;
    private final double[] b;
    private final double[] min;     // null when A is not positive definite
    private final String label;

    public Quadratic(double[][] a) { this(a, null); }

    /** @param b linear term (null = 0) */
    public Quadratic(double[][] a, double[] b) { this(a, b, null); }

    Quadratic(double[][] a, double[] b, String label) {
        if (a == null || a.length == 0) throw new IllegalArgumentException("quadratic matrix A is empty: need an n×n symmetric matrix");
        int n = a.length;
        double scale = 0;
        for (int i = 0; i < n; i++) {
            if (a[i] == null || a[i].length != n) {
                throw new IllegalArgumentException("quadratic matrix A row " + i + " has "
                        + (a[i] == null ? "no" : "" + a[i].length) + " elements: A must be " + n + "×" + n);
            }
            for (int j = 0; j < n; j++) {
                Specs.finite("A[" + i + "][" + j + "]", a[i][j]);
                scale = Math.max(scale, Math.abs(a[i][j]));
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (Math.abs(a[i][j] - a[j][i]) > 1e-12 * scale) {
                    throw new IllegalArgumentException("quadratic matrix A[" + i + "][" + j + "] = " + a[i][j] + " but A["
                            + j + "][" + i + "] = " + a[j][i] + ": A must be symmetric");
                }
            }
        }
        if (b != null) {
            if (b.length != n) throw new IllegalArgumentException("quadratic vector b has " + b.length + " elements: need " + n);
            for (int i = 0; i < n; i++) Specs.finite("b[" + i + "]", b[i]);
        }
        this.a = LinAlg.copy(a);
        this.b = b == null ? new double[n] : b.clone();
        this.min = LinAlg.positiveDefinite(this.a) ? LinAlg.solve(this.a, this.b) : null;
        this.label = label;
    }

    /** A (a copy). */
    public double[][] matrix() { return LinAlg.copy(a); }

    /** b (a copy). */
    public double[] linear() { return b.clone(); }

    public boolean positiveDefinite() { return min != null; }

    @Override
    public String name() {
        if (label != null) return label;
        StringBuilder s = new StringBuilder("quadratic[");
        for (int i = 0; i < a.length; i++) {
            s.append(i == 0 ? "" : ";");
            for (int j = 0; j < a.length; j++) s.append(j == 0 ? "" : ",").append(Specs.fmt(a[i][j]));
        }
        s.append(']');
        boolean zero = true;
        for (double v : b) zero &= v == 0;
        if (!zero) {
            s.append(" b=(");
            for (int i = 0; i < b.length; i++) s.append(i == 0 ? "" : ",").append(Specs.fmt(b[i]));
            s.append(')');
        }
        return s.toString();
    }

    @Override public int dimension() { return a.length; }

    @Override
    public double value(double[] x) {
        Specs.checkLength(x, a.length, "x");
        double s = 0;
        for (int i = 0; i < a.length; i++) s += x[i] * (0.5 * LinAlg.dot(a[i], x) - b[i]);
        return s;
    }

    @Override
    public void gradient(double[] x, double[] g) {
        Specs.checkLength(x, a.length, "x");
        Specs.checkLength(g, a.length, "grad");
        for (int i = 0; i < a.length; i++) g[i] = LinAlg.dot(a[i], x) - b[i];
    }

    @Override public Optional<double[]> minimizer() { return Optional.ofNullable(min == null ? null : min.clone()); }

    @Override
    public double[] bounds() {
        double cx = min == null ? 0 : min[0], cy = min == null || min.length < 2 ? 0 : min[1];
        return new double[]{cx - 4, cx + 4, cy - 4, cy + 4};
    }

    /** 3 units off the minimiser (or the origin) along (−1, 1, 1, ...). */
    @Override
    public double[] start() {
        double[] s = min == null ? new double[a.length] : min.clone();
        s[0] -= 3;
        for (int i = 1; i < s.length; i++) s[i] += 2;
        return s;
    }
}
