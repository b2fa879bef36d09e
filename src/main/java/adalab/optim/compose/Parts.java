package adalab.optim.compose;

/**
 * The parts a {@link Chain} is built from, each checked when made (a value out of range throws
 * naming the part, the key and the allowed range). Adam is
 * <pre>
 *   Chain.of(firstMoment(0.9), secondMoment(0.999), biasCorrection(), scale(1e-3), divide(1e-8, OUTSIDE))
 * </pre>
 * The order is the order of operations: scale before divide computes (η·m̂)/(√v̂ + ε) as the
 * Adam family does; divide before scale computes η·(g/√(v + ε)) as RMSProp and AdaGrad do.
 */
public final class Parts {
    private Parts() { }

    /** Coupled L2 with weight λ: g ← g + λθ before the moments. First in a chain. */
    public static Part l2(double lambda) { return Part.of(PartKind.L2, "weight_decay", lambda); }

    /** m ← β₁m + (1−β₁)g, and the update becomes m. */
    public static Part firstMoment(double beta1) { return Part.of(PartKind.FIRST_MOMENT, "beta1", beta1); }

    /** v ← β₂v + (1−β₂)g², the statistic the denominator takes its root of. */
    public static Part secondMoment(double beta2) { return Part.of(PartKind.SECOND_MOMENT, "beta2", beta2); }

    /** G ← G + g² (AdaGrad), the statistic instead of second_moment. */
    public static Part accumulate() { return Part.of(PartKind.ACCUMULATE); }

    /** vmax ← max(vmax, v) (AMSGrad): after second_moment (max of v) or after bias_correction (max of v̂). */
    public static Part maxSecondMoment() { return Part.of(PartKind.MAX_SECOND_MOMENT); }

    /** Divides the moments before it by 1 − βᵗ. */
    public static Part biasCorrection() { return Part.of(PartKind.BIAS_CORRECTION); }

    /** The Nesterov look-ahead of the momentum before it: Nadam's after first_moment, NAG's after momentum. */
    public static Part nesterov() { return Part.of(PartKind.NESTEROV); }

    /** RAdam's rectification with threshold 4 and the momentum fallback (doc 004). */
    public static Part rectify() { return Part.of(PartKind.RECTIFY); }

    /**
     * RAdam's rectification: r_t multiplies η while ρ_t &gt; threshold (≥ 4); below it, the
     * fallback: "momentum" (θ ← θ − η m̂, no divide), "adam" (r_t = 1) or "none" (no step).
     */
    public static Part rectify(double threshold, String fallback) {
        return Part.of(PartKind.RECTIFY, "threshold", threshold, "fallback", fallback);
    }

    /** The learning rate η (&gt; 0): u ← η·u, and θ ← θ − u. Schedules act on this η. */
    public static Part scale(double lr) { return Part.of(PartKind.SCALE, "lr", lr); }

    /** The root denominator: u ← u/(√s + ε) or u/√(s + ε). */
    public static Part divide(double eps, Placement placement) {
        if (placement == null) throw new IllegalArgumentException("divide: placement is null: use OUTSIDE or INSIDE");
        return Part.of(PartKind.DIVIDE, "eps", eps, "eps_placement", placement.label());
    }

    /** v ← γv + u, and the update becomes v (doc 004's momentum when scale comes before it). */
    public static Part momentum(double gamma) { return Part.of(PartKind.MOMENTUM, "gamma", gamma); }

    /** Decoupled decay λ: θ ← θ − u − ηλθ_old (AdamW). Last in a chain. */
    public static Part decay(double lambda) { return Part.of(PartKind.DECAY, "weight_decay", lambda); }
}
