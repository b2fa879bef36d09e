package adalab.optim.compose;

import adalab.optim.Adam;
import adalab.optim.Hyperparameter;
import adalab.optim.Optimizer;
import adalab.optim.Optimizers;
import adalab.optim.RAdam;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static adalab.optim.compose.Parts.*;
import static adalab.optim.compose.Placement.INSIDE;
import static adalab.optim.compose.Placement.OUTSIDE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A chain prints as its structure, reads back from what it prints, and refuses bad input by name. */
class ChainTextTest {

    @Test
    void printsAsItsStructure() {
        Chain issue = Chain.of(firstMoment(0.9), secondMoment(0.999), biasCorrection(), divide(1e-8, OUTSIDE), scale(1e-3));
        assertEquals("first_moment(β₁=0.9) → second_moment(β₂=0.999) → bias_correction → divide(ε=1e-8, outside) → scale(−η, η=0.001)",
                issue.toString());
        Chain adam = NamedChains.of(new Adam());
        assertEquals("first_moment(β₁=0.9) → second_moment(β₂=0.999) → bias_correction → scale(−η, η=0.001) → divide(ε=1e-8, outside)",
                adam.toString());
        assertEquals("chain:first_moment->second_moment->bias_correction->scale->divide", adam.name());
        assertEquals("chain:first_moment(beta1=0.9)->second_moment(beta2=0.999)->bias_correction->scale(lr=0.001)->divide(eps=1e-8,outside)",
                adam.spec());
        assertEquals("l2(λ=0.01) → first_moment(β₁=0.9) → second_moment(β₂=0.999) → bias_correction → scale(−η, η=0.001) → divide(ε=1e-8, outside)",
                NamedChains.of(new Adam().weightDecay(0.01)).toString());
        assertEquals("first_moment(β₁=0.9) → second_moment(β₂=0.999) → max_second_moment → bias_correction → scale(−η, η=0.001) → divide(ε=1e-8, outside)",
                NamedChains.of(Optimizers.create("amsgrad")).toString());
        assertEquals("first_moment(β₁=0.9) → second_moment(β₂=0.999) → bias_correction → rectify(threshold=4, fallback=momentum) → scale(−η, η=0.001) → divide(ε=1e-8, outside)",
                NamedChains.of(new RAdam()).toString());
        assertEquals("first_moment(β₁=0.9) → second_moment(β₂=0.999) → bias_correction → scale(−η, η=0.001) → divide(ε=1e-8, outside) → decay(λ=0.01)",
                NamedChains.of(Optimizers.create("adamw")).toString());
        assertEquals("scale(−η, η=0.01) → momentum(γ=0.9) → nesterov", NamedChains.of(Optimizers.create("nag")).toString());
        assertEquals("second_moment(β₂=0.9) → divide(ε=1e-8, inside) → scale(−η, η=0.001)", NamedChains.of(Optimizers.create("rmsprop")).toString());
        // the values in force, after set(); the name stays
        adam.set("beta1", 0.5).set("eps_placement", "inside").set("lr", 1e-4);
        assertEquals("first_moment(β₁=0.5) → second_moment(β₂=0.999) → bias_correction → scale(−η, η=1e-4) → divide(ε=1e-8, inside)", adam.toString());
        assertEquals("chain:first_moment->second_moment->bias_correction->scale->divide", adam.name());
    }

    @Test
    void clashingNamesArePrefixedByTheirPart() {
        Chain c = Chain.parse("l2(weight_decay=0.1)->first_moment->second_moment->scale->divide->momentum(gamma=0.5)->decay(weight_decay=0.2)");
        List<String> keys = new ArrayList<>();
        for (Hyperparameter h : c.hyperparameters()) keys.add(h.name());
        assertEquals(List.of("l2_weight_decay", "beta1", "beta2", "lr", "eps", "eps_placement", "gamma", "decay_weight_decay"), keys);
        assertEquals(List.of("m", "second_moment_v", "momentum_v"), c.stateNames());
        assertEquals(0.1, c.get("l2_weight_decay"));
        assertEquals(0.2, c.get("decay_weight_decay"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.set("weight_decay", 0.3));
        assertTrue(e.getMessage().contains("l2_weight_decay") && e.getMessage().contains("decay_weight_decay"), e.getMessage());
    }

    /** Every covered variant with random values, and chains no one named: text → chain → text. */
    @Test
    void readsBackWhatItPrints() {
        SplittableRandom r = new SplittableRandom(11);
        List<Chain> chains = new ArrayList<>();
        for (ChainEquivalenceTest.Variant v : ChainEquivalenceTest.variants()) {
            Optimizer o = v.make();
            ChainEquivalenceTest.randomize(o, r);
            chains.add(NamedChains.of(o));
        }
        chains.add(Chain.of(firstMoment(0.8), accumulate(), biasCorrection(), divide(0.5, INSIDE), scale(0.3)));
        chains.add(Chain.parse("first_moment(β₁=0.95) → second_moment(β₂=0.98) → bias_correction → nesterov → scale(−η, η=2e-3) → divide(ε=1e-7, outside) → decay(λ=0.05)"));
        chains.add(Chain.parse("chain:second_moment->bias_correction->max_second_moment->scale(lr=1.5e-7)->divide(eps=0,inside)->momentum(gamma=0.25)->nesterov"));
        for (Chain c : chains) {
            String what = c.toString();
            assertEquals(c.spec(), Chain.parse(c.toString()).spec(), what);
            assertEquals(c.toString(), Chain.parse(c.spec()).toString(), what);
            Optimizer o = Optimizers.create(c.spec());
            assertEquals(c.name(), o.name(), what);
            for (Hyperparameter h : c.hyperparameters()) assertEquals(h.text(), o.hyperparameters().get(c.hyperparameters().indexOf(h)).text(), what + " " + h.name());
            // by name: the same parts with their defaults (the values are hyperparameters, set after)
            Chain d = (Chain) Optimizers.create(c.name());
            assertEquals(c.name(), d.name());
            for (Part p : d.parts()) assertEquals(Part.of(p.kind(), java.util.Map.of()), p, what);
        }
        // a number prints as the shortest text that reads back to it
        for (double x : new double[]{0.1, 1e-8, 3e-300, 0.999999999, 1.0 / 3, 12345.678, 4}) {
            assertEquals(x, Double.parseDouble(Param.format(x)), Param.format(x));
        }
        assertEquals("1e-8", Param.format(1e-8));
        assertEquals("4", Param.format(4.0));
    }

    @Test
    void refusesBadInputByName() {
        bad("no learning-rate part", () -> Chain.of(firstMoment(0.9), secondMoment(0.999), divide(1e-8, OUTSIDE)));
        bad("two denominators", () -> Chain.of(secondMoment(0.9), divide(1e-8, OUTSIDE), scale(0.1), divide(1e-8, INSIDE)));
        bad("two learning-rate parts", () -> Chain.parse("scale->scale"));
        bad("unknown part 'foo'", () -> Chain.parse("chain:first_moment->foo->scale"));
        bad("unknown part 'adamw'", () -> Optimizers.create("chain:adamw"));
        bad("first_moment: beta1 = 1.0 is out of range: allowed [0, 1)", () -> firstMoment(1.0));
        bad("second_moment: beta2 = NaN is out of range", () -> secondMoment(Double.NaN));
        bad("scale: lr = 0 is out of range: allowed > 0", () -> Chain.parse("scale(lr=0)"));
        bad("rectify: threshold = 3 is out of range: allowed >= 4", () -> Chain.parse("second_moment->rectify(threshold=3)->scale->divide"));
        bad("rectify: fallback = 'sgd' is not allowed", () -> rectify(4, "sgd"));
        bad("beta1 = 1.5 is out of range", () -> Chain.parse("first_moment(beta1=1.5)->scale"));
        bad("bias_correction before any moment", () -> Chain.parse("bias_correction->first_moment->scale"));
        bad("first_moment after scale", () -> Chain.parse("scale->first_moment"));
        bad("l2 must come first", () -> Chain.parse("first_moment->l2->scale"));
        bad("decay must come last", () -> Chain.parse("decay->scale"));
        bad("rectify must come directly before scale", () -> Chain.parse("second_moment->rectify->divide->scale"));
        bad("rectify without divide after it", () -> Chain.parse("second_moment->rectify->scale"));
        bad("nesterov without first_moment or momentum", () -> Chain.parse("nesterov->scale"));
        bad("bias_correction after nesterov", () -> Chain.parse("first_moment->nesterov->bias_correction->scale"));
        bad("divide without second_moment or accumulate", () -> Chain.parse("scale->divide"));
        bad("max_second_moment without second_moment", () -> Chain.parse("accumulate->max_second_moment->scale"));
        bad("second_moment and accumulate", () -> Chain.parse("second_moment->accumulate->scale"));
        bad("momentum appears twice", () -> Chain.parse("scale->momentum->momentum"));
        bad("scale has no parameter 'beta1'", () -> Chain.parse("scale(lr=0.1,beta1=0.9)"));
        bad("scale: lr = 'abc' is not a number", () -> Chain.parse("scale(lr=abc)"));
        bad("'sideways' is not key=value", () -> Chain.parse("second_moment->divide(eps=1e-8,sideways)->scale"));
        bad("eps is given twice", () -> Chain.parse("second_moment->divide(eps=1,ε=2)->scale"));
        bad("no parts", () -> Optimizers.create("chain:"));
        bad("an empty part", () -> Chain.parse("first_moment->->scale"));
        bad("a chain needs parts", () -> Chain.of());
        bad("divide: placement is null", () -> divide(1e-8, null));
        bad("nadam form=dozat has no chain", () -> NamedChains.of(Optimizers.create("nadam").set("form", "dozat")));
        bad("rprop has no chain", () -> NamedChains.of(Optimizers.create("rprop")));
        // set(): the usual range errors, the value kept
        Chain c = NamedChains.of(new Adam());
        bad("beta1 = 1.5 is out of range", () -> c.set("beta1", 1.5));
        bad("eps_placement = 'middle' is not allowed", () -> c.set("eps_placement", "middle"));
        bad("has no hyperparameter 'rho'", () -> c.set("rho", 0.5));
        assertEquals(0.9, c.get("beta1"));
        assertEquals("outside", c.getChoice("eps_placement"));
        bad("onNonFinite = 'maybe'", () -> c.onNonFinite("maybe"));
    }

    private static void bad(String expected, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run, expected);
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
