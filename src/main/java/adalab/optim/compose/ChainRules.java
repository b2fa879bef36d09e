package adalab.optim.compose;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static adalab.optim.compose.PartKind.*;

/**
 * Which lists of parts make an optimizer. Each rule is one sentence of the error it throws:
 * <ul>
 *   <li>exactly one scale (the learning rate) and at most one divide (the denominator); no part twice;
 *   <li>l2 first (it changes the gradient every moment reads), decay last (it acts on θ after the step);
 *   <li>the moments and their correction (first_moment, second_moment, accumulate, max_second_moment,
 *       bias_correction) before the step parts (scale, divide, momentum, rectify);
 *   <li>bias_correction after a first_moment or second_moment; max_second_moment after second_moment;
 *       divide after second_moment or accumulate, and not both of those;
 *   <li>nesterov after first_moment (Nadam; then before the step parts and after bias_correction) or
 *       after momentum (NAG);
 *   <li>rectify after second_moment, directly before scale (r_t multiplies η), with a divide after it.
 * </ul>
 */
final class ChainRules {
    private ChainRules() { }

    private static final Set<PartKind> MOMENTS = EnumSet.of(FIRST_MOMENT, SECOND_MOMENT, ACCUMULATE, MAX_SECOND_MOMENT, BIAS_CORRECTION);
    private static final Set<PartKind> STEPS = EnumSet.of(SCALE, DIVIDE, MOMENTUM, RECTIFY);

    static void check(List<Part> parts) {
        if (parts == null || parts.isEmpty()) {
            throw new IllegalArgumentException("a chain needs parts: at least scale(lr=…), e.g. "
                    + "first_moment -> second_moment -> bias_correction -> scale -> divide");
        }
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) == null) throw new IllegalArgumentException("chain part " + (i + 1) + " is null");
        }
        String where = "chain " + Chain.structure(parts) + ": ";
        Set<PartKind> seen = EnumSet.noneOf(PartKind.class);
        for (Part p : parts) {
            PartKind k = p.kind();
            if (seen.add(k)) continue;
            if (k == DIVIDE) throw new IllegalArgumentException(where + "two denominators (divide appears twice): a chain divides by one root");
            if (k == SCALE) throw new IllegalArgumentException(where + "two learning-rate parts (scale appears twice): a chain has one η");
            throw new IllegalArgumentException(where + k.label() + " appears twice: each part may appear once");
        }
        if (!seen.contains(SCALE)) {
            throw new IllegalArgumentException(where + "no learning-rate part: add scale(lr=…), the η every step is multiplied by");
        }
        if (seen.contains(SECOND_MOMENT) && seen.contains(ACCUMULATE)) {
            throw new IllegalArgumentException(where + "second_moment and accumulate are two denominator statistics: keep one");
        }
        int n = parts.size(), firstStep = n;
        for (int i = n - 1; i >= 0; i--) if (STEPS.contains(parts.get(i).kind())) firstStep = i;
        for (int i = 0; i < n; i++) {
            PartKind k = parts.get(i).kind();
            String name = k.label();
            if (k == L2 && i != 0) throw new IllegalArgumentException(where + "l2 must come first: it adds λθ to the gradient every later part reads");
            if (k == DECAY && i != n - 1) throw new IllegalArgumentException(where + "decay must come last: it takes ηλθ off θ after the step");
            if (MOMENTS.contains(k) && i > firstStep) {
                throw new IllegalArgumentException(where + name + " after " + parts.get(firstStep).kind().label()
                        + ": the moments and bias_correction come before scale, divide, momentum and rectify");
            }
            if (k == BIAS_CORRECTION && before(parts, i, FIRST_MOMENT, SECOND_MOMENT) < 0) {
                throw new IllegalArgumentException(where + "bias_correction before any moment: it corrects first_moment and second_moment, so it follows one of them");
            }
            if (k == MAX_SECOND_MOMENT && before(parts, i, SECOND_MOMENT) < 0) {
                throw new IllegalArgumentException(where + "max_second_moment without second_moment before it: it keeps the largest v");
            }
            if (k == DIVIDE && before(parts, i, SECOND_MOMENT, ACCUMULATE) < 0) {
                throw new IllegalArgumentException(where + "divide without second_moment or accumulate before it: it divides by their root");
            }
            if (k == NESTEROV) nesterov(parts, i, firstStep, where);
            if (k == RECTIFY) {
                if (before(parts, i, SECOND_MOMENT) < 0) throw new IllegalArgumentException(where + "rectify without second_moment before it: ρ_t comes from its β₂");
                if (i + 1 >= n || parts.get(i + 1).kind() != SCALE) throw new IllegalArgumentException(where + "rectify must come directly before scale: r_t multiplies η");
                if (after(parts, i, DIVIDE) < 0) throw new IllegalArgumentException(where + "rectify without divide after it: r_t rectifies the adaptive step");
            }
        }
    }

    private static void nesterov(List<Part> parts, int i, int firstStep, String where) {
        int j = before(parts, i, FIRST_MOMENT, MOMENTUM);
        if (j < 0) throw new IllegalArgumentException(where + "nesterov without first_moment or momentum before it: it looks ahead along one of them");
        if (parts.get(j).kind() == MOMENTUM) return;
        if (i > firstStep) {
            throw new IllegalArgumentException(where + "nesterov after " + parts.get(firstStep).kind().label()
                    + ": its look-ahead in first_moment comes before scale, divide and rectify");
        }
        if (after(parts, i, BIAS_CORRECTION) >= 0) {
            throw new IllegalArgumentException(where + "bias_correction after nesterov: correct the moment first, then look ahead");
        }
    }

    /** The index of the last part before i of one of the kinds, or -1. */
    static int before(List<Part> parts, int i, PartKind... kinds) {
        for (int j = i - 1; j >= 0; j--) for (PartKind k : kinds) if (parts.get(j).kind() == k) return j;
        return -1;
    }

    /** The index of the first part after i of the kind, or -1. */
    static int after(List<Part> parts, int i, PartKind kind) {
        for (int j = i + 1; j < parts.size(); j++) if (parts.get(j).kind() == kind) return j;
        return -1;
    }
}
