package adalab.optim;

/**
 * RMSProp's update of one element (docs 002, 004): v ← ρv + (1−ρ)g², θ ← θ − η g/√(v + ε)
 * (eps_placement=inside, the default) or η g/(√v + ε); no step where the denominator is 0. With
 * torch's options: centered, ḡ ← ρḡ + (1−ρ)g and v − ḡ² (clamped at 0) under the root; momentum,
 * b ← μb + g/denominator and θ ← θ − ηb.
 */
final class RmsPropRule implements ElementRule {
    static final int V = 0, G_AVG = 1;
    private final RmsProp o;

    RmsPropRule(RmsProp o) { this.o = o; }

    @Override
    public void apply(Arithmetic m, Arithmetic u, Element e) {
        double g = e.g();
        double v = e.s(V, Moments.second(m, o.r, e.s(V), g));
        double w = v;
        if (o.isCentered) {
            double a = e.s(G_AVG, Moments.first(m, o.r, e.s(G_AVG), g));
            w = u.max(u.sub(v, u.mul(a, a)), 0);
        }
        double ratio = u.ratioOrZero(g, Moments.denominator(u, w, o.epsilon, o.inside));
        if (o.hasMomentum) {
            int buf = o.isCentered ? 2 : 1;
            double b = e.s(buf, m.add(m.mul(m.k(o.mu), e.s(buf)), ratio));
            e.x(u.sub(e.x(), u.mul(u.k(o.eta), b)));
        } else {
            e.x(u.sub(e.x(), u.mul(u.k(o.eta), ratio)));
        }
    }
}
