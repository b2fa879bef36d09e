package adalab.reliability;

import adalab.optim.Optimizer;
import adalab.optim.Optimizers;
import adalab.run.Checkpoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Checkpoints written by commit 801775e, before radam gained form and rmsprop centered and
 * momentum (src/test/resources/checkpoints; made by 7 steps on g_i = (i+1)(x_i − 0.25) from
 * (1.5, −0.5, 2), lr 0.01 except radam's default): they still load, take the new options at
 * their defaults, and resume bit for bit where 12 uninterrupted steps of today's code end.
 */
class OldCheckpointTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"radam, f64", "radam, f32", "rmsprop, f64", "rmsprop, f32", "amsgrad, f64", "amsgrad, f32"})
    void loadsAndResumesBitForBit(String name, String precision) throws Exception {
        boolean f32 = precision.equals("f32");
        Checkpoint c = Checkpoint.load(Path.of("src/test/resources/checkpoints", name + "-" + precision + "-801775e.ckpt"));
        Optimizer resumed = c.newOptimizer();
        assertEquals(7, resumed.step());
        for (var h : resumed.hyperparameters()) {
            if (!c.hyperparameters().containsKey(h.name())) assertEquals(h.defaultText(), h.text(), h.name());
        }
        double[] x = c.params();
        float[] xf = new float[3];
        for (int i = 0; i < 3; i++) xf[i] = (float) x[i];
        run(resumed, x, xf, f32, 5);

        Optimizer straight = Optimizers.create(name);
        if (!name.equals("radam")) straight.set("lr", 0.01);
        double[] y = {1.5, -0.5, 2.0};
        float[] yf = {1.5f, -0.5f, 2.0f};
        run(straight, y, yf, f32, 12);
        for (int i = 0; i < 3; i++) {
            if (f32) assertEquals(Float.floatToRawIntBits(yf[i]), Float.floatToRawIntBits(xf[i]), name + " x" + i);
            else assertEquals(Double.doubleToRawLongBits(y[i]), Double.doubleToRawLongBits(x[i]), name + " x" + i);
        }
        for (String s : straight.stateNames()) assertArrayEquals(straight.state(s), resumed.state(s), s);
    }

    private static void run(Optimizer o, double[] x, float[] xf, boolean f32, int steps) {
        for (int t = 0; t < steps; t++) {
            if (f32) {
                float[] g = new float[3];
                for (int i = 0; i < 3; i++) g[i] = (float) ((i + 1) * (xf[i] - 0.25));
                o.step(xf, g);
            } else {
                double[] g = new double[3];
                for (int i = 0; i < 3; i++) g[i] = (i + 1) * (x[i] - 0.25);
                o.step(x, g);
            }
        }
    }
}
