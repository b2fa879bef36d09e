package adalab.optim;

/**
 * AdaDelta's update of one element (docs 002, 004), no learning rate:
 * <pre>
 *   E[g²] ← ρE[g²] + (1−ρ)g²
 *   Δθ = −√(E[Δθ²] + ε)/√(E[g²] + ε) · g
 *   E[Δθ²] ← ρE[Δθ²] + (1−ρ)Δθ²          θ ← θ + Δθ
 * </pre>
 */
final class AdaDeltaRule implements ElementRule {
    static final int EG = 0, EDX = 1;
    private final AdaDelta o;

    AdaDeltaRule(AdaDelta o) { this.o = o; }

    @Override
    public void apply(Arithmetic m, Arithmetic u, Element e) {
        double g = e.g();
        double eg = e.s(EG, Moments.second(m, o.r, e.s(EG), g));
        double eps = u.k(o.epsilon);
        double dx = u.mul(u.div(-u.sqrt(u.add(e.s(EDX), eps)), u.sqrt(u.add(eg, eps))), g);
        e.s(EDX, Moments.second(m, o.r, e.s(EDX), dx)); // E[Δθ²], the same average of Δθ²
        e.x(u.add(e.x(), dx));
    }
}
