package adalab.run;

/**
 * What a {@link Run} keeps: every k-th step (plus the start and the last step), and which series.
 * Immutable; each setter returns a new Recording, so {@code Recording.every(10).gradient(true)} reads
 * as a sentence. By default parameters, loss and the applied learning rate are kept; gradients,
 * rates, optimizer state and per-step scalars are not. For a run with millions of parameters, turn parameters off: the last parameters are
 * always kept.
 */
public final class Recording {

    private final long every;
    private final boolean params, loss, gradient, rates, state, lr, scalars;

    private Recording(long every, boolean params, boolean loss, boolean gradient, boolean rates, boolean state,
                      boolean lr, boolean scalars) {
        this.every = every;
        this.params = params;
        this.loss = loss;
        this.gradient = gradient;
        this.rates = rates;
        this.state = state;
        this.lr = lr;
        this.scalars = scalars;
    }

    /** Rows at steps 0, k, 2k, ... and the last step; parameters and loss on. */
    public static Recording every(long k) {
        if (k < 1) throw new IllegalArgumentException("record every = " + k + ": allowed an integer >= 1");
        return new Recording(k, true, true, false, false, false, true, false);
    }

    /** Every step, every series: for small demonstrations. */
    public static Recording all() { return new Recording(1, true, true, true, true, true, true, true); }

    /** Every step, parameters and loss. */
    public static Recording defaults() { return every(1); }

    public Recording params(boolean on) { return new Recording(every, on, loss, gradient, rates, state, lr, scalars); }
    public Recording loss(boolean on) { return new Recording(every, params, on, gradient, rates, state, lr, scalars); }
    /** The gradient the optimizer received at the recorded step (the one that led to that row). */
    public Recording gradient(boolean on) { return new Recording(every, params, loss, on, rates, state, lr, scalars); }
    /** The optimizer's per-parameter effective learning rate after the step. */
    public Recording rates(boolean on) { return new Recording(every, params, loss, gradient, on, state, lr, scalars); }
    /** The optimizer's per-parameter state arrays (m, v, vmax, G, ...) after the step. */
    public Recording state(boolean on) { return new Recording(every, params, loss, gradient, rates, on, lr, scalars); }
    /** The (scheduled) learning rate the recorded step applied; on by default (one number per row). */
    public Recording lr(boolean on) { return new Recording(every, params, loss, gradient, rates, state, on, scalars); }
    /** The optimizer's per-step scalars where it has them (RAdam's rho, r, rectified; AMSGrad's c1, c2). */
    public Recording scalars(boolean on) { return new Recording(every, params, loss, gradient, rates, state, lr, on); }

    public long every() { return every; }
    public boolean params() { return params; }
    public boolean loss() { return loss; }
    public boolean gradient() { return gradient; }
    public boolean rates() { return rates; }
    public boolean state() { return state; }
    public boolean lr() { return lr; }
    public boolean scalars() { return scalars; }

    /** Whether step s of an n-step run gets a row. */
    boolean keeps(long s, long n) { return s % every == 0 || s == n; }

    /** Rows an n-step run records. */
    static int rows(long n, long every) {
        long q = n / every; // checked before adding, so n near Long.MAX_VALUE cannot overflow
        long r = q > Integer.MAX_VALUE ? Long.MAX_VALUE : q + 1 + (n % every == 0 ? 0 : 1);
        if (r > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("steps = " + n + " with record every = " + every + " gives " + r
                    + " rows: record less often");
        }
        return (int) r;
    }

    @Override
    public String toString() {
        return "Recording.every(" + every + ") params=" + params + " loss=" + loss + " gradient=" + gradient
                + " rates=" + rates + " state=" + state + " lr=" + lr + " scalars=" + scalars;
    }
}
