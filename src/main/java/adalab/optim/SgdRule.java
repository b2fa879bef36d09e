package adalab.optim;

/** Plain gradient descent's update of one element (doc 004): θ ← θ − η g. */
final class SgdRule implements ElementRule {
    private final Sgd o;

    SgdRule(Sgd o) { this.o = o; }

    @Override
    public void apply(Arithmetic m, Arithmetic u, Element e) {
        e.x(u.sub(e.x(), u.mul(u.k(o.eta), e.g())));
    }
}
