package adalab.cli;

import adalab.optim.Optimizers;
import adalab.optim.PrecisionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static adalab.cli.TraceTest.trace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./adalab trace --precision}: expected values worked out by hand from the formats' definitions. */
class TracePrecisionTest {

    @TempDir
    Path dir;

    private String gradients(String rows) throws IOException {
        Path p = dir.resolve("g.csv");
        Files.writeString(p, rows, StandardCharsets.UTF_8);
        return p.toString();
    }

    @Test
    void sgdInFp16RoundsTheRateAndEveryResult() throws IOException {
        // η = 0.1 in fp16: 0.1·2¹⁴ = 1638.4 → 1638·2⁻¹⁴ = 0.0999755859375.
        // θ₁ = 1 − 0.0999755859375 = 0.9000244140625; in [0.5, 1) fp16's spacing is 2⁻¹¹, and
        // 0.9000244140625·2¹¹ = 1843.25 → 1843·2⁻¹¹ = 0.89990234375.
        TraceTest.Result r = trace("--optimizer", "sgd", "--set", "lr=0.1", "--steps", "1", "--start", "1",
                "--precision", "fp16", "--gradients", gradients("1\n"));
        assertEquals(0, r.code(), r.err());
        assertEquals("1,0.89990234375", r.rows().get(2));
    }

    @Test
    void adamInFp16DividesByZeroWhenTheSecondMomentUnderflows() throws IOException {
        // g = 1e-4: (1−β₂)·g = 0.001·1e-4 ≈ 1e-7, about 2 of fp16's smallest subnormal 2⁻²⁴ ≈ 5.96e-8;
        // times g again ≈ 1.2e-11, far under half of 2⁻²⁴: v = 0. ε = 1e-8 < 2⁻²⁵ rounds to 0, so
        // √v̂ + ε = 0 while η·m̂ ≈ 1e-7 is not: x/0 at step 1, element 0.
        TraceTest.Result r = trace("--optimizer", "adam", "--steps", "3", "--precision", "fp16",
                "--gradients", gradients("1e-4\n1e-4\n1e-4\n"));
        assertEquals(1, r.code());
        assertEquals(2, r.rows().size(), "the header and the start row are printed before the fault: " + r.out());
        assertEquals(1, r.errLines().size(), r.err());
        String line = r.err();
        assertTrue(line.contains("step 1, element 0") && line.contains("/ 0.0 = Infinity") && line.contains("fp16"), line);
    }

    @Test
    void bf16KeepsTheSecondMomentButRoundsAwayASmallUpdate() throws IOException {
        // bf16 has float's exponent range: g² = 1e-8 is a normal bf16, so Adam's first step is about
        // η = 1e-3 (to bf16's 8 significant bits).
        TraceTest.Result small = trace("--optimizer", "adam", "--steps", "1", "--precision", "bf16",
                "--gradients", gradients("1e-4\n"));
        assertEquals(0, small.code(), small.err());
        double x1 = small.row(2)[1];
        assertTrue(Math.abs(x1 + 1e-3) < 1e-3 / 64, "x1 = " + x1);
        // At θ = 256 = 2⁸ bf16's spacing is 2⁸⁻⁷ = 2: a step of η = 0.01 is under half of it, θ + Δθ = θ.
        TraceTest.Result big = trace("--optimizer", "adam", "--set", "lr=0.01", "--steps", "2", "--start", "256",
                "--precision", "bf16", "--gradients", gradients("1\n1\n"));
        assertEquals(0, big.code(), big.err());
        assertEquals("1,256.0", big.rows().get(2));
        assertEquals("2,256.0", big.rows().get(3));
    }

    @Test
    void fp16MomentsGiveDocument000sStepOfEtaTimesMHatOverEps() throws IOException {
        // v underflows in fp16 as above, but ε = 1e-8 stays in the float32 update: the step is
        // η·m̂/ε = 1e-3 · 1e-4 / 1e-8 = 10, to fp16's precision of m.
        TraceTest.Result r = trace("--optimizer", "adam", "--steps", "1", "--precision", "fp16-moments",
                "--gradients", gradients("1e-4\n"));
        assertEquals(0, r.code(), r.err());
        double x1 = r.row(2)[1];
        assertTrue(Math.abs(x1 + 10) < 10 * 2e-3, "x1 = " + x1);
    }

    @Test
    void fp32PrintsTheWidenedFloat() throws IOException {
        TraceTest.Result r = trace("--optimizer", "sgd", "--steps", "1", "--start", "0.1",
                "--precision", "fp32", "--gradients", gradients("1\n"));
        assertEquals(0, r.code(), r.err());
        assertEquals("0,0.10000000149011612", r.rows().get(1)); // (double) 0.1f
        assertEquals("1," + (double) (0.1f - 0.01f * 1f), r.rows().get(2));
    }

    @Test
    void anUnknownPrecisionIsBadInputNamingTheAcceptedOnes() throws IOException {
        TraceTest.Result r = trace("--optimizer", "sgd", "--steps", "1", "--precision", "fp8", "--gradients", gradients("1\n"));
        assertEquals(2, r.code());
        assertEquals("", r.out());
        for (String name : PrecisionMode.labels()) assertTrue(r.err().contains(name), r.err());
    }

    @Test
    void everyOptimizerRunsInEveryPrecisionWithoutPrintingANaN() {
        for (String opt : Optimizers.names()) {
            for (String p : PrecisionMode.labels()) {
                TraceTest.Result r = trace("--optimizer", opt, "--steps", "20", "--precision", p,
                        "--objective", "rosenbrock", "--start", "-1.2,1");
                assertTrue(r.code() == 0 || (r.code() == 1 && r.errLines().size() == 1), opt + " " + p + ": " + r.err());
                assertFalse(r.out().contains("NaN") || r.out().contains("Infinity"), opt + " " + p + ": " + r.out());
                assertEquals(r.code() == 0 ? 22 : r.rows().size(), r.rows().size(), opt + " " + p);
            }
        }
    }
}
