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
}
