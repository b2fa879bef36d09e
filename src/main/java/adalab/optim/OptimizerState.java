package adalab.optim;

import java.util.Map;

/**
 * An immutable deep copy of an optimizer's state: step count, per-parameter arrays
 * ({@code double[]} or {@code float[]} by precision) and scalar state. Restoring it into an
 * optimizer of the same kind makes the run continue bit-identically.
 */
public record OptimizerState(String optimizer, long step, long skipped, int size, Precision precision,
                             Map<String, Object> arrays, double[] scalars) {
    public enum Precision { DOUBLE, FLOAT }
}
