package adalab.optim;

/**
 * RAdam's update of one element (doc 004 §8), with ρ_t and r_t from {@link RAdam#prepare}: Adam's
 * moments; when ρ_t exceeds the threshold θ ← θ − η r_t m̂/(√v̂ + ε); otherwise the fallback:
 * θ ← θ − η m̂ ("momentum"), Adam's step with r_t = 1 ("adam"), or no move ("none"). Form pytorch's
 * rectified step puts ε on √v before the correction: θ ← θ − (η r_t √(1−β₂ᵗ)) m̂/(√v + ε).
 */
final class RAdamRule implements ElementRule {
    static final int M = 0, V = 1;
    private final RAdam o;

    RAdamRule(RAdam o) { this.o = o; }

    @Override
    public void apply(Arithmetic m, Arithmetic u, Element e) {
        double g = e.g();
        double mt = e.s(M, Moments.first(m, o.b1, e.s(M), g));
        double vt = e.s(V, Moments.second(m, o.b2, e.s(V), g));
        double mHat = u.div(mt, u.k(o.c1));
        if (o.adaptive && o.torch) {
            double denom = Moments.denominator(u, vt, o.epsilon, false);
            e.x(u.sub(e.x(), u.quotient(u.mul(u.k(o.torchScale), mHat), denom)));
        } else if (o.adaptive) {
            double vHat = u.div(vt, u.k(o.c2));
            double denom = Moments.denominator(u, vHat, o.epsilon, o.inside);
            e.x(u.sub(e.x(), u.quotient(u.mul(u.mul(u.k(o.eta), u.k(o.r)), mHat), denom)));
        } else if (o.momentumOnly) {
            e.x(u.sub(e.x(), u.mul(u.k(o.eta), mHat)));
        }
    }
}
