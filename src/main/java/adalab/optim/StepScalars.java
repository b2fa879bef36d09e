package adalab.optim;

import java.util.Map;

/**
 * An optimizer whose steps have named scalars worth tracing (RAdam's ρ_t and r_t, AMSGrad's bias
 * corrections). {@code Run} records them per row with {@code Recording.scalars(true)}.
 */
public interface StepScalars {
    /**
     * The scalars of the last step taken, by name, in a fixed order; empty before the first step.
     * Computed from the step number and the hyperparameters, so also right after restore().
     */
    Map<String, Double> stepScalars();
}
