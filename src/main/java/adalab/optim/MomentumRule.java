package adalab.optim;

/**
 * Momentum's update of one element (docs 003, 004): v ← γv + ηg, θ ← θ − v. For NAG the same
 * update, with the gradient taken at the look-ahead point θ − γv ({@link #gradientPoint}).
 */
final class MomentumRule implements ElementRule {
    static final int V = 0;
    private final Momentum o;
    private final boolean nesterov;

    MomentumRule(Momentum o, boolean nesterov) {
        this.o = o;
        this.nesterov = nesterov;
    }

    @Override
    public void apply(Arithmetic m, Arithmetic u, Element e) {
        double v = e.s(V, m.add(m.mul(m.k(o.gam), e.s(V)), m.mul(m.k(o.eta), e.g())));
        e.x(u.sub(e.x(), v));
    }

    /** NAG: θ − γv, with the γ in force now (a set() after the last step counts). */
    @Override
    public double gradientPoint(Arithmetic u, Element e) {
        return nesterov ? u.sub(e.x(), u.mul(u.k(o.gamma.value()), e.s(V))) : e.x();
    }
}
