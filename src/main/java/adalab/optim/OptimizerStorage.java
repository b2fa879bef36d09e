package adalab.optim;

import adalab.optim.OptimizerState.Precision;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer's state storage: the per-parameter arrays in one of two precisions (double for
 * double steps, float for float and low-precision ones) and two layouts (flat, or NdArrays'
 * cache-sized chunks during INDArray steps), the scalar state, the step and skip counts, and
 * their snapshot and restore. Allocated on the first accepted step, after which a step allocates
 * nothing. {@link Optimizer} adds the hyperparameters and the step template on top.
 */
public abstract class OptimizerStorage {

    final String name;
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
    double[][][] dChunks;
    float[][][] fChunks;
    Precision precision;
    int size = -1;
    long t;
    long skipped;

    OptimizerStorage(String name, String[] stateNames, int scalarCount) {
        this.name = name;
        this.stateNames = stateNames.clone();
        this.scalars = new double[scalarCount];
    }

    public final long skippedSteps() { return skipped; }

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
    }

    /**
     * Allocates the state on the first step. Called only once the gradient has been accepted,
     * so that a refused or skipped first step leaves the optimizer exactly as it was.
     */
    final void allocateState(Precision p, int n, String what) {
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
    final void ensureState(Precision p, int n, String what) {
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
    final void checkState(Precision p, int n, String what) {
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

    /** The registry name, e.g. "adam". */
    public final String name() { return name; }
}
