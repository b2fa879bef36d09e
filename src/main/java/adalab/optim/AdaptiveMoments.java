package adalab.optim;

import adalab.optim.Hyperparameter.Range;

/**
 * The hyperparameters the Adam family shares — η, β₁, β₂, ε and where ε goes — with the
 * documents' defaults and fluent setters that return the concrete optimizer, so that
 * {@code new RAdam().lr(0.01).fallback("adam")} reads as one sentence.
 */
public abstract class AdaptiveMoments<S extends AdaptiveMoments<S>> extends Optimizer {
    final Hyperparameter lr = number("lr", 1e-3, Range.positive());
    final Hyperparameter beta1 = number("beta1", 0.9, Range.unitHalfOpen());
    final Hyperparameter beta2 = number("beta2", 0.999, Range.unitHalfOpen());
    final Hyperparameter eps = number("eps", 1e-8, Range.nonNegative());
    final Hyperparameter epsPlacement = choice("eps_placement", "outside", "outside", "inside");

    AdaptiveMoments(String name, String[] stateNames, int scalarCount) {
        super(name, stateNames, scalarCount);
    }

    @SuppressWarnings("unchecked")
    private S self() { return (S) this; }

    public S lr(double x) { set("lr", x); return self(); }
    public S beta1(double x) { set("beta1", x); return self(); }
    public S beta2(double x) { set("beta2", x); return self(); }
    public S eps(double x) { set("eps", x); return self(); }
    /** ε inside the root, √(v̂ + ε), instead of the documents' √v̂ + ε. */
    public S epsInside(boolean inside) { set("eps_placement", inside ? "inside" : "outside"); return self(); }

    /** The last step's c1 = 1 − β₁ᵗ and c2 = 1 − β₂ᵗ (both 1 when not corrected); empty before the first step. */
    final java.util.Map<String, Double> biasCorrections(boolean corrected) {
        long t = step();
        if (t == 0) return java.util.Map.of();
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("c1", corrected ? 1 - Math.pow(beta1.value(), t) : 1.0);
        m.put("c2", corrected ? 1 - Math.pow(beta2.value(), t) : 1.0);
        return m;
    }
}
