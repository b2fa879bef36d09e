package adalab.optim;

/**
 * AdamW's update of one element (doc 004; Loshchilov &amp; Hutter): Adam's moments on the raw
 * gradient, and the decay applied to θ directly, outside the adaptive denominator:
 * θ ← θ − η m̂/(√v̂ + ε) − ηλθ.
 */
final class AdamWRule implements ElementRule {
    private final AdamW o;

    AdamWRule(AdamW o) { this.o = o; }

    @Override
    public void apply(Arithmetic m, Arithmetic u, Element e) {
        double g = e.g();
        double mt = e.s(AdamRule.M, Moments.first(m, o.b1, e.s(AdamRule.M), g));
        double vt = e.s(AdamRule.V, Moments.second(m, o.b2, e.s(AdamRule.V), g));
        double mHat = u.div(mt, u.k(o.c1)), vHat = u.div(vt, u.k(o.c2));
        double denom = Moments.denominator(u, vHat, o.epsilon, o.inside);
        double old = e.x(), eta = u.k(o.eta);
        double adam = u.quotient(u.mul(eta, mHat), denom);
        e.x(u.sub(u.sub(old, adam), u.mul(u.mul(eta, u.k(o.lambda)), old)));
    }
}
