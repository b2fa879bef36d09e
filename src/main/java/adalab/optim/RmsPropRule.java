package adalab.optim;

/**
 * RMSProp's update of one element (docs 002, 004): v ← ρv + (1−ρ)g², θ ← θ − η g/√(v + ε)
 * (eps_placement=inside, the default) or η g/(√v + ε); no step where the denominator is 0.
 */
final class RmsPropRule implements ElementRule {
    static final int V = 0;
    private final RmsProp o;

    RmsPropRule(RmsProp o) { this.o = o; }

    @Override
    public void apply(Arithmetic m, Arithmetic u, Element e) {
        double g = e.g();
        double v = e.s(V, Moments.second(m, o.r, e.s(V), g));
        double denom = Moments.denominator(u, v, o.epsilon, o.inside);
        e.x(u.sub(e.x(), u.mul(u.k(o.eta), u.ratioOrZero(g, denom))));
    }
}
