package adalab.optim;

/**
 * Nadam's update of one element, with the scalars of {@link Nadam#prepare}: Adam's moments, then
 * <pre>
 *   doc004:  θ ← θ − η m̂′/(√v̂ + ε),   m̂′ = β₁ (m/c₁) + (1−β₁) g/c₁
 *   dozat:   θ ← θ + c_g g/(√v̂ + ε) + c_m m/(√v̂ + ε)   (PyTorch's two updates, in its order)
 * </pre>
 */
final class NadamRule implements ElementRule {
    static final int M = 0, V = 1;
    private final Nadam o;

    NadamRule(Nadam o) { this.o = o; }

    @Override
    public void apply(Arithmetic m, Arithmetic u, Element e) {
        double g = e.g();
        double mt = e.s(M, Moments.first(m, o.b1, e.s(M), g));
        double vt = e.s(V, Moments.second(m, o.b2, e.s(V), g));
        double vHat = u.div(vt, u.k(o.c2));
        double denom = Moments.denominator(u, vHat, o.epsilon, o.inside);
        if (o.dozat) {
            double x = u.add(e.x(), u.mul(u.k(o.cg), u.quotient(g, denom)));
            e.x(u.add(x, u.mul(u.k(o.cm), u.quotient(mt, denom))));
        } else {
            double c1 = u.k(o.c1);
            double mHatPrime = u.add(u.mul(u.k(o.b1), u.div(mt, c1)), u.div(u.mul(u.k(1 - o.b1), g), c1));
            e.x(u.sub(e.x(), u.quotient(u.mul(u.k(o.eta), mHatPrime), denom)));
        }
    }
}
