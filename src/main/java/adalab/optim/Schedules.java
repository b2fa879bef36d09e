package adalab.optim;

import java.util.function.LongToDoubleFunction;

/**
 * Named learning-rate schedules for {@link Optimizer#schedule(Schedule)}, usable with every
 * optimizer that has an "lr". Steps count from t = 1 and η is the optimizer's "lr". Every schedule
 * except the warm-up gives exactly η at step 1, so changing the schedule never changes the first
 * step:
 * <pre>
 *   constant()                 η
 *   step(k, f)                 η · f^⌊(t−1)/k⌋          (k steps at each level)
 *   exponential(γ)             η · γ^(t−1)
 *   invSqrt(s)                 η · √((1+s)/(t+s))       (s = 0: exactly η/√t)
 *   cosine(T, min)             min + (η−min)·(1 + cos(π(t−1)/(T−1)))/2 for t ≤ T, min after (the floor is reached at t = T)
 *   warmup(w, inner)           inner(t) · min(1, t/w)   (η/w at step 1, the inner schedule from t = w on)
 *   function(label, f)         f(t, η), any user formula
 * </pre>
 * Each has a readable {@link Schedule#label()} (also its toString), e.g. "cosine(T=1000, min=0)",
 * for legends and run records. Bad parameters throw IllegalArgumentException naming the schedule,
 * the parameter, the value and the allowed range.
 */
public final class Schedules {
    private Schedules() { }

    /** A schedule with a label; what every factory here returns. */
    public interface Named extends Schedule { }

    private record Impl(String label, Schedule f) implements Named {
        @Override public double rate(long step, double base) { return f.rate(step, base); }
        @Override public String label() { return label; }
        @Override public String toString() { return label; }
    }

    private static Named named(String label, Schedule f) { return new Impl(label, f); }

    /** The base rate at every step (the same as no schedule, but with a label). */
    public static Named constant() {
        return named("constant", (t, base) -> base);
    }

    /** Step decay: the rate is multiplied by {@code factor} after every {@code every} steps. */
    public static Named step(long every, double factor) {
        if (every < 1) throw bad("step", "every", every, "an integer >= 1");
        if (!(factor > 0 && factor <= 1)) throw bad("step", "factor", factor, "(0, 1]");
        return named("step(every=" + brief(every) + ", factor=" + brief(factor) + ")",
                (t, base) -> base * Math.pow(factor, (double) ((t - 1) / every)));
    }

    /** Exponential decay η·γ^(t−1). */
    public static Named exponential(double gamma) {
        if (!(gamma > 0 && gamma <= 1)) throw bad("exponential", "gamma", gamma, "(0, 1]");
        return named("exponential(gamma=" + brief(gamma) + ")", (t, base) -> base * Math.pow(gamma, (double) (t - 1)));
    }

    /** Inverse square root η/√t. */
    public static Named invSqrt() { return invSqrt(0); }

    /**
     * Inverse square root with an offset s: η·√((1+s)/(t+s)). Starts at η and falls like 1/√t
     * once t ≫ s; a larger s keeps the rate near η for longer.
     */
    public static Named invSqrt(double offset) {
        if (!(offset >= 0) || Double.isInfinite(offset)) throw bad("invsqrt", "offset", offset, ">= 0 and finite");
        String label = "invsqrt(offset=" + brief(offset) + ")";
        if (offset == 0) return named(label, (t, base) -> base / Math.sqrt((double) t));
        return named(label, (t, base) -> base * Math.sqrt((1 + offset) / (t + offset)));
    }

    /**
     * Cosine annealing from η at step 1 to the floor {@code min} (an absolute rate, normally
     * below η) at step T, then constant at the floor.
     */
    public static Named cosine(long T, double min) {
        if (T < 2) throw bad("cosine", "T", T, "an integer >= 2");
        if (!(min >= 0) || Double.isInfinite(min)) throw bad("cosine", "min", min, ">= 0 and finite");
        return named("cosine(T=" + brief(T) + ", min=" + brief(min) + ")", (t, base) -> {
            if (t >= T) return min;
            double phase = (double) (t - 1) / (T - 1);
            return min + (base - min) * (1 + Math.cos(Math.PI * phase)) / 2;
        });
    }

    /** Linear warm-up over w steps in front of a constant rate. */
    public static Named warmup(long w) { return warmup(w, constant()); }

    /**
     * Linear warm-up wrapped around any schedule: {@code inner(t)·min(1, t/w)}. The inner
     * schedule keeps its own clock (it is not shifted by w).
     */
    public static Named warmup(long w, Schedule inner) {
        if (w < 1) throw bad("warmup", "w", w, "an integer >= 1");
        if (inner == null) throw new IllegalArgumentException("warmup: the inner schedule is null: use e.g. Schedules.constant()");
        return named("warmup(w=" + brief(w) + ", " + inner.label() + ")",
                (t, base) -> t >= w ? inner.rate(t, base) : inner.rate(t, base) * ((double) t / w));
    }

    /** A user formula f(t, η) with a label for legends. */
    public static Named function(String label, Schedule f) {
        if (label == null || label.isBlank()) throw new IllegalArgumentException("function: label = '" + label + "': allowed a non-empty text");
        if (f == null) throw new IllegalArgumentException("function: the formula is null");
        return named(label, f);
    }

    /** A user formula of the step only, t ↦ η_t (the optimizer's "lr" is then ignored). */
    public static Named function(String label, LongToDoubleFunction f) {
        if (f == null) throw new IllegalArgumentException("function: the formula is null");
        return function(label, (Schedule) (t, base) -> f.applyAsDouble(t));
    }

    /** The label of any schedule: "none" for null, its {@link Schedule#label()} otherwise. */
    public static String label(Schedule s) { return s == null ? "none" : s.label(); }

    private static IllegalArgumentException bad(String schedule, String param, double value, String allowed) {
        return new IllegalArgumentException(schedule + ": " + param + " = " + fmt(value) + " is out of range: allowed " + allowed);
    }

    /** Six significant digits, for labels in legends: gamma=0.997699, not 0.9976989146039584. */
    static String brief(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) return Long.toString((long) x);
        return new java.math.BigDecimal(String.format(java.util.Locale.ROOT, "%.6g", x)).stripTrailingZeros().toString();
    }

    /** Every digit, for error messages: the value given, exactly. */
    static String fmt(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }
}
