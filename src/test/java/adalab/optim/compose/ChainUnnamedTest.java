package adalab.optim.compose;

import adalab.objectives.Rosenbrock;
import adalab.optim.Adam;
import adalab.optim.Format;
import adalab.optim.Optimizer;
import adalab.optim.Optimizers;
import adalab.optim.PrecisionMode;
import adalab.optim.RuleStepper;
import adalab.run.Checkpoint;
import adalab.run.Run;
import adalab.run.Sweep;
import adalab.run.Trajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static adalab.optim.compose.ChainEquivalenceTest.bits;
import static adalab.optim.compose.ChainEquivalenceTest.gradient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chains no one named run like any optimizer: in bf16 through RuleStepper (against a reference
 * written here, every operation rounded to bf16), in fp64 against a float64 reference, through a
 * checkpoint file, on ND4J arrays, in Run and in Sweep; and the documents' identities, bit for bit
 * where the order of operations allows it.
 */
class ChainUnnamedTest {
    /** Nadam's look-ahead with AdamW's decoupled decay ("NAdamW"). */
    static final String NADAMW = "first_moment(β₁=0.9) → second_moment(β₂=0.99) → bias_correction → nesterov → scale(−η, η=0.013)"
            + " → divide(ε=1e-3, outside) → decay(λ=0.37)";

    private static double bf(double x) { return Format.BF16.round(x); }

    @Test
    void nadamwInBf16IsEveryOperationRoundedToBf16() {
        Chain c = Chain.parse(NADAMW);
        RuleStepper s = RuleStepper.of(c, PrecisionMode.BF16);
        double b1 = 0.9, b2 = 0.99, eta = 0.013, eps = 1e-3, lam = 0.37;
        int n = 16;
        double[] x = new double[n], a = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = bf((i % 2 == 0 ? 1 : -1) * (0.3 + 0.37 * i)); // a bf16 start, where the gradient is taken
            a[i] = Math.pow(10, -2 + 0.25 * i);
        }
        double[] rx = new double[n], rm = new double[n], rv = new double[n];
        for (int i = 0; i < n; i++) rx[i] = bf(x[i]);
        double[] g = new double[n];
        for (int t = 1; t <= 60; t++) {
            for (int i = 0; i < n; i++) g[i] = a[i] * x[i]; // ∇ of ½Σ aᵢxᵢ² at the bf16 iterate
            s.step(x, g);
            double c1 = bf(1 - Math.pow(b1, t)), c2 = bf(1 - Math.pow(b2, t));
            for (int i = 0; i < n; i++) {
                double gi = bf(a[i] * rx[i]);
                rm[i] = bf(bf(bf(b1) * rm[i]) + bf(bf(1 - b1) * gi));
                rv[i] = bf(bf(bf(b2) * rv[i]) + bf(bf(bf(1 - b2) * gi) * gi));
                double mHat = bf(rm[i] / c1), vHat = bf(rv[i] / c2);
                double look = bf(bf(bf(b1) * mHat) + bf(bf(bf(1 - b1) * gi) / c1));
                double step = bf(bf(bf(eta) * look) / bf(bf(Math.sqrt(vHat)) + bf(eps)));
                rx[i] = bf(bf(rx[i] - step) - bf(bf(bf(eta) * bf(lam)) * rx[i]));
            }
            bits("bf16 θ at step " + t, rx, x);
            bits("bf16 m at step " + t, rm, c.state("m"));
            bits("bf16 v at step " + t, rv, c.state("v"));
            for (double xi : x) assertTrue(Format.BF16.holds(xi), "a bf16 value: " + xi);
        }
        assertTrue(Math.abs(x[n - 1]) < 0.3 + 0.37 * (n - 1), "it descends: " + java.util.Arrays.toString(x));
    }

    /** AdaGrad's accumulation under a bias-corrected first moment, against float64 written out. */
    @Test
    void adagradWithACorrectedFirstMomentAgainstFloat64() {
        Chain c = Chain.of(Parts.firstMoment(0.8), Parts.accumulate(), Parts.biasCorrection(),
                Parts.divide(1e-8, Placement.INSIDE), Parts.scale(0.1));
        assertEquals(List.of("m", "G"), c.stateNames());
        SplittableRandom r = new SplittableRandom(3);
        double[] x = {0.5, -2, 4}, rx = x.clone(), m = new double[3], G = new double[3], g = new double[3];
        for (int t = 1; t <= 200; t++) {
            for (int i = 0; i < 3; i++) g[i] = gradient(r);
            c.step(x, g);
            for (int i = 0; i < 3; i++) {
                m[i] = 0.8 * m[i] + (1 - 0.8) * g[i];
                G[i] = G[i] + g[i] * g[i];
                rx[i] = rx[i] - 0.1 * ((m[i] / (1 - Math.pow(0.8, t))) / Math.sqrt(G[i] + 1e-8));
            }
            bits("θ at step " + t, rx, x);
        }
        bits("m", m, c.state("m"));
        bits("G", G, c.state("G"));
    }

    @Test
    void aCheckpointRecreatesAndResumesItBitForBit(@TempDir Path dir) throws Exception {
        for (PrecisionMode mode : new PrecisionMode[]{PrecisionMode.FP64, PrecisionMode.BF16}) {
            Chain c = Chain.parse(NADAMW).set("beta1", 0.7).set("eps_placement", "inside"); // values the name does not carry
            RuleStepper s = RuleStepper.of(c, mode);
            double[] x = {1.7, -0.3, 0.25}, g = new double[3];
            SplittableRandom r = new SplittableRandom(5);
            for (int t = 0; t < 25; t++) {
                for (int i = 0; i < 3; i++) g[i] = gradient(r);
                s.step(x, g);
            }
            Path file = dir.resolve(mode.label() + ".ckpt");
            Checkpoint.of(c, x, 25).save(file);
            Optimizer back = Checkpoint.load(file).newOptimizer();
            assertTrue(back instanceof Chain, back.getClass().toString());
            assertEquals(c.toString(), back.toString());
            double[] y = Checkpoint.load(file).params();
            RuleStepper sb = RuleStepper.of(back, mode);
            for (int t = 0; t < 25; t++) {
                for (int i = 0; i < 3; i++) g[i] = gradient(r);
                s.step(x, g);
                sb.step(y, g);
            }
            bits(mode + " resumed θ", x, y);
            for (String k : c.stateNames()) bits(mode + " resumed " + k, c.state(k), back.state(k));
            assertEquals(c.step(), back.step());
        }
    }

    @Test
    void ndArraysRunAndSweepTakeItLikeAnyOptimizer() {
        // INDArray steps: the fused loops through NdArrays' chunks, the bits of double[] steps
        Chain a = Chain.parse(NADAMW), b = a.copy();
        double[] x = new double[300], g = new double[300];
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
        INDArray nx = Nd4j.createFromArray(x.clone());
        for (int t = 0; t < 5; t++) {
            for (int i = 0; i < g.length; i++) g[i] = gradient(r);
            a.step(x, g);
            b.step(nx, Nd4j.createFromArray(g.clone()));
        }
        bits("INDArray θ", x, nx.toDoubleVector());
        // Run and Sweep recreate it by name and give Adam's numbers for Adam's chain
        String spec = NamedChains.of(new Adam()).spec();
        Trajectory ta = Run.of(Optimizers.create("adam"), new Rosenbrock()).from(-1.2, 1).steps(300).go();
        Trajectory tc = Run.of(Optimizers.create(spec), new Rosenbrock()).from(-1.2, 1).steps(300).go();
        bits("Run", ta.lastParams(), tc.lastParams());
        assertEquals(NamedChains.of(new Adam()).name(), tc.optimizerName());
        List<Sweep.Cell> cells = Sweep.of("adam", spec).over("lr", 0.01, 0.1).over("beta1", 0.5, 0.9)
                .on(new Rosenbrock()).from(-1.2, 1).steps(200).threads(1).run().cells();
        assertEquals(8, cells.size());
        int pairs = 0;
        for (Sweep.Cell p : cells) {
            if (!p.optimizer().equals("adam")) continue;
            for (Sweep.Cell q : cells) {
                if (q.optimizer().equals(spec) && q.params().equals(p.params())) {
                    bits("sweep " + p.params(), p.x(), q.x());
                    pairs++;
                }
            }
        }
        assertEquals(4, pairs);
    }

    /**
     * The documents' "RMSProp is Adam with β₁ = 0 and no bias correction": bit for bit with the
     * divide before the scale and ε inside (RMSProp's code, η·(g/√(v + ε))); Adam's order,
     * (η·m)/√(v + ε), is the same number only up to rounding.
     */
    @Test
    void rmspropIsAdamWithoutFirstMomentOnlyInRmspropsOrder() {
        SplittableRandom seeds = new SplittableRandom(1);
        int differ = 0;
        for (int trial = 0; trial < 40; trial++) {
            SplittableRandom r = new SplittableRandom(seeds.nextLong());
            double rho = r.nextDouble(), lr = Math.pow(10, -3 + 2 * r.nextDouble()), eps = Math.pow(10, -8 + 4 * r.nextDouble());
            Optimizer rms = Optimizers.create("rmsprop").set("rho", rho).set("lr", lr).set("eps", eps);
            Optimizer adam = new Adam().beta1(0).beta2(rho).lr(lr).eps(eps).epsInside(true).biasCorrection(false);
            Chain asRms = Chain.of(Parts.firstMoment(0), Parts.secondMoment(rho), Parts.divide(eps, Placement.INSIDE), Parts.scale(lr));
            Chain asAdam = Chain.of(Parts.firstMoment(0), Parts.secondMoment(rho), Parts.scale(lr), Parts.divide(eps, Placement.INSIDE));
            double[] x1 = {r.nextGaussian(), r.nextGaussian()}, x2 = x1.clone(), x3 = x1.clone(), x4 = x1.clone(), g = new double[2];
            for (int t = 0; t < 30; t++) {
                for (int i = 0; i < 2; i++) g[i] = gradient(r);
                rms.step(x1, g);
                asRms.step(x2, g);
                adam.step(x3, g);
                asAdam.step(x4, g);
            }
            bits("rmsprop", x1, x2);
            bits("adam β₁=0", x3, x4);
            if (Double.compare(x1[0], x3[0]) != 0 || Double.compare(x1[1], x3[1]) != 0) differ++;
            for (int i = 0; i < 2; i++) assertEquals(x1[i], x3[i], 1e-12 * Math.max(1, Math.abs(x1[i])), "the same up to rounding");
        }
        assertNotEquals(0, differ, "the two orders never differed: the order of operations would not matter");
    }

    /** The Adam (divide, then scale) is Adam up to rounding, not bit for bit: the order is the arithmetic. */
    @Test
    void theOrderOfThePartsIsTheOrderOfOperations() {
        Chain optaxOrder = Chain.parse("first_moment->second_moment->bias_correction->divide->scale");
        Adam adam = new Adam();
        SplittableRandom r = new SplittableRandom(2);
        double[] x = new double[50], y = new double[50], g = new double[50];
        // θ starts at 0, so that θ − step keeps the step's last bits instead of rounding them away
        for (int t = 0; t < 20; t++) {
            for (int i = 0; i < g.length; i++) g[i] = gradient(r);
            adam.step(x, g);
            optaxOrder.step(y, g);
        }
        int differ = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.compare(x[i], y[i]) != 0) differ++;
            assertEquals(x[i], y[i], 1e-12 * Math.abs(x[i]));
        }
        assertTrue(differ > 0, "(η·m̂)/d and η·(m̂/d) gave the same bits everywhere");
        bits("m", adam.state("m"), optaxOrder.state("m")); // the moments do not depend on the order of the step parts
    }
}
