package adalab.optim;

import adalab.optim.Hyperparameter.Range;
import adalab.optim.OptimizerState.Precision;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
public abstract class Optimizer {

    private final String name;
    private final Map<String, Hyperparameter> params = new LinkedHashMap<>();
    private String[] stateNames; // fixed while state is held: see stateLayout
    private final double[] scalars;

    /**
     * Per-parameter state, one array per name in the order given to the constructor. The kernels
     * get it as their {@code st} argument; other code reads it through {@link #state(String)}
     * (after an INDArray step these arrays are null until {@link #flat()}: see the chunks below).
     */
    protected double[][] ds;
    protected float[][] fs;
    /**
     * While INDArray steps run, the state lives here instead, in cache-sized chunks (see
     * {@link NdArrays}); ds/fs then hold null arrays until {@link #flat()} moves it back for a
     * plain step (state() and snapshot() copy from the chunks and leave it there).
     */
    private double[][][] dChunks;
    private float[][][] fChunks;
    private Precision precision;
    private int size = -1;
    private long t;
    private long skipped;
    private boolean skipNonFinite;
    private Schedule schedule;
    private double[] lookaheadScratch, gradScratch;
    private int version;
    private Hyperparameter lrParam; // lrAt's, found once

    /**
     * @param name       the optimizer's registry name ("adam", "sgd", ...)
     * @param stateNames names of the per-parameter state arrays ("m", "v", ...)
     * @param scalarCount number of scalar state values the subclass keeps in {@link #scalars()}
     */
    protected Optimizer(String name, String[] stateNames, int scalarCount) {
        this.name = name;
        this.stateNames = stateNames.clone();
        this.scalars = new double[scalarCount];
    }

    // ---------------------------------------------------------------- hyperparameters

    protected final Hyperparameter number(String key, double defaultValue, Range range) {
        Hyperparameter h = Hyperparameter.number(key, defaultValue, range);
        params.put(key, h);
        return h;
    }

    protected final Hyperparameter choice(String key, String defaultChoice, String... allowed) {
        Hyperparameter h = Hyperparameter.choice(key, defaultChoice, allowed);
        params.put(key, h);
        return h;
    }

    /** The registry name, e.g. "adam". */
    public final String name() { return name; }

    /** The hyperparameters, in declaration order. */
    public final List<Hyperparameter> hyperparameters() {
        return Collections.unmodifiableList(new ArrayList<>(params.values()));
    }

    /** Sets a numeric hyperparameter by its name; throws naming the allowed range. */
    public Optimizer set(String key, double value) {
        Hyperparameter h = param(key);
        version++; // also on failure: a rolled-back value is re-read, never stale
        if (h.isChoice()) h.set(value); // throws: a choice takes no number
        double old = h.value(); // not text(): Double.toString cost a sweep ~1 µs per cell
        h.set(value);
        try {
            checkConsistency();
        } catch (IllegalArgumentException e) {
            h.set(old);
            throw e;
        }
        return this;
    }

    /** Sets a hyperparameter from text (a number or a choice) by its name. */
    public Optimizer set(String key, String value) {
        Hyperparameter h = param(key);
        String old = h.text();
        version++;
        h.set(value);
        keepConsistent(h, old);
        return this;
    }

    private void keepConsistent(Hyperparameter h, String old) {
        try {
            checkConsistency();
        } catch (IllegalArgumentException e) {
            h.set(old);
            throw e;
        }
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
    protected final int hyperparameterVersion() { return version; }

    public final double get(String key) { return param(key).value(); }

    public final String getChoice(String key) { return param(key).selected(); }

    private Hyperparameter param(String key) {
        Hyperparameter h = params.get(key);
        if (h == null) {
            throw new IllegalArgumentException(name + " has no hyperparameter '" + key + "': use one of "
                    + String.join(", ", params.keySet()));
        }
        return h;
    }

    /** Makes the learning rate step-dependent: at step t the rate is {@code schedule.rate(t, lr)}. */
    public Optimizer schedule(Schedule s) {
        if (!params.containsKey("lr")) {
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

    public final long skippedSteps() { return skipped; }

    /** The learning rate in force at step t (schedule applied). */
    protected final double lrAt(long step) {
        if (lrParam == null) lrParam = param("lr");
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
     * Steps taken so far. During a step's kernel this is still the previous count: the kernel
     * gets the number of the step being taken through {@link #prepare(long)}.
     */
    public final long step() { return t; }

    /** Number of parameters the state was allocated for, or -1 before the first step. */
    public final int size() { return size; }

    public final List<String> stateNames() { return List.of(stateNames); }

    /** A copy of a per-parameter state array as doubles, or null before the first step. */
    public final double[] state(String key) {
        int k = List.of(stateNames).indexOf(key);
        if (k < 0) {
            throw new IllegalArgumentException(name + " has no state '" + key + "': it keeps "
                    + (stateNames.length == 0 ? "none" : String.join(", ", stateNames)));
        }
        if (size < 0) return null;
        if (precision == Precision.DOUBLE) return (double[]) copyOfState(k);
        float[] f = fChunks != null ? StateChunks.join(fChunks, k, size) : fs[k];
        double[] out = new double[size];
        for (int i = 0; i < size; i++) out[i] = f[i];
        return out;
    }

    /**
     * A copy of state array k (double[] or float[]) from wherever it lives, without moving it:
     * reading the state between INDArray steps leaves it in their chunks.
     */
    private Object copyOfState(int k) {
        if (precision == Precision.DOUBLE) return dChunks != null ? StateChunks.join(dChunks, k, size) : ds[k].clone();
        return fChunks != null ? StateChunks.join(fChunks, k, size) : fs[k].clone();
    }

    /** Scalar state of the subclass (e.g. Dozat's momentum product). */
    protected final double[] scalars() { return scalars; }

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
        return t == 0 || !params.containsKey("lr") ? Double.NaN : lrAt(t);
    }

    /** The scheduled learning rate of the last step for every parameter (SGD and the momentum family). */
    protected final double[] uniformRates() {
        if (size < 0 || t == 0) return null;
        double[] r = new double[size];
        java.util.Arrays.fill(r, learningRate());
        return r;
    }

    /** Forgets all state: the next step is step 1 again. Hyperparameters are kept. */
    public void reset() {
        ds = null;
        fs = null;
        dChunks = null;
        fChunks = null;
        precision = null;
        size = -1;
        t = 0;
        skipped = 0;
        java.util.Arrays.fill(scalars, 0);
        resetScalars();
    }

    /** Subclasses set initial scalar state here (called on construction of state and reset). */
    protected void resetScalars() { }

    public final OptimizerState snapshot() {
        Map<String, Object> arrays = new LinkedHashMap<>();
        for (int k = 0; k < stateNames.length; k++) {
            if (size >= 0) arrays.put(stateNames[k], copyOfState(k));
        }
        return new OptimizerState(name, t, skipped, size, precision, Collections.unmodifiableMap(arrays), scalars.clone());
    }

    /** Puts back a snapshot taken from an optimizer of the same kind. */
    public final void restore(OptimizerState s) {
        if (!s.optimizer().equals(name)) {
            throw new IllegalArgumentException("state is from " + s.optimizer() + ", not " + name);
        }
        if (s.scalars().length != scalars.length || (s.size() >= 0 && s.arrays().size() != stateNames.length)) {
            throw new IllegalArgumentException("state does not match " + name + "'s layout");
        }
        if (s.size() < 0) {
            reset();
            skipped = s.skipped(); // steps skipped before any was taken
            return;
        }
        double[][] d = null;
        float[][] f = null;
        if (s.precision() == Precision.DOUBLE) d = new double[stateNames.length][];
        else f = new float[stateNames.length][];
        for (int k = 0; k < stateNames.length; k++) {
            Object a = s.arrays().get(stateNames[k]);
            if (d != null && a instanceof double[] x && x.length == s.size()) d[k] = x.clone();
            else if (f != null && a instanceof float[] x && x.length == s.size()) f[k] = x.clone();
            else throw new IllegalArgumentException("state array '" + stateNames[k] + "' is missing or has the wrong type or length");
        }
        ds = d;
        fs = f;
        dChunks = null;
        fChunks = null;
        precision = s.precision();
        size = s.size();
        t = s.step();
        skipped = s.skipped();
        System.arraycopy(s.scalars(), 0, scalars, 0, scalars.length);
        lookaheadScratch = gradScratch = null;
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
        for (Hyperparameter h : params.values()) o.params.get(h.name()).set(h.text());
        o.version++; // set directly, not through set(): make the copy re-read them
        o.checkConsistency();
        o.schedule = schedule;
        o.skipNonFinite = skipNonFinite;
        o.restore(snapshot());
        return o;
    }

    /**
     * Allocates the state on the first step. Called only once the gradient has been accepted,
     * so that a refused or skipped first step leaves the optimizer exactly as it was.
     */
    private void allocateState(Precision p, int n, String what) {
        checkState(p, n, what);
        if (size < 0) {
            size = n;
            precision = p;
            if (p == Precision.DOUBLE) ds = new double[stateNames.length][n];
            else fs = new float[stateNames.length][n];
            resetScalars();
            initState();
        }
    }

    /** Allocates the state if needed and makes sure it is in ds/fs, where the array kernels read it. */
    private void ensureState(Precision p, int n, String what) {
        allocateState(p, n, what);
        flat();
    }

    /** Moves the state out of NdArrays' chunks back into ds/fs (a no-op unless an INDArray step came last). */
    final void flat() {
        if (dChunks != null) {
            for (int k = 0; k < ds.length; k++) ds[k] = StateChunks.join(dChunks, k, size);
            dChunks = null;
        }
        if (fChunks != null) {
            for (int k = 0; k < fs.length; k++) fs[k] = StateChunks.join(fChunks, k, size);
            fChunks = null;
        }
    }

    /** The state in chunks for an INDArray step, allocated first if this is the first step. */
    final double[][][] doubleChunks(int n) {
        allocateState(Precision.DOUBLE, n, "params");
        if (dChunks == null) {
            dChunks = StateChunks.split(ds, size);
            java.util.Arrays.fill(ds, null); // one copy of the state at a time
        }
        return dChunks;
    }

    final float[][][] floatChunks(int n) {
        allocateState(Precision.FLOAT, n, "params");
        if (fChunks == null) {
            fChunks = StateChunks.split(fs, size);
            java.util.Arrays.fill(fs, null);
        }
        return fChunks;
    }

    /** Checks that n elements of precision p fit the state (or that state can be made for them). */
    private void checkState(Precision p, int n, String what) {
        if (n == 0) throw new IllegalArgumentException(what + " is empty: an optimizer needs at least one parameter");
        if (size < 0) return;
        if (n != size) {
            throw new IllegalArgumentException(what + " has " + n + " elements but this " + name
                    + " holds state for " + size + " (call reset() to start over)");
        }
        if (p != precision) {
            throw new IllegalArgumentException(what + " is " + p.name().toLowerCase() + " but this " + name
                    + "'s state is " + precision.name().toLowerCase() + " (call reset() to start over)");
        }
    }

    /**
     * Changes the names (and number) of the state arrays, for an optimizer whose options decide
     * which arrays it needs (RMSProp's centered and momentum). Allowed only while no state is held:
     * throws IllegalArgumentException, naming the option, when the layout would change under state.
     */
    protected final void stateLayout(String option, String... names) {
        if (java.util.Arrays.equals(names, stateNames)) return;
        if (size >= 0) {
            throw new IllegalArgumentException(name + ": " + option + " changes the state arrays from "
                    + String.join(", ", stateNames) + " to " + String.join(", ", names)
                    + "; call reset() first (or set it before the first step)");
        }
        stateNames = names.clone();
    }

    /** Fills state that does not start at zero (Rprop's Δ₀); called once when state is allocated. */
    protected void initState() { }

    // ---------------------------------------------------------------- stepping

    /** One step with a gradient taken at the point {@link #gradientPoint} asked for. */
    public final void step(double[] x, double[] g) {
        checkPair(x, g);
        int n = x.length;
        checkState(Precision.DOUBLE, n, "params");
        if (n < Parallel.THRESHOLD) {
            // Small arrays (a 2-D objective, a sweep cell): one scan and one kernel call on this
            // thread, no dispatch; the same elementwise code as below, so the same bits.
            int bad = n < SHORT ? firstNonFiniteShort(g, n) : firstNonFinite(g, 0, n);
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
        checkPair(x, g);
        int n = x.length;
        checkState(Precision.FLOAT, n, "params");
        if (n < Parallel.THRESHOLD) {
            int bad = n < SHORT ? firstNonFiniteShort(g, n) : firstNonFinite(g, 0, n);
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

    // Hooks for NdArrays, which streams INDArray memory through the kernels in chunks, and
    // HalfPrecision.
    final void ndCheckState(Precision p, int n) { checkState(p, n, "params"); }

    final void ndEnsureState(Precision p, int n) { ensureState(p, n, "params"); }

    final boolean ndAcceptNonFinite(int index, double value) { return refuse(index, value); }

    final void ndBeginStep() { begin(); }

    final void ndEndStep() { t++; }

    final boolean ndSkipsNonFinite() { return skipNonFinite; }

    final void ndCountSkip() { skipped++; }

    /**
     * The update of one element, the source of truth for what this optimizer computes, runnable in
     * any arithmetic ({@link RuleStepper}); the fused {@code update} loops are proved equal to it.
     * It reads the per-step scalars {@link #prepare(long)} computed.
     */
    public ElementRule rule() {
        throw new UnsupportedOperationException(name + " has no element rule");
    }

    /** Whether the gradient must be taken somewhere other than at x (NAG). */
    public boolean usesLookahead() { return false; }

    /** Writes the point where the next gradient should be taken; x itself for most methods. */
    public void gradientPoint(double[] x, double[] out) {
        if (x == null || out == null) throw new IllegalArgumentException((x == null ? "params" : "out") + " is null");
        checkPair(x.length, out.length);
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

    private static void checkPair(double[] x, double[] g) {
        checkNotNull(x, g);
        checkPair(x.length, g.length);
    }

    private static void checkPair(float[] x, float[] g) {
        checkNotNull(x, g);
        checkPair(x.length, g.length);
    }

    private static void checkNotNull(Object x, Object g) {
        if (x == null) throw new IllegalArgumentException("params is null");
        if (g == null) throw new IllegalArgumentException("grad is null");
    }

    private static void checkPair(int nx, int ng) {
        if (nx != ng) {
            throw new IllegalArgumentException("params has " + nx + " elements but grad has " + ng + ": they must match");
        }
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
    private final Parallel.Body scanDouble = (from, to) -> firstNonFinite(jdg, from, to);
    private final Parallel.Body scanFloat = (from, to) -> firstNonFinite(jfg, from, to);
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

    /**
     * The first index in [from, to) whose value is NaN or infinite, or -1. g·0 is ±0 for finite g
     * and NaN otherwise, so a sum of them is 0 exactly when all are finite: eight independent sums,
     * no branch per element. The range is read as four streams side by side (its quarters): one
     * read stream took 4.9 ms for 10 M floats on two cores, four 3.7 ms — a lone stream gets less
     * memory bandwidth per byte than the update's several. Only a range that fails is searched.
     */
    static int firstNonFinite(double[] g, int from, int to) {
        int q = (to - from) / 8 * 2, a = from, b = a + q, c = b + q, d = c + q;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        for (int i = 0; i < q; i += 2) {
            s0 += g[a + i] * 0.0;
            s1 += g[b + i] * 0.0;
            s2 += g[c + i] * 0.0;
            s3 += g[d + i] * 0.0;
            s4 += g[a + i + 1] * 0.0;
            s5 += g[b + i + 1] * 0.0;
            s6 += g[c + i + 1] * 0.0;
            s7 += g[d + i + 1] * 0.0;
        }
        for (int i = d + q; i < to; i++) s0 += g[i] * 0.0; // the last few
        if (s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 == 0) return -1;
        for (int i = from; i < to; i++) {
            if (!Double.isFinite(g[i])) return i;
        }
        return -1;
    }

    static int firstNonFinite(float[] g, int from, int to) {
        int q = (to - from) / 8 * 2, a = from, b = a + q, c = b + q, d = c + q;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        for (int i = 0; i < q; i += 2) {
            s0 += g[a + i] * 0f;
            s1 += g[b + i] * 0f;
            s2 += g[c + i] * 0f;
            s3 += g[d + i] * 0f;
            s4 += g[a + i + 1] * 0f;
            s5 += g[b + i + 1] * 0f;
            s6 += g[c + i + 1] * 0f;
            s7 += g[d + i + 1] * 0f;
        }
        for (int i = d + q; i < to; i++) s0 += g[i] * 0f;
        if (s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 == 0) return -1;
        for (int i = from; i < to; i++) {
            if (!Float.isFinite(g[i])) return i;
        }
        return -1;
    }

    // The small-array scans: a loop of their own, so that their short trips do not shape the
    // profile of the four-stream scan above (see SHORT).
    private static int firstNonFiniteShort(double[] g, int n) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(g[i])) return i;
        }
        return -1;
    }

    private static int firstNonFiniteShort(float[] g, int n) {
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(g[i])) return i;
        }
        return -1;
    }

    private boolean refuse(int i, double v) {
        if (skipNonFinite) {
            skipped++;
            return false;
        }
        throw new NonFiniteGradientException(name, t + 1, i, v);
    }

    private void begin() {
        prepare(t + 1);
    }

    /** Computes the step's scalars (learning rate, bias corrections) before the loops run. */
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
        StringBuilder b = new StringBuilder(name).append('(');
        String sep = "";
        for (Hyperparameter h : params.values()) {
            b.append(sep).append(h.name()).append('=').append(h.text());
            sep = ", ";
        }
        return b.append(") after ").append(t).append(" steps").toString();
    }
}
