package adalab.optim.compose;

/**
 * A chain's hyperparameters and per-step scalars as its step reads them, written by
 * {@link Chain#prepare} before the elements run (in double; the step rounds them into its
 * arithmetic). One object per chain, read by every thread of a parallel step.
 */
final class StepValues {
    double eta, b1, b2, eps, l2, decay, gamma;
    boolean inside;
    /** 1 − β₁ᵗ and 1 − β₂ᵗ for bias_correction (1 when not corrected). */
    double c1 = 1, c2 = 1;
    /** rectify: r_t multiplies η (adaptive step; r = 1 for the "adam" fallback). */
    boolean rectified;
    double r = 1;
    /** rectify's "momentum" fallback: no divide this step; its "none" fallback: u = 0 from rectify on. */
    boolean skipDivide, noStep;
}
