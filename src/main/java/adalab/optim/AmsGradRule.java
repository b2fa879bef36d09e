package adalab.optim;

/**
 * AMSGrad's update of one element (Reddi et al. 2018): Adam's moments, the running maximum
 * v_max ← max(v_max, v), and θ ← θ − η m̂/(√(v_max/c₂) + ε), with c = 1 − βᵗ for form=pytorch and
 * no bias correction for form=reddi.
 */
final class AmsGradRule implements ElementRule {
    static final int M = 0, V = 1, VMAX = 2;
    private final AmsGrad o;

    AmsGradRule(AmsGrad o) { this.o = o; }

    @Override
    public void apply(Arithmetic m, Arithmetic u, Element e) {
        double g = e.g();
        double mt = e.s(M, m.add(m.mul(m.k(o.b1), e.s(M)), m.mul(m.k(1 - o.b1), g)));
        double vt = e.s(V, m.add(m.mul(m.k(o.b2), e.s(V)), m.mul(m.mul(m.k(1 - o.b2), g), g)));
        double w = e.s(VMAX, m.max(e.s(VMAX), vt));
        double mHat = u.div(mt, u.k(o.c1)), wHat = u.div(w, u.k(o.c2));
        double denom = o.inside ? u.sqrt(u.add(wHat, u.k(o.epsilon))) : u.add(u.sqrt(wHat), u.k(o.epsilon));
        e.x(u.sub(e.x(), u.quotient(u.mul(u.k(o.eta), mHat), denom)));
    }
}
