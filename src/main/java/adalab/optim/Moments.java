package adalab.optim;

/**
 * The pieces the Adam family's rules share, each one operation of the documents' formulas, in the
 * fused loops' order of operations: the moment updates in the state's arithmetic and the root
 * denominator in the update's.
 */
final class Moments {
    private Moments() { }

    /** m ← β₁m + (1−β₁)g, written to state k. */
    static double first(Arithmetic m, Element e, int k, double beta1, double g) {
        return e.s(k, m.add(m.mul(m.k(beta1), e.s(k)), m.mul(m.k(1 - beta1), g)));
    }

    /** v ← β₂v + (1−β₂)g², written to state k. */
    static double second(Arithmetic m, Element e, int k, double beta2, double g) {
        return e.s(k, m.add(m.mul(m.k(beta2), e.s(k)), m.mul(m.mul(m.k(1 - beta2), g), g)));
    }

    /** √v̂ + ε (eps_placement=outside) or √(v̂ + ε) (inside). */
    static double denominator(Arithmetic u, double vHat, double eps, boolean inside) {
        return inside ? u.sqrt(u.add(vHat, u.k(eps))) : u.add(u.sqrt(vHat), u.k(eps));
    }
}
