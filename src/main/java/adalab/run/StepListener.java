package adalab.run;

import java.util.Objects;

/**
 * Called by a running loop after each optimizer step. Steps count from 1 (as {@code Optimizer.step()}).
 * {@code params} is the loop's live array: read it during the call, copy it to keep it.
 * Kept here as a plain functional interface so that runs, live plots and progress bars meet on it.
 */
@FunctionalInterface
public interface StepListener {

    void onStep(long step, double[] params, double loss);

    /** This listener, then {@code next}. */
    default StepListener andThen(StepListener next) {
        Objects.requireNonNull(next, "next");
        return (step, params, loss) -> {
            onStep(step, params, loss);
            next.onStep(step, params, loss);
        };
    }

    /** A listener that does nothing. */
    static StepListener none() {
        return (step, params, loss) -> { };
    }
}
