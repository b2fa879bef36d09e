package adalab.optim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The oracle's step number counts attempts, so a skipped step's sample is not drawn again. */
class OracleStepTest {

    @Test
    void afterASkippedStepTheNextDrawIsANewOne() {
        Sgd sgd = new Sgd().lr(0.5);
        sgd.onNonFinite("skip");
        List<Long> asked = new ArrayList<>();
        GradientOracle oracle = (x, g, step) -> {
            asked.add(step);
            g[0] = step == 2 ? Double.NaN : 1;      // the second draw is bad
            return 0;
        };
        double[] x = {0};
        for (int k = 0; k < 4; k++) sgd.step(x, oracle);
        assertEquals(List.of(1L, 2L, 3L, 4L), asked);
        assertEquals(3, sgd.step());
        assertEquals(1, sgd.skippedSteps());
        assertEquals(-1.5, x[0]);                  // three good steps of 0.5 · 1
    }

    @Test
    void withoutSkipsTheDrawIsTheStepNumber() {
        Adam adam = new Adam();
        List<Long> asked = new ArrayList<>();
        double[] x = {1};
        for (int k = 0; k < 3; k++) adam.step(x, (p, g, step) -> { asked.add(step); g[0] = p[0]; return 0; });
        assertEquals(List.of(1L, 2L, 3L), asked);
    }
}
