package adalab.optim;

/**
 * A learning rate that depends on the step: {@code rate(t, base)} for t = 1, 2, ..., where base
 * is the optimizer's "lr". Set with {@link Optimizer#schedule(Schedule)}; the named ones are in
 * {@link Schedules} ({@code Schedules.cosine(1000, 0).withWarmup(100)}). Any lambda works too;
 * the optimizer refuses a negative, NaN or infinite rate at the step that produced it.
 */
@FunctionalInterface
public interface Schedule {
    double rate(long step, double base);

    /** A label for legends and run records, e.g. "cosine(T=1000, min=0)"; "custom" for a bare lambda. */
    default String label() { return "custom"; }

    /** This schedule with a linear warm-up over the first w steps: {@link Schedules#warmup(long, Schedule)}. */
    default Schedule withWarmup(long w) { return Schedules.warmup(w, this); }

    /** The rates of steps 1 … n for the given base (for plots): element k is {@code rate(k + 1, base)}. */
    default double[] rates(long n, double base) {
        if (n < 0 || n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("n = " + n + " is out of range: allowed an integer in [0, " + (Integer.MAX_VALUE - 8) + "]");
        }
        if (!(base > 0) || Double.isInfinite(base)) {
            throw new IllegalArgumentException("base = " + base + " is out of range: allowed > 0 and finite");
        }
        double[] r = new double[(int) n];
        for (int k = 0; k < r.length; k++) r[k] = rate(k + 1L, base);
        return r;
    }
}
