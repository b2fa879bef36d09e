package adalab.optim;

/**
 * RAdam's update of one element (doc 004 §8), with ρ_t and r_t from {@link RAdam#prepare}: Adam's
 * moments; when ρ_t exceeds the threshold θ ← θ − η r_t m̂/(√v̂ + ε); otherwise the fallback:
 * θ ← θ − η m̂ ("momentum"), Adam's step with r_t = 1 ("adam"), or no move ("none").
 */
final class RAdamRule implements ElementRule {
    static final int M = 0, V = 1;
    private final RAdam o;

    RAdamRule(RAdam o) { this.o = o; }

    @Override
    public void apply(Arithmetic m, Arithmetic u, Element e) {
        double g = e.g();
        double mt = e.s(M, m.add(m.mul(m.k(o.b1), e.s(M)), m.mul(m.k(1 - o.b1), g)));
        double vt = e.s(V, m.add(m.mul(m.k(o.b2), e.s(V)), m.mul(m.mul(m.k(1 - o.b2), g), g)));
        double mHat = u.div(mt, u.k(o.c1));
        if (o.adaptive) {
            double vHat = u.div(vt, u.k(o.c2));
            double denom = o.inside ? u.sqrt(u.add(vHat, u.k(o.epsilon))) : u.add(u.sqrt(vHat), u.k(o.epsilon));
            e.x(u.sub(e.x(), u.quotient(u.mul(u.mul(u.k(o.eta), u.k(o.r)), mHat), denom)));
        } else if (o.momentumOnly) {
            e.x(u.sub(e.x(), u.mul(u.k(o.eta), mHat)));
        }
    }
}
