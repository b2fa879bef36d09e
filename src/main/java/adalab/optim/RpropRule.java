package adalab.optim;

/**
 * Rprop's update of one element (doc 004): the step size Δ grows by η⁺ (up to Δmax) while the
 * gradient keeps its sign, shrinks by η⁻ (down to Δmin) when it flips, and θ moves by −sign(g)·Δ.
 * On a flip, "doc004" skips the move, "rprop+" takes the last move back, "rprop-" moves anyway;
 * doc004 and rprop+ then forget the gradient so the next step counts as a fresh start.
 */
final class RpropRule implements ElementRule {
    static final int DELTA = 0, G_PREV = 1, PREV_UPDATE = 2;
    private final Rprop o;

    RpropRule(Rprop o) { this.o = o; }

    @Override
    public void apply(Arithmetic m, Arithmetic u, Element e) {
        double g = e.g(), sg = Math.signum(g);
        double same = sg * Math.signum(e.s(G_PREV)); // sign products are exact in every format
        double d = e.s(DELTA), step, keep = g;
        if (same > 0) {
            d = m.min(m.mul(m.k(o.up), d), m.k(o.dMax));
            step = -sg * d;
        } else if (same < 0) {
            d = m.max(m.mul(m.k(o.down), d), m.k(o.dMin));
            if (o.mode == Rprop.MINUS) {
                step = -sg * d;
            } else {
                step = o.mode == Rprop.PLUS ? -e.s(PREV_UPDATE) : 0;
                keep = 0;
            }
        } else {
            step = -sg * d;
        }
        e.s(DELTA, d);
        e.s(G_PREV, keep);
        e.s(PREV_UPDATE, step);
        e.x(u.add(e.x(), step));
    }
}
