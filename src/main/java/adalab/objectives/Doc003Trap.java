package adalab.objectives;

import java.util.Optional;

/**
 * The failure case of 003_cf5bcc6172c370e3.txt ("高级考量与潜在陷阱"): the optimum is at the
 * origin; "in the region near the origin (e.g. |x| ≤ δ) a special gradient source produces a
 * huge gradient, and far from it a small one"; started near but not at the origin, Adam's first
 * step meets a huge gradient G₀ that kicks m and fills v with G₀², after which v decays slowly,
 * the effective rate stays tiny, and if the kick carried x past the origin the decaying momentum
 * keeps pushing it away until m changes sign.
 *
 * <p>Built literally as a 1-D function with exact gradients:
 * f(x) = G|x| for |x| ≤ δ and Gδ + g(|x| − δ) outside, with inner slope G ≫ outer slope g > 0.
 * Minimum 0 at x = 0 (where the reported gradient is 0); the gradient is ±G inside and ±g outside
 * (at |x| = δ exactly: ±G).
 *
 * <p>Note: the document calls the problem convex, but no convex function can have this gradient:
 * a convex f's derivative is non-decreasing, so |f′| cannot shrink moving away from the minimum.
 * This f is unimodal (quasi-convex) with concave kinks at ±δ; the document's "special gradient
 * source" wording suggests it had a gradient oracle, not ∇f, in mind. Adam's trap does not depend
 * on the difference: it sees only the gradients.
 */
public final class Doc003Trap implements Objective {

    private final double delta, inner, outer;

    /** δ = 0.1, inner slope 1000, outer slope 1. */
    public Doc003Trap() { this(0.1, 1000, 1); }

    public Doc003Trap(double delta, double innerSlope, double outerSlope) {
        Specs.positive("trap delta", delta);
        Specs.positive("trap inner slope", innerSlope);
        Specs.positive("trap outer slope", outerSlope);
        if (!(innerSlope > outerSlope)) {
            throw new IllegalArgumentException("trap inner slope = " + innerSlope + " with outer slope = " + outerSlope
                    + ": the inner slope must be larger (a huge gradient near the optimum)");
        }
        this.delta = delta;
        this.inner = innerSlope;
        this.outer = outerSlope;
    }

    public double delta() { return delta; }

    public double innerSlope() { return inner; }

    public double outerSlope() { return outer; }

    @Override
    public String name() { return "trap(" + Specs.fmt(delta) + "," + Specs.fmt(inner) + "," + Specs.fmt(outer) + ")"; }

    @Override public int dimension() { return 1; }

    @Override
    public double value(double[] p) {
        Specs.checkLength(p, 1, "x");
        double a = Math.abs(p[0]);
        return a <= delta ? inner * a : inner * delta + outer * (a - delta);
    }

    @Override
    public void gradient(double[] p, double[] g) {
        Specs.checkLength(p, 1, "x");
        Specs.checkLength(g, 1, "grad");
        double x = p[0];
        g[0] = Math.signum(x) * (Math.abs(x) <= delta ? inner : outer);
    }

    @Override public Optional<double[]> minimizer() { return Optional.of(new double[]{0}); }

    /** x range, then loss range. */
    @Override
    public double[] bounds() {
        double w = 10 * delta;
        return new double[]{-w, w, 0, value(new double[]{w})};
    }

    /** Near but not at the optimum: δ/2. */
    @Override public double[] start() { return new double[]{delta / 2}; }
}
