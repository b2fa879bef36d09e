package adalab.optim;

/**
 * ASGD's update of one element (doc 004): θ ← θ − ηg, and from step avg_start on the moving
 * average θ̄ ← αθ̄ + (1−α)θ, where θ̄ before the first step is θ₀; before avg_start θ̄ follows θ.
 * average=arithmetic: the mean of the iterates from avg_start on, θ̄ ← θ̄ + (θ − θ̄)/(t − avg_start + 1).
 */
final class AsgdRule implements ElementRule {
    static final int AVG = 0;
    private final Asgd o;

    AsgdRule(Asgd o) { this.o = o; }

    @Override
    public void apply(Arithmetic m, Arithmetic u, Element e) {
        double old = e.x();
        double x = e.x(u.sub(old, u.mul(u.k(o.eta), e.g())));
        if (o.averaging && o.arithmetic) {
            double avg = e.s(AVG);
            e.s(AVG, o.count == 1 ? m.k(x) : m.add(avg, m.div(m.sub(m.k(x), avg), m.k(o.count))));
        } else if (o.averaging) {
            double prev = o.first ? m.k(old) : e.s(AVG);
            e.s(AVG, m.add(m.mul(m.k(o.a), prev), m.mul(m.k(1 - o.a), x)));
        } else {
            e.s(AVG, m.k(x));
        }
    }
}
