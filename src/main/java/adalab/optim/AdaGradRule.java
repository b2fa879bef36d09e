package adalab.optim;

/**
 * AdaGrad's update of one element (docs 000, 001, 004): G ← G + g², θ ← θ − η g/√(G + ε)
 * (eps_placement=inside, the default) or η g/(√G + ε); no step where the denominator is 0.
 */
final class AdaGradRule implements ElementRule {
    static final int G = 0;
    private final AdaGrad o;

    AdaGradRule(AdaGrad o) { this.o = o; }

    @Override
    public void apply(Arithmetic m, Arithmetic u, Element e) {
        double g = e.g();
        double acc = e.s(G, m.add(e.s(G), m.mul(g, g)));
        double denom = Moments.denominator(u, acc, o.epsilon, o.inside);
        e.x(u.sub(e.x(), u.mul(u.k(o.eta), u.ratioOrZero(g, denom))));
    }
}
