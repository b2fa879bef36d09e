package adalab.optim;

/**
 * AMSGrad's update of one element (Reddi et al. 2018): Adam's moments, the running maximum
 * v_max ← max(v_max, v), and θ ← θ − η m̂/(√(v_max/c₂) + ε), with c = 1 − βᵗ for form=pytorch and
 * no bias correction for form=reddi; form=optax takes the maximum over v̂ = v/c₂ instead.
 */
final class AmsGradRule implements ElementRule {
    static final int M = 0, V = 1, VMAX = 2;
    private final AmsGrad o;

    AmsGradRule(AmsGrad o) { this.o = o; }

    @Override
    public void apply(Arithmetic m, Arithmetic u, Element e) {
        double g = e.g();
        double mt = e.s(M, Moments.first(m, o.b1, e.s(M), g));
        double vt = e.s(V, Moments.second(m, o.b2, e.s(V), g));
        double w = e.s(VMAX, m.max(e.s(VMAX), o.optax ? m.div(vt, m.k(o.c2)) : vt));
        double mHat = u.div(mt, u.k(o.c1)), wHat = u.div(w, u.k(o.cw));
        double denom = Moments.denominator(u, wHat, o.epsilon, o.inside);
        e.x(u.sub(e.x(), u.quotient(u.mul(u.k(o.eta), mHat), denom)));
    }
}
