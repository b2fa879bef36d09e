package adalab.run;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a run recorded: one row per kept step (row 0 is the start, step 0). Series that were not
 * recorded come back as null; values that do not exist for a row (the start's gradient, rate and
 * optimizer state) are NaN. Getters return copies.
 */
public final class Trajectory {

    private final String label, optimizer, objective;
    private final int dim;
    private final Recording record;
    private final long requestedSteps;
    private int size;
    private final long[] steps;
    private final double[] losses, sampleLosses;
    private final double[][] params, grads, rates;
    private final Map<String, double[][]> state;
    private final double[] lrs;            // null when the learning rate is not recorded
    private boolean hasLr;
    private final Map<String, double[]> scalars = new LinkedHashMap<>(); // per-step scalars by name
    private boolean hasRates;
    private double[] last, lastAverage;
    private boolean interrupted;
    private String stopReason;
    private long nanos;

    Trajectory(String label, String optimizer, String objective, int dim, Recording record, long requestedSteps,
               Iterable<String> stateNames) {
        this.label = label;
        this.optimizer = optimizer;
        this.objective = objective;
        this.dim = dim;
        this.record = record;
        this.requestedSteps = requestedSteps;
        int rows = Recording.rows(requestedSteps, record.every());
        steps = new long[rows];
        losses = new double[rows];
        sampleLosses = new double[rows];
        params = record.params() ? new double[rows][] : null;
        grads = record.gradient() ? new double[rows][] : null;
        rates = record.rates() ? new double[rows][] : null;
        state = new LinkedHashMap<>();
        if (record.state()) for (String s : stateNames) state.put(s, new double[rows][]);
        lrs = record.lr() ? new double[rows] : null;
    }

    // ------------------------------------------------------------------ filled by Run

    /**
     * Adds a row; arrays are stored as given (the caller passes copies). With it the learning rate
     * the step applied (NaN for the start, a skipped step or a method without one) and the
     * optimizer's per-step scalars (null or empty: none).
     */
    void add(long step, double loss, double sampleLoss, double[] x, double[] g, double[] r, Map<String, double[]> st,
             double lr, Map<String, Double> sc) {
        int k = size;
        if (lrs != null) {
            lrs[k] = lr;
            if (!Double.isNaN(lr)) hasLr = true;
        }
        for (double[] col : scalars.values()) col[k] = Double.NaN; // a name this row lacks
        if (sc != null) {
            for (Map.Entry<String, Double> e : sc.entrySet()) {
                scalars.computeIfAbsent(e.getKey(), name -> {
                    double[] col = new double[steps.length];
                    Arrays.fill(col, Double.NaN); // rows before the name first appeared
                    return col;
                })[k] = e.getValue();
            }
        }
        steps[k] = step;
        losses[k] = loss;
        sampleLosses[k] = sampleLoss;
        if (params != null) params[k] = x.clone();
        if (grads != null) grads[k] = g;
        if (rates != null) {
            rates[k] = r;
            if (r != null) hasRates = true;
        }
        for (Map.Entry<String, double[][]> e : state.entrySet()) e.getValue()[k] = st == null ? null : st.get(e.getKey());
        size++;
    }

    void finish(double[] x, double[] average, boolean interrupted, String stopReason, long nanos) {
        this.last = x.clone();
        this.lastAverage = average;
        this.interrupted = interrupted;
        this.stopReason = stopReason;
        this.nanos = nanos;
    }

    // ------------------------------------------------------------------ public API

    /** E.g. "adam lr=0.01". */
    public String label() { return label; }

    public String optimizerName() { return optimizer; }

    public String objectiveName() { return objective; }

    public int dimension() { return dim; }

    /** Recorded rows. */
    public int size() { return size; }

    public Recording recording() { return record; }

    /** Steps asked for. */
    public long requestedSteps() { return requestedSteps; }

    /** Steps actually taken (less than requested if interrupted or stopped). */
    public long stepsTaken() { return size == 0 ? 0 : steps[size - 1]; }

    /** True when the thread was interrupted and the run returned early with what it had. */
    public boolean interrupted() { return interrupted; }

    /** Why the run stopped early (interrupt, non-finite gradient), or null when it ran all its steps. */
    public String stopReason() { return stopReason; }

    public boolean completed() { return stopReason == null; }

    /** Wall-clock time of the run in nanoseconds (recording included). */
    public long elapsedNanos() { return nanos; }

    /** Step number of each row (0 = start). */
    public long[] steps() { return Arrays.copyOf(steps, size); }

    public double[] stepsAsDouble() {
        double[] d = new double[size];
        for (int i = 0; i < size; i++) d[i] = steps[i];
        return d;
    }

    /** The exact objective value at each row's parameters; NaN where loss was not recorded. */
    public double[] losses() {
        if (!record.loss()) {
            double[] d = new double[size];
            Arrays.fill(d, Double.NaN);
            return d;
        }
        return Arrays.copyOf(losses, size);
    }

    /**
     * The loss the oracle reported for the step that led to each row (a mini-batch loss for
     * stochastic objectives, taken before the step); NaN for the start.
     */
    public double[] sampleLosses() { return Arrays.copyOf(sampleLosses, size); }

    /** The last exact loss recorded, NaN if none. */
    public double finalLoss() { return size == 0 || !record.loss() ? Double.NaN : losses[size - 1]; }

    /** Series of parameter i over the rows, or null when parameters were not recorded. */
    public double[] param(int i) {
        checkIndex(i);
        if (params == null) return null;
        double[] d = new double[size];
        for (int k = 0; k < size; k++) d[k] = params[k][i];
        return d;
    }

    /** Parameter rows (copies), or null when parameters were not recorded. */
    public double[][] params() {
        if (params == null) return null;
        double[][] d = new double[size][];
        for (int k = 0; k < size; k++) d[k] = params[k].clone();
        return d;
    }

    /** The parameters after the last step taken (always kept). */
    public double[] lastParams() { return last == null ? null : last.clone(); }

    /**
     * The optimizer's averaged iterate at the end ({@code Optimizer.averagedIterate()}: ASGD's θ̄,
     * the method's answer), or null for a method without one. Its series: record state "avg".
     */
    public double[] lastAverage() { return lastAverage == null ? null : lastAverage.clone(); }

    /** Effective learning rate of parameter i per row (NaN at the start), or null if not recorded / none. */
    public double[] rate(int i) {
        checkIndex(i);
        if (rates == null || !hasRates) return null;
        double[] d = new double[size];
        for (int k = 0; k < size; k++) d[k] = rates[k] == null ? Double.NaN : rates[k][i];
        return d;
    }

    /**
     * The learning rate each row's step applied, schedule included (NaN for the start and for a
     * step that was skipped); null when it was not recorded or the optimizer has no "lr".
     */
    public double[] lr() {
        if (lrs == null || !hasLr) return null;
        return Arrays.copyOf(lrs, size);
    }

    /** The names of the per-step scalars recorded (RAdam: rho, r, rectified); empty if none. */
    public Set<String> scalarNames() { return Collections.unmodifiableSet(scalars.keySet()); }

    /**
     * The per-step scalar {@code name} of each row's step (NaN for the start), or null when it
     * was not recorded (see {@link Recording#scalars(boolean)}).
     */
    public double[] scalar(String name) {
        double[] col = scalars.get(name);
        return col == null ? null : Arrays.copyOf(col, size);
    }

    /** The names of the optimizer state series recorded (empty if state was not recorded). */
    public Set<String> stateNames() { return Collections.unmodifiableSet(state.keySet()); }

    /** Series of optimizer state {@code name} for parameter i (NaN before the first step), or null if absent. */
    public double[] state(String name, int i) {
        checkIndex(i);
        double[][] s = state.get(name);
        if (s == null) return null;
        double[] d = new double[size];
        for (int k = 0; k < size; k++) d[k] = s[k] == null ? Double.NaN : s[k][i];
        return d;
    }

    /** The gradient the optimizer received in the step that led to this row; null if not recorded or row 0. */
    public double[] gradient(int row) {
        if (row < 0 || row >= size) {
            throw new IllegalArgumentException("row = " + row + ": allowed 0 to " + (size - 1));
        }
        if (grads == null || grads[row] == null) return null;
        return grads[row].clone();
    }

    /** Series of gradient component i (NaN at the start), or null if gradients were not recorded. */
    public double[] gradientSeries(int i) {
        checkIndex(i);
        if (grads == null) return null;
        double[] d = new double[size];
        for (int k = 0; k < size; k++) d[k] = grads[k] == null ? Double.NaN : grads[k][i];
        return d;
    }

    /** Distance from each recorded row to a point (e.g. the minimiser), or null without parameters. */
    public double[] distanceTo(double[] point) {
        if (point == null || point.length != dim) {
            throw new IllegalArgumentException("point has " + (point == null ? "no" : point.length + "")
                    + " elements: need " + dim);
        }
        if (params == null) return null;
        double[] d = new double[size];
        for (int k = 0; k < size; k++) {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                double u = params[k][j] - point[j];
                s += u * u;
            }
            d[k] = Math.sqrt(s);
        }
        return d;
    }

    /** CSV with a header: step, loss, then x0..x{d-1} if recorded. */
    public String toCsv() {
        StringBuilder b = new StringBuilder("step,loss");
        if (params != null) for (int j = 0; j < dim; j++) b.append(",x").append(j);
        b.append('\n');
        for (int k = 0; k < size; k++) {
            b.append(steps[k]).append(',').append(record.loss() ? losses[k] : Double.NaN);
            if (params != null) for (int j = 0; j < dim; j++) b.append(',').append(params[k][j]);
            b.append('\n');
        }
        return b.toString();
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= dim) throw new IllegalArgumentException("parameter index = " + i + ": allowed 0 to " + (dim - 1));
    }

    @Override
    public String toString() {
        return "Trajectory[" + label + " on " + objective + ": " + stepsTaken() + "/" + requestedSteps + " steps, "
                + size + " rows, final loss " + finalLoss() + (stopReason == null ? "" : ", stopped: " + stopReason) + "]";
    }
}
