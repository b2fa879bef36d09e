package adalab.optim;

/**
 * Adam's update of one element (docs 000, 002, 003, 004), with the scalars of {@link Adam#prepare}:
 * <pre>
 *   g ← g + λθ                                  (coupled L2, λ = weight_decay)
 *   m ← β₁m + (1−β₁)g        v ← β₂v + (1−β₂)g²
 *   m̂ = m/c₁   v̂ = v/c₂     (c = 1 − βᵗ, or 1 with bias_correction=off)
 *   θ ← θ − η m̂/(√v̂ + ε)    or η m̂/√(v̂ + ε) with eps_placement=inside
 * </pre>
 */
final class AdamRule implements ElementRule {
    static final int M = 0, V = 1;
    private final Adam o;

    AdamRule(Adam o) { this.o = o; }

    @Override
    public void apply(Arithmetic m, Arithmetic u, Element e) {
        double g = m.add(e.g(), m.mul(m.k(o.lambda), e.x()));
        double mt = e.s(M, Moments.first(m, o.b1, e.s(M), g));
        double vt = e.s(V, Moments.second(m, o.b2, e.s(V), g));
        double mHat = u.div(mt, u.k(o.c1)), vHat = u.div(vt, u.k(o.c2));
        double denom = Moments.denominator(u, vHat, o.epsilon, o.inside);
        e.x(u.sub(e.x(), u.quotient(u.mul(u.k(o.eta), mHat), denom)));
    }
}
