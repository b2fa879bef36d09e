package adalab.optim;

import adalab.optim.OptimizerState.Precision;

/**
 * Runs an optimizer's {@link ElementRule} in a {@link PrecisionMode}: any of the 13 methods, any
 * variant, in fp64, fp32, fp16, bf16 or the mixed modes, one element at a time on the calling
 * thread (for teaching sizes; the fused loops are the fast path in fp64 and fp32).
 *
 * <p>The state lives in the optimizer itself — double arrays in fp64, float arrays otherwise, each
 * value one of its format — so {@code state()}, {@code snapshot()}, {@code restore()}, checkpoints
 * and {@code step()} work as for a plain run. Do not mix modes on one optimizer without
 * {@code reset()}.
 *
 * <p>A step is computed into scratch copies and committed only when every operation stayed finite.
 * A gradient that arrives NaN or infinite is refused as usual ({@link NonFiniteGradientException});
 * one that rounds past the format's range, or an operation that makes ±∞ or NaN from finite
 * operands, is an {@link ArithmeticFaultException} naming the step, the element and the operation,
 * with the state untouched (under {@code onNonFinite("skip")} the step is skipped and counted).
 */
public final class RuleStepper {
    private final Optimizer o;
    private final PrecisionMode mode;
    private final ElementRule rule;
    private final Arithmetic m, u;
    private final Precision storage;
    // The format θ is stored in: the update's, or fp16 for half parameters updated in float32.
    private final Format params;
    private final Element e = new Element();
    // Scratch for the step in progress, committed at its end.
    private double[] ps, gs;
    // step(x, oracle)'s gradient point and gradient, kept between steps
    private double[] at, oracleGrad;
    private double[][] sts;

    private RuleStepper(Optimizer o, PrecisionMode mode, Format params) {
        if (o == null) throw new IllegalArgumentException("optimizer is null");
        if (mode == null) throw new IllegalArgumentException("precision is null: use one of " + String.join(", ", PrecisionMode.labels()));
        this.params = params == null ? mode.update() : params;
        this.o = o;
        this.mode = mode;
        this.rule = o.rule();
        this.m = new Arithmetic(mode.moments());
        this.u = new Arithmetic(mode.update());
        this.storage = mode == PrecisionMode.FP64 ? Precision.DOUBLE : Precision.FLOAT;
    }

    /** Runs o in the given mode; the optimizer keeps its hyperparameters, state and policy. */
    public static RuleStepper of(Optimizer o, PrecisionMode mode) { return new RuleStepper(o, mode, null); }

    public static RuleStepper of(Optimizer o, String mode) { return new RuleStepper(o, PrecisionMode.of(mode), null); }

    /** As {@link #of(Optimizer, PrecisionMode)}, θ stored in {@code params} after the update (fp16 weights, float32 update). */
    static RuleStepper of(Optimizer o, PrecisionMode mode, Format params) { return new RuleStepper(o, mode, params); }

    public Optimizer optimizer() { return o; }

    public PrecisionMode mode() { return mode; }

    /**
     * One step: x (rounded to the mode's parameter format first) is updated in place. Returns
     * whether the step was taken (false when it was skipped under {@code onNonFinite("skip")}).
     */
    public boolean step(double[] x, double[] g) {
        int n = StepArguments.checkNonEmpty(x, g);
        o.checkState(storage, n, "params");
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(g[i]) && !o.refuse(i, g[i])) return false;
        }
        long step = o.step() + 1;
        scratch(n);
        Format gf = mode.gradient(), xf = params;
        for (int i = 0; i < n; i++) {
            gs[i] = gf.round(g[i]);
            if (Double.isInfinite(gs[i])) return refuse(step, i, "the gradient " + g[i] + " rounds to " + gs[i] + " in " + gf.label() + beyond(gf), gs[i]);
            ps[i] = xf.round(x[i]);
            if (Double.isInfinite(ps[i])) return refuse(step, i, "the parameter " + x[i] + " rounds to " + ps[i] + " in " + xf.label() + beyond(xf), ps[i]);
        }
        boolean fresh = o.size() < 0;
        OptimizerState before = fresh ? o.snapshot() : null;
        double[] scalarsBefore = o.scalars().clone();
        o.ensureState(storage, n, "params");
        loadState(n);
        try {
            o.begin(); // the optimizer's per-step scalars: learning rate, bias corrections, ...
        } catch (RuntimeException ex) { // e.g. a schedule that gave a bad rate: nothing committed
            undo(fresh, before, scalarsBefore);
            throw ex;
        }
        e.over(ps, gs, sts);
        for (int i = 0; i < n; i++) {
            m.clearFault();
            u.clearFault();
            rule.apply(m, u, e.at(i));
            String fault = m.faulted() ? m.fault() : u.faulted() ? u.fault() : nonFinite(i);
            if (fault == null && params != u.format()) fault = storeParam(i);
            if (fault != null) {
                undo(fresh, before, scalarsBefore);
                // the value the faulty operation made, not what it left in θ (θ − ∞)
                double value = m.faulted() ? m.faultValue() : u.faulted() ? u.faultValue() : ps[i];
                return refuse(step, i, fault, value);
            }
        }
        System.arraycopy(ps, 0, x, 0, n);
        storeState(n);
        o.endStep();
        return true;
    }

    /**
     * One step that asks the oracle for the gradient where the method needs it (NAG: its
     * look-ahead point, computed in the mode's arithmetic). Returns the loss the oracle reported.
     */
    public double step(double[] x, GradientOracle oracle) {
        if (oracle == null) throw new IllegalArgumentException("the gradient oracle is null");
        if (x == null) throw new IllegalArgumentException("params is null");
        if (at == null || at.length != x.length) {
            at = new double[x.length];
            oracleGrad = new double[x.length];
        }
        gradientPoint(x, at);
        double loss = oracle.evaluate(at, oracleGrad, o.step() + o.skippedSteps() + 1);
        step(x, oracleGrad);
        return loss;
    }

    /** Writes the point where the next gradient should be taken (x itself for most methods). */
    public void gradientPoint(double[] x, double[] out) {
        int n = StepArguments.checkNonEmpty(x, out);
        Format xf = params;
        if (!o.usesLookahead() || o.size() < 0) {
            for (int i = 0; i < n; i++) out[i] = xf.round(x[i]);
            return;
        }
        o.checkState(storage, n, "params");
        scratch(n);
        for (int i = 0; i < n; i++) ps[i] = xf.round(x[i]);
        o.ensureState(storage, n, "params");
        loadState(n);
        e.over(ps, gs, sts);
        u.clearFault();
        for (int i = 0; i < n; i++) out[i] = rule.gradientPoint(u, e.at(i));
    }

    private void scratch(int n) {
        int k = o.stateNames().size();
        if (ps == null || ps.length != n) {
            ps = new double[n];
            gs = new double[n];
            sts = new double[k][n];
        }
    }

    /** The optimizer's state into the scratch arrays, each value rounded to the state's format. */
    private void loadState(int n) {
        Format f = mode.moments();
        for (int k = 0; k < sts.length; k++) {
            if (storage == Precision.DOUBLE) System.arraycopy(o.ds[k], 0, sts[k], 0, n);
            else for (int i = 0; i < n; i++) sts[k][i] = f.round(o.fs[k][i]); // Rprop's Δ₀ = 0.1 is not a half
        }
    }

    private void storeState(int n) {
        for (int k = 0; k < sts.length; k++) {
            if (storage == Precision.DOUBLE) System.arraycopy(sts[k], 0, o.ds[k], 0, n);
            else for (int i = 0; i < n; i++) o.fs[k][i] = (float) sts[k][i];
        }
    }

    /** A non-finite parameter or state value left by element i, named; null when all are finite. */
    private String nonFinite(int i) {
        if (!Double.isFinite(ps[i])) return "the update gives θ = " + ps[i];
        for (int k = 0; k < sts.length; k++) {
            if (!Double.isFinite(sts[k][i])) return "the update gives " + o.stateNames().get(k) + " = " + sts[k][i];
        }
        return null;
    }

    /** Rounds θ to its storage format; names the update when that overflows it. */
    private String storeParam(int i) {
        double raw = ps[i];
        ps[i] = params.round(raw);
        if (Double.isFinite(ps[i])) return null;
        return "the " + u.format().label() + " update gives θ = " + raw + ", " + ps[i] + " in " + params.label() + beyond(params);
    }

    private static String beyond(Format f) { return ": past the largest " + f.label() + ", " + f.max(); }

    private void undo(boolean fresh, OptimizerState before, double[] scalarsBefore) {
        if (fresh) o.restore(before);
        System.arraycopy(scalarsBefore, 0, o.scalars(), 0, scalarsBefore.length);
    }

    /** A fault is reported like a non-finite gradient: thrown, or counted as a skip under "skip". */
    private boolean refuse(long step, int i, String what, double value) {
        if (o.skipRefusedStep()) return false;
        throw new ArithmeticFaultException(o.name(), mode, step, i, what, value);
    }

    @Override
    public String toString() { return o.name() + " in " + mode; }
}
