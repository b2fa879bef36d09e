package adalab.optim.compose;

import adalab.optim.Hyperparameter;
import adalab.optim.Optimizer;
import adalab.optim.Optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static adalab.optim.compose.Parts.*;

/**
 * The chain that computes what a named optimizer computes, operation for operation, with its
 * hyperparameters and schedule: the same bits in fp64 and fp32 (ChainTest proves it) and in every
 * precision its rule runs in. The state arrays keep the named optimizer's names.
 * <pre>
 *   sgd       scale
 *   momentum  scale → momentum                       (η inside the buffer: v ← γv + ηg, θ ← θ − v)
 *   nag       scale → momentum → nesterov            (the gradient at θ − γv)
 *   adagrad   accumulate → divide → scale            (η·(g/√(G + ε)))
 *   rmsprop   second_moment(β₂=ρ) → divide → scale
 *   adam      [l2] → first_moment → second_moment → [bias_correction] → scale → divide   ((η·m̂)/(√v̂ + ε))
 *   adamw     first_moment → second_moment → [bias_correction] → scale → divide → decay
 *   amsgrad   first_moment → second_moment → max_second_moment → [bias_correction] → scale → divide
 *   nadam     first_moment → second_moment → bias_correction → nesterov → scale → divide   (form doc004)
 *   radam     first_moment → second_moment → bias_correction → rectify → scale → divide
 * </pre>
 * RMSProp is "Adam with β₁ = 0 and no bias correction" (the documents) only up to rounding: its
 * code computes η·(g/d), Adam's (η·m̂)/d, and its ε sits inside the root by default, Adam's
 * outside. The identity holds bit for bit as the chain
 * {@code first_moment(β₁=0) → second_moment(β₂=ρ) → divide(ε, inside) → scale(−η)} — divide
 * before scale, ε inside — for every gradient other than −0 (0·m + g turns −0 into +0).
 * Adam's coupled L2 with λ = 0 computes g + 0·θ: the chain leaves l2 out then, the same bits
 * but for that same sign of a zero gradient.
 */
public final class NamedChains {
    private NamedChains() { }

    /** The chain equal to o with its hyperparameters now; throws for a method or form no chain covers. */
    public static Chain of(Optimizer o) {
        if (o == null) throw new IllegalArgumentException("optimizer is null");
        if (o instanceof Chain c) return c.copy();
        covered(o);
        List<Part> p = new ArrayList<>();
        String name = o.name();
        switch (name) {
            case "sgd" -> p.add(scale(o.get("lr")));
            case "momentum", "nag" -> {
                p.add(scale(o.get("lr")));
                p.add(momentum(o.get("gamma")));
                if (name.equals("nag")) p.add(nesterov());
            }
            case "adagrad" -> {
                p.add(accumulate());
                p.add(divide(o.get("eps"), placement(o)));
                p.add(scale(o.get("lr")));
            }
            case "rmsprop" -> {
                p.add(secondMoment(o.get("rho")));
                p.add(divide(o.get("eps"), placement(o)));
                p.add(scale(o.get("lr")));
            }
            case "adam", "adamw", "amsgrad", "nadam", "radam" -> adamFamily(o, p);
            default -> throw new IllegalArgumentException(name + " has no chain: its update is not made of the parts "
                    + "(chains cover sgd, momentum, nag, adagrad, rmsprop, adam, adamw, amsgrad, nadam, radam)");
        }
        Chain c = Chain.of(p);
        if (o.schedule() != null) c.schedule(o.schedule());
        return c;
    }

    private static void adamFamily(Optimizer o, List<Part> p) {
        String name = o.name();
        if (name.equals("nadam") && !o.getChoice("form").equals("doc004")) {
            throw new IllegalArgumentException("nadam form=" + o.getChoice("form") + " has no chain: Dozat's μ schedule is not a part (form doc004 is)");
        }
        if (name.equals("adam") && o.get("weight_decay") != 0) p.add(l2(o.get("weight_decay")));
        p.add(firstMoment(o.get("beta1")));
        p.add(secondMoment(o.get("beta2")));
        if (name.equals("amsgrad")) p.add(maxSecondMoment());
        boolean corrected = switch (name) {
            case "adam", "adamw" -> o.getChoice("bias_correction").equals("on");
            case "amsgrad" -> o.getChoice("form").equals("pytorch");
            default -> true;
        };
        if (corrected) p.add(biasCorrection());
        if (name.equals("nadam")) p.add(nesterov());
        if (name.equals("radam")) p.add(rectify(o.get("threshold"), o.getChoice("fallback")));
        p.add(scale(o.get("lr")));
        p.add(divide(o.get("eps"), placement(o)));
        if (name.equals("adamw")) p.add(decay(o.get("weight_decay")));
    }

    /** The hyperparameters and choices each mapping reads; nadam's momentum_decay acts in form dozat only. */
    private static final Map<String, Set<String>> READS = Map.of(
            "sgd", Set.of("lr"), "momentum", Set.of("lr", "gamma"), "nag", Set.of("lr", "gamma"),
            "adagrad", Set.of("lr", "eps", "eps_placement"), "rmsprop", Set.of("lr", "rho", "eps", "eps_placement"),
            "adam", Set.of("lr", "beta1", "beta2", "eps", "eps_placement", "weight_decay", "bias_correction"),
            "adamw", Set.of("lr", "beta1", "beta2", "eps", "eps_placement", "weight_decay", "bias_correction"),
            "amsgrad", Set.of("lr", "beta1", "beta2", "eps", "eps_placement", "form"),
            "nadam", Set.of("lr", "beta1", "beta2", "eps", "eps_placement", "form", "momentum_decay"),
            "radam", Set.of("lr", "beta1", "beta2", "eps", "eps_placement", "threshold", "fallback"));
    private static final Map<String, Set<String>> FORMS = Map.of("amsgrad", Set.of("pytorch", "reddi"), "nadam", Set.of("doc004", "dozat"));

    /**
     * Refuses an optimizer with a setting the mapping does not read (a variant added later, such as
     * a new form) unless it is at its default: a chain that silently ignored it would not be equal.
     */
    private static void covered(Optimizer o) {
        Set<String> reads = READS.get(o.name());
        if (reads == null) return; // refused with the list below
        Optimizer fresh = Optimizers.create(o.name());
        for (Hyperparameter h : o.hyperparameters()) {
            String k = h.name();
            boolean known = reads.contains(k) && (!k.equals("form") || FORMS.get(o.name()).contains(h.selected()));
            boolean atDefault = h.isChoice() ? h.selected().equals(fresh.getChoice(k)) : h.value() == fresh.get(k);
            if (!known && !atDefault) {
                throw new IllegalArgumentException(o.name() + " with " + k + "=" + h.text() + " has no chain: that setting is not made of the parts");
            }
        }
    }

    private static Placement placement(Optimizer o) {
        return o.getChoice("eps_placement").equals("inside") ? Placement.INSIDE : Placement.OUTSIDE;
    }
}
