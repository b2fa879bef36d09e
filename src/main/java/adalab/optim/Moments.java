package adalab.optim;

/**
 * The pieces the adaptive rules share, each one operation of the documents' formulas, in the fused
 * loops' order of operations: the moment updates in the state's arithmetic and the root
 * denominator in the update's. Named rules and composed chains ({@code adalab.optim.compose}) both
 * build on these, so the two cannot drift apart in their order of operations.
 */
public final class Moments {
    private Moments() { }

    /** m ← β₁m + (1−β₁)g: the new m from the old. */
    public static double first(Arithmetic m, double beta1, double old, double g) {
        return m.add(m.mul(m.k(beta1), old), m.mul(m.k(1 - beta1), g));
    }

    /** v ← β₂v + (1−β₂)g²: the new v from the old. */
    public static double second(Arithmetic m, double beta2, double old, double g) {
        return m.add(m.mul(m.k(beta2), old), m.mul(m.mul(m.k(1 - beta2), g), g));
    }

    /** √v̂ + ε (eps_placement=outside) or √(v̂ + ε) (inside). */
    public static double denominator(Arithmetic u, double vHat, double eps, boolean inside) {
        return inside ? u.sqrt(u.add(vHat, u.k(eps))) : u.add(u.sqrt(vHat), u.k(eps));
    }
}
