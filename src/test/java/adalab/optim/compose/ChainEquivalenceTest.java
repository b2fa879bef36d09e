package adalab.optim.compose;

import adalab.optim.ArithmeticFaultException;
import adalab.optim.Optimizer;
import adalab.optim.Optimizers;
import adalab.optim.PrecisionMode;
import adalab.optim.RuleStepper;
import adalab.optim.Schedules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Each named optimizer and variant the chains cover against the chain written here from its
 * formula: random hyperparameters, gradients, sizes and step counts, the same bits of θ and of
 * every state array in fp64 and fp32 (fused step(), plain and split across threads) and in every
 * precision mode through RuleStepper (the named optimizer's rule against the chain's).
 */
class ChainEquivalenceTest {

    /** A named optimizer with some of its choices set. */
    record Variant(String name, String... choices) {
        Optimizer make() {
            Optimizer o = Optimizers.create(name);
            for (int i = 0; i < choices.length; i += 2) o.set(choices[i], choices[i + 1]);
            return o;
        }

        @Override
        public String toString() { return name + " " + String.join(" ", choices); }
    }

    static List<Variant> variants() {
        List<Variant> v = new ArrayList<>();
        v.add(new Variant("sgd"));
        v.add(new Variant("momentum"));
        v.add(new Variant("nag"));
        for (String e : new String[]{"inside", "outside"}) {
            v.add(new Variant("adagrad", "eps_placement", e));
            v.add(new Variant("rmsprop", "eps_placement", e));
            v.add(new Variant("nadam", "eps_placement", e));
            for (String bc : new String[]{"on", "off"}) {
                v.add(new Variant("adam", "eps_placement", e, "bias_correction", bc));
                v.add(new Variant("adamw", "eps_placement", e, "bias_correction", bc));
            }
            for (String f : new String[]{"pytorch", "reddi"}) v.add(new Variant("amsgrad", "eps_placement", e, "form", f));
            for (String f : new String[]{"momentum", "adam", "none"}) v.add(new Variant("radam", "eps_placement", e, "fallback", f));
        }
        return v;
    }

    /** The chain of o's update, derived here from its formula in its code's order of operations. */
    static String chainText(Optimizer o) {
        String n = o.name();
        String lr = "scale(lr=" + o.get("lr") + ")";
        if (n.equals("sgd")) return "chain:" + lr;
        if (n.equals("momentum")) return "chain:" + lr + "->momentum(gamma=" + o.get("gamma") + ")";
        if (n.equals("nag")) return "chain:" + lr + "->momentum(gamma=" + o.get("gamma") + ")->nesterov";
        String divide = "divide(eps=" + o.get("eps") + "," + o.getChoice("eps_placement") + ")";
        if (n.equals("adagrad")) return "chain:accumulate->" + divide + "->" + lr; // η·(g/√(G+ε))
        if (n.equals("rmsprop")) return "chain:second_moment(beta2=" + o.get("rho") + ")->" + divide + "->" + lr;
        StringBuilder b = new StringBuilder("chain:");
        if (n.equals("adam") && o.get("weight_decay") != 0) b.append("l2(weight_decay=").append(o.get("weight_decay")).append(")->");
        b.append("first_moment(beta1=").append(o.get("beta1")).append(")->second_moment(beta2=").append(o.get("beta2")).append(")->");
        if (n.equals("amsgrad")) b.append("max_second_moment->");
        boolean corrected = n.equals("nadam") || n.equals("radam")
                || (n.equals("amsgrad") ? o.getChoice("form").equals("pytorch") : o.getChoice("bias_correction").equals("on"));
        if (corrected) b.append("bias_correction->");
        if (n.equals("nadam")) b.append("nesterov->");
        if (n.equals("radam")) b.append("rectify(threshold=").append(o.get("threshold")).append(",fallback=").append(o.getChoice("fallback")).append(")->");
        b.append(lr).append("->").append(divide); // (η·m̂)/d
        if (n.equals("adamw")) b.append("->decay(weight_decay=").append(o.get("weight_decay")).append(")");
        return b.toString();
    }

    static void randomize(Optimizer o, SplittableRandom r) {
        for (var h : o.hyperparameters()) {
            if (h.isChoice()) continue;
            double x;
            switch (h.name()) {
                case "lr" -> x = Math.pow(10, -4 + 3 * r.nextDouble());
                case "beta1", "beta2", "rho", "gamma" -> x = r.nextInt(5) == 0 ? 0 : r.nextBoolean() ? r.nextDouble() : 1 - Math.pow(10, -1 - 3 * r.nextDouble());
                case "eps" -> x = r.nextInt(5) == 0 ? 0 : Math.pow(10, -8 + 8 * r.nextDouble());
                case "weight_decay" -> x = r.nextInt(4) == 0 ? 0 : Math.pow(10, -4 + 3 * r.nextDouble());
                case "threshold" -> x = 4 + (r.nextBoolean() ? r.nextInt(3) : 3 * r.nextDouble());
                default -> { continue; }
            }
            o.set(h.name(), x);
        }
    }

    /** Over many scales, with zeros (+0) and sign changes. */
    static double gradient(SplittableRandom r) {
        if (r.nextInt(10) == 0) return 0;
        return (r.nextInt(3) == 0 ? -1 : 1) * Math.pow(10, -6 + 7 * r.nextDouble()) * (0.5 + r.nextDouble());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void fusedStepsGiveTheNamedOptimizersBits(Variant v) {
        SplittableRandom seeds = new SplittableRandom(v.toString().hashCode());
        for (int trial = 0; trial < 30; trial++) {
            long seed = seeds.nextLong();
            SplittableRandom r = new SplittableRandom(seed);
            int n = r.nextInt(4) == 0 ? 64 + r.nextInt(40) : 1 + r.nextInt(6);
            fused(v, seed, r, n, 1 + r.nextInt(60));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void parallelFusedStepsGiveTheNamedOptimizersBits(Variant v) {
        long seed = ~v.toString().hashCode();
        SplittableRandom r = new SplittableRandom(seed);
        fused(v, seed, r, (1 << 16) + 1 + r.nextInt(3000), 3);
    }

    private void fused(Variant v, long seed, SplittableRandom r, int n, int steps) {
        Optimizer od = v.make();
        randomize(od, r);
        Chain cd = Chain.parse(chainText(od));
        String what = v + " seed=" + seed + " n=" + n + " " + od + " as " + cd;
        assertEquals(cd.spec(), NamedChains.of(od).spec(), what + ": NamedChains");
        for (String k : od.stateNames()) assertTrue(cd.stateNames().contains(k), what + ": state " + k);
        Optimizer of = od.copy();
        Chain cf = cd.copy();
        double[] xd = new double[n], yd = new double[n], g = new double[n];
        float[] xf = new float[n], yf = new float[n], gf = new float[n];
        for (int i = 0; i < n; i++) {
            xd[i] = yd[i] = r.nextGaussian();
            xf[i] = yf[i] = (float) xd[i];
        }
        for (int s = 1; s <= steps; s++) {
            for (int i = 0; i < n; i++) gf[i] = (float) (g[i] = gradient(r));
            if (od.usesLookahead()) {
                double[] a = new double[n], b = new double[n];
                od.gradientPoint(xd, a);
                cd.gradientPoint(yd, b);
                bits(what + " step " + s + " gradient point", a, b);
            }
            od.step(xd, g);
            cd.step(yd, g);
            of.step(xf, gf);
            cf.step(yf, gf);
            String at = what + " step " + s;
            bits(at + " fp64 θ", xd, yd);
            bits(at + " fp32 θ", widen(xf), widen(yf));
            for (String k : od.stateNames()) {
                bits(at + " fp64 " + k, od.state(k), cd.state(k));
                bits(at + " fp32 " + k, of.state(k), cf.state(k));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void everyPrecisionThroughRuleStepperGivesTheNamedRulesBits(Variant v) {
        SplittableRandom seeds = new SplittableRandom(31 * v.toString().hashCode());
        for (PrecisionMode mode : PrecisionMode.values()) {
            for (int trial = 0; trial < 4; trial++) {
                long seed = seeds.nextLong();
                SplittableRandom r = new SplittableRandom(seed);
                Optimizer o = v.make();
                randomize(o, r);
                Chain c = Chain.parse(chainText(o));
                String what = v + " " + mode + " seed=" + seed + " " + o;
                RuleStepper so = RuleStepper.of(o, mode), sc = RuleStepper.of(c, mode);
                int n = 1 + r.nextInt(5);
                double[] x = new double[n], y = new double[n], g = new double[n];
                for (int i = 0; i < n; i++) x[i] = y[i] = r.nextGaussian();
                for (int s = 1; s <= 30; s++) {
                    for (int i = 0; i < n; i++) g[i] = gradient(r);
                    if (o.usesLookahead()) {
                        double[] a = new double[n], b = new double[n];
                        so.gradientPoint(x, a);
                        sc.gradientPoint(y, b);
                        bits(what + " step " + s + " gradient point", a, b);
                    }
                    boolean faulted = false;
                    try {
                        so.step(x, g);
                    } catch (ArithmeticFaultException e) {
                        faulted = true;
                    }
                    try {
                        sc.step(y, g);
                        if (faulted) fail(what + " step " + s + ": the named rule faulted, the chain did not");
                    } catch (ArithmeticFaultException e) {
                        if (!faulted) fail(what + " step " + s + ": the chain faulted, the named rule did not: " + e.getMessage());
                    }
                    if (faulted) break;
                    bits(what + " step " + s + " θ", x, y);
                    for (String k : o.stateNames()) bits(what + " step " + s + " " + k, o.state(k), c.state(k));
                }
            }
        }
    }

    @Test
    void aScheduleActsOnScalesEta() {
        for (String name : new String[]{"adam", "adamw", "momentum", "radam"}) {
            Optimizer o = Optimizers.create(name).schedule(Schedules.exponential(0.97));
            Chain c = NamedChains.of(o);
            assertTrue(c.schedule() != null, name);
            double[] x = {1.5, -0.5, 3}, y = x.clone(), g = new double[3];
            SplittableRandom r = new SplittableRandom(7);
            for (int s = 0; s < 80; s++) {
                for (int i = 0; i < 3; i++) g[i] = gradient(r);
                o.step(x, g);
                c.step(y, g);
            }
            bits(name + " scheduled", x, y);
            assertEquals(o.learningRate(), c.learningRate(), name);
        }
    }

    static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    static void bits(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Double.compare(expected[i], actual[i]) != 0) {
                fail(what + ": element " + i + " named " + expected[i] + " but the chain gives " + actual[i]);
            }
        }
    }
}
