package adalab.optim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The fused loops against the element rule: for every optimizer and every combination of its
 * choices (variants), random hyperparameters, gradients, sizes and step counts, the fused double
 * and float kernels — plain, split across threads, and on ND4J arrays — give the same bits of θ
 * and of every state array as {@link RuleStepper} running the rule in fp64 and fp32.
 */
class RuleEquivalenceTest {

    /** One optimizer with one assignment of its choice hyperparameters. */
    record Variant(String name, List<String[]> choices) {
        Optimizer make() {
            Optimizer o = Optimizers.create(name);
            for (String[] c : choices) o.set(c[0], c[1]);
            return o;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(name);
            for (String[] c : choices) b.append(' ').append(c[0]).append('=').append(c[1]);
            return b.toString();
        }
    }

    static List<Variant> variants() {
        List<Variant> out = new ArrayList<>();
        for (String name : Optimizers.names()) {
            List<Hyperparameter> cs = new ArrayList<>();
            for (Hyperparameter h : Optimizers.create(name).hyperparameters()) if (h.isChoice()) cs.add(h);
            List<List<String[]>> combos = new ArrayList<>();
            combos.add(new ArrayList<>());
            for (Hyperparameter h : cs) {
                List<List<String[]>> next = new ArrayList<>();
                for (List<String[]> c : combos) {
                    for (String v : h.choices()) {
                        List<String[]> d = new ArrayList<>(c);
                        d.add(new String[]{h.name(), v});
                        next.add(d);
                    }
                }
                combos = next;
            }
            for (List<String[]> c : combos) {
                Variant v = new Variant(name, c);
                try {
                    v.make();
                    out.add(v);
                } catch (IllegalArgumentException refused) { // a joint rule: radam form=pytorch fixes its fallback
                }
            }
        }
        return out;
    }

    /** Random values for o's numeric hyperparameters, each drawn inside its range. */
    static void randomize(Optimizer o, SplittableRandom r) {
        for (Hyperparameter h : o.hyperparameters()) {
            if (h.isChoice()) continue;
            Hyperparameter.Range range = h.range();
            double x;
            if (range.integer()) x = range.lo() + r.nextInt(4);
            else if (h.name().equals("lr")) x = Math.pow(10, -4 + 3 * r.nextDouble());
            else if (range.hi() == 1) x = r.nextInt(5) == 0 && range.loClosed() ? 0 : r.nextBoolean() ? r.nextDouble() : 1 - Math.pow(10, -1 - 3 * r.nextDouble());
            else if (range.lo() == 0) x = r.nextInt(5) == 0 && range.loClosed() ? 0 : Math.pow(10, -8 + 8 * r.nextDouble());
            else x = range.lo() + (range.loClosed() && r.nextInt(3) == 0 ? 0 : Math.pow(10, -2 + 2 * r.nextDouble()));
            try {
                o.set(h.name(), x);
            } catch (IllegalArgumentException joint) { // a joint rule (Rprop's delta_min <= delta_max): keep the value in force
            }
        }
    }

    /** Gradients over many scales, with zeros and repeated signs (Rprop's cases). */
    static double gradient(SplittableRandom r) {
        int kind = r.nextInt(10);
        if (kind == 0) return 0;
        double s = Math.pow(10, -6 + 7 * r.nextDouble());
        return (r.nextInt(4) == 0 ? -1 : 1) * s * (0.5 + r.nextDouble()) * (kind == 1 ? -1 : 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void plainKernelsGiveTheRulesBits(Variant variant) {
        SplittableRandom seeds = new SplittableRandom(variant.toString().hashCode());
        for (int trial = 0; trial < 40; trial++) {
            long seed = seeds.nextLong();
            SplittableRandom r = new SplittableRandom(seed);
            int n = r.nextInt(3) == 0 ? Optimizer.SHORT + r.nextInt(40) : 1 + r.nextInt(6);
            int steps = 1 + r.nextInt(40);
            compare(variant, seed, r, n, steps, Path.PLAIN);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void parallelAndNd4jKernelsGiveTheRulesBits(Variant variant) {
        SplittableRandom seeds = new SplittableRandom(~variant.toString().hashCode());
        for (Path p : new Path[]{Path.PARALLEL, Path.ND4J}) {
            long seed = seeds.nextLong();
            SplittableRandom r = new SplittableRandom(seed);
            compare(variant, seed, r, Parallel.THRESHOLD + 1 + r.nextInt(5000), 2 + r.nextInt(4), p);
        }
    }

    enum Path { PLAIN, PARALLEL, ND4J }

    private void compare(Variant variant, long seed, SplittableRandom r, int n, int steps, Path path) {
        Optimizer proto = variant.make();
        randomize(proto, r);
        String what = variant + " " + path + " n=" + n + " seed=" + seed + " " + proto;
        Optimizer fd = proto.copy(), rd = proto.copy(), ff = proto.copy(), rf = proto.copy();
        RuleStepper sd = RuleStepper.of(rd, PrecisionMode.FP64), sf = RuleStepper.of(rf, PrecisionMode.FP32);
        double[] xd = new double[n], yd = new double[n];
        float[] xf = new float[n];
        double[] yf = new double[n];
        for (int i = 0; i < n; i++) {
            xd[i] = yd[i] = r.nextGaussian();
            xf[i] = (float) xd[i];
            yf[i] = xf[i];
        }
        INDArray nd = path == Path.ND4J ? Nd4j.createFromArray(xd.clone()) : null;
        INDArray nf = path == Path.ND4J ? Nd4j.createFromArray(xf.clone()) : null;
        double[] g = new double[n];
        float[] gf = new float[n];
        double[] gfd = new double[n];
        for (int s = 1; s <= steps; s++) {
            for (int i = 0; i < n; i++) {
                g[i] = gradient(r);
                gf[i] = (float) g[i];
                gfd[i] = gf[i];
            }
            if (fd.usesLookahead()) { // the look-ahead point, fused and by the rule
                double[] a = new double[n], b = new double[n];
                fd.gradientPoint(xd, a);
                sd.gradientPoint(yd, b);
                assertBits(what + " step " + s + " gradient point", a, b);
            }
            try {
                sd.step(yd, g);
                sf.step(yf, gfd);
            } catch (ArithmeticFaultException overflow) {
                return; // the rule refuses an overflowing step where the fused loop writes ∞: compare up to it
            }
            if (path == Path.ND4J) {
                fd.step(nd, Nd4j.createFromArray(g.clone()));
                ff.step(nf, Nd4j.createFromArray(gf.clone()));
                xd = nd.toDoubleVector();
                float[] f = nf.toFloatVector();
                System.arraycopy(f, 0, xf, 0, n);
            } else {
                fd.step(xd, g);
                ff.step(xf, gf);
            }
            String at = what + " step " + s;
            assertBits(at + " fp64 θ", xd, yd);
            double[] xfd = new double[n];
            for (int i = 0; i < n; i++) xfd[i] = xf[i];
            assertBits(at + " fp32 θ", xfd, yf);
            for (String k : proto.stateNames()) {
                assertBits(at + " fp64 " + k, fd.state(k), rd.state(k));
                assertBits(at + " fp32 " + k, ff.state(k), rf.state(k));
            }
        }
        assertEquals(fd.step(), rd.step(), what);
    }

    static void assertBits(String what, double[] expected, double[] actual) {
        for (int i = 0; i < expected.length; i++) {
            if (Double.compare(expected[i], actual[i]) != 0) {
                fail(what + ": element " + i + " fused " + expected[i] + " but the rule gives " + actual[i]);
            }
        }
    }

    @Test
    void everyOptimizerHasARuleAndEveryVariantIsCovered() {
        for (String name : Optimizers.names()) assertTrue(Optimizers.create(name).rule() != null, name);
        assertTrue(variants().size() >= 30, "variants: " + variants().size());
    }
}
