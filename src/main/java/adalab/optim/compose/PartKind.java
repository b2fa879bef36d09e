package adalab.optim.compose;

import adalab.optim.Hyperparameter.Range;

import java.util.List;

/**
 * The parts a chain is made of, each one step of the documents' formulas, in the order a chain
 * usually lists them. The update u starts as the gradient g and flows through the parts; the
 * second moment's statistic s flows beside it to the denominator; θ ← θ − u at the end.
 */
public enum PartKind {
    /** Coupled L2: g ← g + λθ, so the decay passes through the moments (Adam's weight_decay). */
    L2("l2", null, Param.number("weight_decay", "λ", 0.01, Range.nonNegative())),
    /** m ← β₁m + (1−β₁)g; u becomes m. */
    FIRST_MOMENT("first_moment", "m", Param.number("beta1", "β₁", 0.9, Range.unitHalfOpen())),
    /** v ← β₂v + (1−β₂)g²; s becomes v. */
    SECOND_MOMENT("second_moment", "v", Param.number("beta2", "β₂", 0.999, Range.unitHalfOpen())),
    /** G ← G + g² (AdaGrad's sum instead of a moving average); s becomes G. */
    ACCUMULATE("accumulate", "G"),
    /** vmax ← max(vmax, s): AMSGrad's denominator that never shrinks; s becomes vmax. */
    MAX_SECOND_MOMENT("max_second_moment", "vmax"),
    /** u ← u/(1−β₁ᵗ) and s ← s/(1−β₂ᵗ), for first_moment and second_moment if they come before it. */
    BIAS_CORRECTION("bias_correction", null),
    /**
     * After first_moment: Nadam's look-ahead in the moment, u ← β₁u + (1−β₁)g/(1−β₁ᵗ) (doc 004).
     * After momentum: NAG's, the gradient is taken at θ − γv.
     */
    NESTEROV("nesterov", null),
    /** RAdam's r_t multiplies η when ρ_t &gt; threshold; otherwise the fallback (momentum, adam or none). */
    RECTIFY("rectify", null, Param.number("threshold", "threshold", 4, Range.atLeast(4)),
            Param.choice("fallback", false, "momentum", "adam", "none")),
    /** The learning rate: u ← η·u (θ ← θ − u at the end; optax writes it scale(−η)). */
    SCALE("scale", null, Param.number("lr", "η", 1e-3, Range.positive())),
    /** u ← u/(√s + ε) (outside) or u/√(s + ε) (inside): the root denominator. */
    DIVIDE("divide", null, Param.number("eps", "ε", 1e-8, Range.nonNegative()),
            Param.choice("eps_placement", true, "outside", "inside")),
    /** v ← γv + u; u becomes v (doc 004's momentum, the learning rate inside the buffer when scale comes first). */
    MOMENTUM("momentum", "v", Param.number("gamma", "γ", 0.9, Range.unitHalfOpen())),
    /** Decoupled decay: θ ← θ − u − ηλθ_old, outside the denominator (AdamW). */
    DECAY("decay", null, Param.number("weight_decay", "λ", 0.01, Range.nonNegative()));

    private final String label;
    private final String state;
    private final List<Param> params;

    PartKind(String label, String state, Param... params) {
        this.label = label;
        this.state = state;
        this.params = List.of(params);
    }

    /** The name a chain prints and parses, e.g. "first_moment". */
    public String label() { return label; }

    /** The name of the per-parameter state this part keeps, or null. */
    String state() { return state; }

    List<Param> params() { return params; }

    static PartKind of(String label) {
        for (PartKind k : values()) if (k.label.equals(label)) return k;
        return null;
    }

    static String labels() {
        StringBuilder b = new StringBuilder();
        for (PartKind k : values()) b.append(b.length() == 0 ? "" : ", ").append(k.label);
        return b.toString();
    }
}
