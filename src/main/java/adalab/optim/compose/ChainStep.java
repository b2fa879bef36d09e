package adalab.optim.compose;

import adalab.optim.Arithmetic;
import adalab.optim.Moments;

import java.util.List;

import static adalab.optim.compose.PartKind.*;

/**
 * A chain's update of one element: each part's formula in turn, in the chain's order, every
 * operation its own call to the arithmetic (so a chain and a named optimizer that compute the
 * same operations in the same order give the same bits in every format). The state, the
 * moments and l2 compute in {@code m}; the correction, denominator, scale and θ in {@code u}
 * (document 000's mixed precision), as the named optimizers' rules do.
 *
 * <p>The update u starts as g; the statistic s (v, G or vmax) travels beside it to divide.
 */
final class ChainStep {
    private final PartKind[] kinds;
    private final int[] state; // the state index of each part, or -1
    private final boolean correctsFirst, correctsSecond, nesterovCorrected, scaleIntoMomentum, divideAfterScale, decays;
    private final boolean nadam;

    ChainStep(List<Part> parts, int[] state) {
        int n = parts.size();
        kinds = new PartKind[n];
        for (int i = 0; i < n; i++) kinds[i] = parts.get(i).kind();
        this.state = state.clone();
        int bc = index(BIAS_CORRECTION), nest = index(NESTEROV), scale = index(SCALE), divide = index(DIVIDE);
        correctsFirst = bc >= 0 && ChainRules.before(parts, bc, FIRST_MOMENT) >= 0;
        correctsSecond = bc >= 0 && ChainRules.before(parts, bc, SECOND_MOMENT) >= 0;
        nadam = nest >= 0 && parts.get(ChainRules.before(parts, nest, FIRST_MOMENT, MOMENTUM)).kind() == FIRST_MOMENT;
        nesterovCorrected = nadam && correctsFirst;
        // η·g stored straight into the momentum buffer is a state operation (Momentum's rule)
        scaleIntoMomentum = scale + 1 < n && kinds[scale + 1] == MOMENTUM;
        divideAfterScale = divide > scale;
        decays = kinds[n - 1] == DECAY;
    }

    private int index(PartKind k) {
        for (int i = 0; i < kinds.length; i++) if (kinds[i] == k) return i;
        return -1;
    }

    /** Whether a step needs 1 − β₁ᵗ (bias_correction of first_moment) and 1 − β₂ᵗ (of second_moment). */
    boolean usesC1() { return correctsFirst; }

    boolean usesC2() { return correctsSecond; }

    /** Whether the gradient is taken at a look-ahead point (nesterov after momentum: NAG). */
    boolean lookahead() { return index(NESTEROV) >= 0 && !nadam; }

    /** θ after the step for θ = x and gradient g; st holds the element's state and is updated. */
    double run(StepValues s, Arithmetic m, Arithmetic u, double x, double g, double[] st) {
        double step = g, stat = 0;
        for (int j = 0; j < kinds.length; j++) {
            int k = state[j];
            switch (kinds[j]) {
                case L2 -> step = g = m.add(g, m.mul(m.k(s.l2), x));
                case FIRST_MOMENT -> step = st[k] = Moments.first(m, s.b1, st[k], g);
                case SECOND_MOMENT -> stat = st[k] = Moments.second(m, s.b2, st[k], g);
                case ACCUMULATE -> stat = st[k] = m.add(st[k], m.mul(g, g));
                case MAX_SECOND_MOMENT -> stat = st[k] = m.max(st[k], m.k(stat)); // k(): v̂ (after bias_correction) is an update value
                case BIAS_CORRECTION -> {
                    if (correctsFirst) step = u.div(step, u.k(s.c1));
                    if (correctsSecond) stat = u.div(stat, u.k(s.c2));
                }
                case NESTEROV -> {
                    if (nadam) { // β₁m̂ + (1−β₁)g/(1−β₁ᵗ)
                        double gTerm = u.mul(u.k(1 - s.b1), g);
                        step = u.add(u.mul(u.k(s.b1), step), nesterovCorrected ? u.div(gTerm, u.k(s.c1)) : gTerm);
                    }
                }
                case RECTIFY -> {
                    if (s.noStep) step = 0; // the "none" fallback: nothing to scale or divide; θ − (+0) is θ
                }
                case DECAY -> { } // after the step, below
                case SCALE -> {
                    if (!s.noStep) {
                        Arithmetic a = scaleIntoMomentum ? m : u;
                        double eta = a.k(s.eta);
                        step = a.mul(s.rectified ? a.mul(eta, a.k(s.r)) : eta, step);
                    }
                }
                case DIVIDE -> {
                    if (!s.skipDivide && !s.noStep) {
                        double d = Moments.denominator(u, stat, s.eps, s.inside);
                        // a 0 denominator (ε = 0, s = 0): Adam's (η·m̂)/d takes 0/0 as 0; RMSProp's η·(g/d) takes no step
                        step = divideAfterScale ? u.quotient(step, d) : u.ratioOrZero(step, d);
                    }
                }
                case MOMENTUM -> step = st[k] = m.add(m.mul(m.k(s.gamma), st[k]), step);
            }
        }
        double next = u.sub(x, step);
        return decays ? u.sub(next, u.mul(u.mul(u.k(s.eta), u.k(s.decay)), x)) : next;
    }
}
