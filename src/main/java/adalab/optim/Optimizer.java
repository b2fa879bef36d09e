package adalab.optim;

import adalab.optim.Hyperparameter.Range;
import adalab.optim.OptimizerState.Precision;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * The shared step machinery. A subclass declares its hyperparameters and the names of its
 * per-parameter state, computes per-step scalars in {@link #prepare(long)}, and writes its update
 * rule once per precision as one fused loop over a range of elements. This class checks inputs,
 * allocates state on the first step (after which a step allocates nothing), refuses non-finite
 * gradients before they reach the state, and counts steps. Large arrays are split across the
 * cores ({@link Parallel}); the rules are elementwise, so the split never changes a result.
 *
 * <p>Step numbers start at 1: during the k-th call, {@link #step()} returns k.
 */
public abstract class Optimizer extends OptimizerStorage {

    private final Hyperparameters params;
    private final Runnable jointRules = this::checkConsistency; // made once: set() allocates nothing
    private boolean skipNonFinite;
    private Schedule schedule;
    private double[] lookaheadScratch, gradScratch;
    private Hyperparameter lrParam; // lrAt's, found once
    private final double[] scalarsBefore; // begin()'s copy of the scalar state

    /**
     * @param name       the optimizer's registry name ("adam", "sgd", ...)
     * @param stateNames names of the per-parameter state arrays ("m", "v", ...)
     * @param scalarCount number of scalar state values the subclass keeps in {@link #scalars()}
     */
    protected Optimizer(String name, String[] stateNames, int scalarCount) {
        super(name, stateNames, scalarCount);
        this.params = new Hyperparameters(name);
        this.scalarsBefore = new double[scalarCount];
    }

    // ---------------------------------------------------------------- hyperparameters

    protected final Hyperparameter number(String key, double defaultValue, Range range) {
        return params.number(key, defaultValue, range);
    }

    protected final Hyperparameter choice(String key, String defaultChoice, String... allowed) {
        return params.choice(key, defaultChoice, allowed);
    }

    /** The hyperparameters, in declaration order. */
    public final List<Hyperparameter> hyperparameters() { return params.list(); }

    /** Sets a numeric hyperparameter by its name; throws naming the allowed range, the old value kept. */
    public Optimizer set(String key, double value) {
        params.set(key, value, jointRules);
        return this;
    }

    /** Sets a hyperparameter from text (a number or a choice) by its name. */
    public Optimizer set(String key, String value) {
        params.set(key, value, jointRules);
        return this;
    }

    /**
     * Checks rules that join several hyperparameters (Rprop's delta_min &lt;= delta_max); throws
     * IllegalArgumentException naming them. The value just set is rolled back on failure.
     */
    protected void checkConsistency() { }

    /**
     * Changes with every {@link #set}: subclasses read their hyperparameters into fields in
     * {@link #prepare(long)} only when it moved, instead of looking them up by name every step.
     */
    protected final int hyperparameterVersion() { return params.version(); }

    public final double get(String key) { return params.get(key).value(); }

    public final String getChoice(String key) { return params.get(key).selected(); }

    /** Makes the learning rate step-dependent: at step t the rate is {@code schedule.rate(t, lr)}. */
    public Optimizer schedule(Schedule s) {
        if (!params.has("lr")) {
            throw new IllegalArgumentException(name + " has no learning rate to schedule");
        }
        this.schedule = s;
        return this;
    }

    public final Schedule schedule() { return schedule; }

    /**
     * What to do with a NaN or infinite gradient: "error" (the default) throws
     * {@link NonFiniteGradientException} with the state untouched; "skip" leaves parameters and
     * state untouched, does not count the step, and counts it in {@link #skippedSteps()}.
     */
    public Optimizer onNonFinite(String policy) {
        switch (policy) {
            case "error" -> skipNonFinite = false;
            case "skip" -> skipNonFinite = true;
            default -> throw new IllegalArgumentException("onNonFinite = '" + policy + "': use error or skip");
        }
        return this;
    }

    /**
     * For a caller that refuses a step before it starts (Run, for a non-finite loss), the policy of
     * {@link #onNonFinite}: under "skip" the step is counted in {@link #skippedSteps()} and true is
     * returned; under "error" false, and the caller reports it. The state is untouched either way.
     */
    public final boolean skipRefusedStep() {
        if (!skipNonFinite) return false;
        skipped++;
        return true;
    }

    /** The learning rate in force at step t (schedule applied). */
    protected final double lrAt(long step) {
        if (lrParam == null) lrParam = params.get("lr");
        double base = lrParam.value();
        if (schedule == null) return base;
        double r = schedule.rate(step, base);
        if (!(r >= 0) || Double.isInfinite(r)) {
            throw new IllegalArgumentException(name + ": the schedule gave lr = " + r + " at step " + step
                    + ": allowed >= 0 and finite");
        }
        return r;
    }

    // ---------------------------------------------------------------- state

    /**
     * The per-parameter learning rate the last step applied (what multiplies the momentum or
     * gradient), or null when the method has none or no step was taken.
     */
    public double[] effectiveRates() { return null; }

    /**
     * The learning rate the last step applied, its schedule included; NaN before the first step and
     * for a method without one (AdaDelta, Rprop).
     */
    public final double learningRate() {
        return t == 0 || !params.has("lr") ? Double.NaN : lrAt(t);
    }

    /** The scheduled learning rate of the last step for every parameter (SGD and the momentum family). */
    protected final double[] uniformRates() {
        if (size < 0 || t == 0) return null;
        double[] r = new double[size];
        java.util.Arrays.fill(r, learningRate());
        return r;
    }

    /** A new optimizer of the same kind with the same hyperparameters and a copy of the state. */
    public Optimizer copy() {
        Optimizer o;
        try {
            o = getClass().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(getClass() + " needs a public no-argument constructor to be copied", e);
        }
        // Set all values first, then check the joint rules once: setting them one by one could
        // trip a rule against a default (Rprop: delta_min above the default delta_max).
        o.params.copyFrom(params); // directly, not through set(): the version moves, the copy re-reads them
        o.checkConsistency();
        o.schedule = schedule;
        o.skipNonFinite = skipNonFinite;
        o.restore(snapshot());
        return o;
    }

    // ---------------------------------------------------------------- stepping

    /** One step with a gradient taken at the point {@link #gradientPoint} asked for. */
    public final void step(double[] x, double[] g) {
        StepArguments.check(x, g);
        int n = x.length;
        checkState(Precision.DOUBLE, n, "params");
        if (n < Parallel.THRESHOLD) {
            // Small arrays (a 2-D objective, a sweep cell): one scan and one kernel call on this
            // thread, no dispatch; the same elementwise code as below, so the same bits.
            int bad = n < SHORT ? Finiteness.firstNonFiniteShort(g, n) : Finiteness.firstNonFinite(g, 0, n);
            if (bad >= 0 && !refuse(bad, g[bad])) return;
            ensureState(Precision.DOUBLE, n, "params");
            begin();
            update(x, g, ds, 0, n);
            t++;
            return;
        }
        if (!finite(g)) return;
        ensureState(Precision.DOUBLE, x.length, "params");
        begin();
        jdp = x;
        jdg = g;
        try {
            Parallel.run(size, kernelDouble);
        } finally {
            jdp = jdg = null; // keep no reference to the caller's arrays
        }
        t++;
    }

    public final void step(float[] x, float[] g) {
        StepArguments.check(x, g);
        int n = x.length;
        checkState(Precision.FLOAT, n, "params");
        if (n < Parallel.THRESHOLD) {
            int bad = n < SHORT ? Finiteness.firstNonFiniteShort(g, n) : Finiteness.firstNonFinite(g, 0, n);
            if (bad >= 0 && !refuse(bad, g[bad])) return;
            ensureState(Precision.FLOAT, n, "params");
            begin();
            update(x, g, fs, 0, n);
            t++;
            return;
        }
        if (!finite(g)) return;
        ensureState(Precision.FLOAT, x.length, "params");
        begin();
        jfp = x;
        jfg = g;
        try {
            Parallel.run(size, kernelFloat);
        } finally {
            jfp = jfg = null;
        }
        t++;
    }

    /**
     * One step that asks the oracle for the gradient where this method needs it (NAG: at its
     * look-ahead point). Calls the oracle exactly once; returns the loss it reported.
     */
    public final double step(double[] x, GradientOracle oracle) {
        if (x == null) throw new IllegalArgumentException("params is null");
        if (oracle == null) throw new IllegalArgumentException("the gradient oracle is null");
        checkState(Precision.DOUBLE, x.length, "params");
        int n = x.length;
        if (gradScratch == null || gradScratch.length != n) gradScratch = new double[n];
        double[] at = x;
        // Before the first step there is no momentum, so the look-ahead point is x itself.
        if (usesLookahead() && size >= 0) {
            flat();
            if (lookaheadScratch == null || lookaheadScratch.length != n) lookaheadScratch = new double[n];
            lookahead(x, lookaheadScratch);
            at = lookaheadScratch;
        }
        // Number the draw by steps taken plus steps skipped: after a skipped step a stochastic
        // objective draws a fresh sample instead of the one that was refused.
        double loss = oracle.evaluate(at, gradScratch, t + skipped + 1);
        step(x, gradScratch);
        return loss;
    }

    /**
     * One step on ND4J arrays (FLOAT or DOUBLE, the same for both, contiguous), updating the
     * parameters in their own memory.
     */
    public final void step(INDArray x, INDArray g) {
        NdArrays.step(this, x, g);
    }

    // refuse(), begin() and endStep(): the step template's parts, for NdArrays' and RuleStepper's loops.
    final void endStep() { t++; }

    /**
     * The update of one element, the source of truth for what this optimizer computes, runnable in
     * any arithmetic ({@link RuleStepper}); the fused {@code update} loops are proved equal to it.
     * It reads the per-step scalars {@link #prepare(long)} computed.
     */
    public ElementRule rule() {
        throw new UnsupportedOperationException(name + " has no element rule");
    }

    /** Whether the method's answer is an average of its iterates kept beside θ (ASGD's θ̄). */
    public boolean averagesIterates() { return false; }

    /** That average after the last step (a copy), or null: no average, or no step yet. */
    public double[] averagedIterate() { return null; }

    /** Whether the gradient must be taken somewhere other than at x (NAG). */
    public boolean usesLookahead() { return false; }

    /** Writes the point where the next gradient should be taken; x itself for most methods. */
    public void gradientPoint(double[] x, double[] out) {
        if (x == null || out == null) throw new IllegalArgumentException((x == null ? "params" : "out") + " is null");
        StepArguments.sameLength(x.length, out.length);
        if (size >= 0 && x.length != size) {
            throw new IllegalArgumentException("params has " + x.length + " elements but this " + name
                    + " holds state for " + size + " (call reset() to start over)");
        }
        if (usesLookahead() && size >= 0) {
            flat();
            lookahead(x, out);
        } else {
            System.arraycopy(x, 0, out, 0, x.length);
        }
    }

    protected void lookahead(double[] x, double[] out) {
        System.arraycopy(x, 0, out, 0, x.length);
    }

    // The arrays of the step in progress, read by the parallel parts (Parallel publishes them
    // to the workers); the bodies are made once so that a step allocates nothing.
    private double[] jdp, jdg;
    private float[] jfp, jfg;
    private final Parallel.Body kernelDouble = (from, to) -> {
        update(jdp, jdg, ds, from, to);
        return -1;
    };
    private final Parallel.Body kernelFloat = (from, to) -> {
        update(jfp, jfg, fs, from, to);
        return -1;
    };
    private final Parallel.Body scanDouble = (from, to) -> Finiteness.firstNonFinite(jdg, from, to);
    private final Parallel.Body scanFloat = (from, to) -> Finiteness.firstNonFinite(jfg, from, to);
    /** NdArrays' per-optimizer job (typed Object so that this class never loads ND4J). */
    Object ndJob;

    /** The whole gradient is checked before any state changes: "state untouched on a NaN". */
    private boolean finite(double[] g) {
        jdg = g;
        int bad;
        try {
            bad = Parallel.run(g.length, scanDouble);
        } finally {
            jdg = null;
        }
        return bad < 0 || refuse(bad, g[bad]);
    }

    private boolean finite(float[] g) {
        jfg = g;
        int bad;
        try {
            bad = Parallel.run(g.length, scanFloat);
        } finally {
            jfg = null;
        }
        return bad < 0 || refuse(bad, g[bad]);
    }

    final boolean refuse(int i, double v) {
        if (skipNonFinite) {
            skipped++;
            return false;
        }
        throw new NonFiniteGradientException(name, t + 1, i, v);
    }

    final void begin() {
        long s = t + 1;
        double[] sc = scalars();
        if (sc.length > 0) System.arraycopy(sc, 0, scalarsBefore, 0, sc.length); // Nadam's μ product
        advance(s);
        try {
            prepare(s);
        } catch (RuntimeException e) { // a refused step (a schedule's bad rate): undo advance()
            if (sc.length > 0) System.arraycopy(scalarsBefore, 0, sc, 0, sc.length);
            throw e;
        }
    }

    /**
     * Advances the per-step scalar state to step {@code step}, once per step taken, before
     * {@link #prepare}: the only place a step's scalars change state (Nadam's μ product).
     */
    protected void advance(long step) { }

    /**
     * Computes step {@code step}'s scalars (learning rate, bias corrections) for the loops, from
     * the hyperparameters and the scalar state. No side effects: {@link #effectiveRates()} calls it
     * again for the last step.
     */
    protected void prepare(long step) { }

    /**
     * The update rule on elements [from, to) of p, g and every state array st[k], all at the same
     * index (st is the state, or NdArrays' cache-sized copies of it). One index for all arrays lets
     * C2 vectorize the loop (with separate offsets it cannot prove the accesses independent: 5× slower).
     * Must be one elementwise pass that allocates nothing and reads no other element: ranges run
     * on several threads at once.
     */
    protected abstract void update(double[] p, double[] g, double[][] st, int from, int to);

    /**
     * Ranges shorter than this should run through a second copy of the loop. C2 sizes a loop's
     * unrolling, and so its vectorization, by the trip count profiled for that loop: a few million
     * two-element steps (a 2-D objective) leave a shared loop scalar for good, 2–3× slower on
     * 10 M elements. Two loops over one inlined element rule keep the profiles apart.
     */
    protected static final int SHORT = 64;

    protected abstract void update(float[] p, float[] g, float[][] st, int from, int to);

    @Override
    public String toString() {
        return name + "(" + params.describe() + ") after " + t + " steps";
    }
}
