package adalab.run;

import adalab.objectives.Objective;
import adalab.optim.GradientOracle;
import adalab.optim.Hyperparameter;
import adalab.optim.ArithmeticFaultException;
import adalab.optim.NonFiniteException;
import adalab.optim.PrecisionMode;
import adalab.optim.RuleStepper;
import adalab.optim.Optimizer;
import adalab.optim.StepScalars;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drives an optimizer on an objective:
 * {@code Run.of(new Adam().set("lr", 0.01), new Rosenbrock()).steps(500).record(Recording.every(10)).go()}.
 *
 * <p>Each step calls {@link Optimizer#step(double[], GradientOracle)} (one oracle call, at the
 * point the optimizer asks for) and, on recorded rows, the exact objective value at the new
 * parameters. The optimizer is reset first unless {@link #keepState()} is asked for, so running
 * the same optimizer object twice gives the same result. The loop checks the thread's interrupt
 * flag every step: a notebook interrupt returns the partial trajectory, marked interrupted (the
 * flag is left set). A non-finite gradient stops the run and returns what it had, with the reason
 * in {@link Trajectory#stopReason()}, unless {@link #failOnNonFinite()} asks for the exception.
 * With {@link #checkLoss(boolean) checkLoss(true)} a non-finite loss reported by the objective for
 * a step is refused the same way, before the optimizer sees that step's gradient
 * ({@link NonFiniteLossException}); with the optimizer's {@code onNonFinite("skip")} such a step
 * is skipped and counted in its skippedSteps() instead.
 *
 * <p>Each row also records the learning rate its step applied ({@link Trajectory#lr()}, schedule
 * included) and, with {@link Recording#scalars(boolean)}, the optimizer's per-step scalars
 * ({@link StepScalars}: RAdam's ρ_t and r_t).
 */
public final class Run {

    private final Optimizer optimizer;
    private final Objective objective;
    private double[] start;
    private long steps = 100;
    private Recording record = Recording.defaults();
    private String label;
    private boolean keepState, failOnNonFinite, checkLoss;
    // The step in progress had a non-finite loss (set by the oracle wrapper in go()).
    private double boxLo = Double.NEGATIVE_INFINITY, boxHi = Double.POSITIVE_INFINITY;
    private StepListener listener;
    private PrecisionMode precision = PrecisionMode.FP64;
    private Checkpoint resume;

    private Run(Optimizer optimizer, Objective objective) {
        this.optimizer = optimizer;
        this.objective = objective;
    }

    public static Run of(Optimizer optimizer, Objective objective) {
        if (optimizer == null) throw new IllegalArgumentException("optimizer is null");
        if (objective == null) throw new IllegalArgumentException("objective is null");
        return new Run(optimizer, objective);
    }

    /** Start point (copied); default the objective's conventional start. */
    public Run from(double... x0) {
        if (x0 == null) throw new IllegalArgumentException("start is null: need " + objective.dimension() + " numbers");
        if (x0.length != objective.dimension()) {
            throw new IllegalArgumentException("start has " + x0.length + " elements: " + objective.name()
                    + " has dimension " + objective.dimension());
        }
        for (int i = 0; i < x0.length; i++) {
            if (!Double.isFinite(x0[i])) {
                throw new IllegalArgumentException("start[" + i + "] = " + x0[i] + ": allowed finite numbers");
            }
        }
        this.start = x0.clone();
        return this;
    }

    /** Number of steps (default 100). */
    public Run steps(long n) {
        if (n < 0) throw new IllegalArgumentException("steps = " + n + ": allowed an integer >= 0");
        this.steps = n;
        return this;
    }

    public Run record(Recording r) {
        if (r == null) throw new IllegalArgumentException("record is null: use e.g. Recording.every(1)");
        this.record = r;
        return this;
    }

    /** Legend label; default e.g. "adam lr=0.01". */
    public Run label(String l) {
        this.label = l;
        return this;
    }

    /**
     * Projected steps: after every step each parameter is clipped to [lo, hi] (Reddi et al.'s
     * problem lives on [−1, 1]). The start must lie inside.
     */
    public Run box(double lo, double hi) {
        if (Double.isNaN(lo) || Double.isNaN(hi) || !(lo < hi)) {
            throw new IllegalArgumentException("box [" + lo + ", " + hi + "]: allowed lo < hi");
        }
        this.boxLo = lo;
        this.boxHi = hi;
        return this;
    }

    /**
     * Called after every step with the step number, the live parameters (copy to keep) and the
     * loss the oracle reported for that step (taken where the gradient was, before the update).
     */
    public Run onStep(StepListener l) {
        this.listener = l;
        return this;
    }

    /**
     * The arithmetic of every step (default fp64, the fused loops): any {@link PrecisionMode} runs
     * the optimizer's rule through {@link RuleStepper}, the start rounded to the parameters' format.
     * A step that makes Inf or NaN from finite numbers is an {@link ArithmeticFaultException}:
     * it stops the run as a non-finite gradient does.
     */
    public Run precision(PrecisionMode mode) {
        if (mode == null) throw new IllegalArgumentException("precision is null: use one of " + String.join(", ", PrecisionMode.labels()));
        this.precision = mode;
        return this;
    }

    /** Continue from the optimizer's current state instead of resetting it. */
    public Run keepState() {
        this.keepState = true;
        return this;
    }

    /**
     * Continues a checkpointed run: when {@link #go()} starts, the optimizer gets the checkpoint's
     * hyperparameters and state, the run starts from its parameters (instead of {@link #from})
     * and takes steps {@code checkpoint.step() + 1} to {@link #steps(long)}, numbered, recorded
     * and sampled as in the uninterrupted run (row 0 is the resume point). So
     * {@code steps(100)} finishes a 100-step run wherever it was saved, bit-identically.
     * Checked now: optimizer kind, dimension and objective name.
     */
    public Run resume(Checkpoint c) {
        if (c == null) throw new IllegalArgumentException("checkpoint is null");
        double[] p = c.params();
        if (p == null) {
            throw new IllegalArgumentException("the checkpoint holds only an optimizer, no run progress: use "
                    + "Checkpoint.restoreInto(optimizer) and from(...) instead");
        }
        if (p.length != objective.dimension()) {
            throw new IllegalArgumentException("the checkpoint has " + p.length + " parameters: " + objective.name()
                    + " has dimension " + objective.dimension());
        }
        if (c.objective() != null && !c.objective().equals(objective.name())) {
            throw new IllegalArgumentException("the checkpoint is of a run on " + c.objective() + ", not " + objective.name());
        }
        c.restoreInto(optimizer.copy()); // a dry run: refuses a mismatched optimizer now, touching nothing
        this.resume = c;
        return this;
    }

    /**
     * Throw the {@link NonFiniteException} that stopped the run (a refused gradient, an arithmetic
     * fault of the precision, a refused loss) instead of returning a stopped trajectory.
     */
    public Run failOnNonFinite() {
        this.failOnNonFinite = true;
        return this;
    }

    /**
     * Whether a NaN or infinite loss reported for a step is refused like a non-finite gradient.
     * Off by default for now: {@link Sweep} does not check the loss, and its cells must equal
     * Runs bit for bit (a diverging run's loss overflows a step or two before its gradient).
     * Leave it off for an objective whose evaluate() reports no loss (NaN).
     */
    public Run checkLoss(boolean on) {
        this.checkLoss = on;
        return this;
    }

    /** The default legend label: the optimizer's name and its learning rate if it has one. */
    public static String defaultLabel(Optimizer o) {
        for (Hyperparameter h : o.hyperparameters()) {
            if (h.name().equals("lr")) return o.name() + " lr=" + shortNumber(h.value());
        }
        return o.name();
    }

    private static String shortNumber(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = Double.toString(v);
        return s;
    }

    public Trajectory go() {
        double[] x = resume != null ? resume.params() : start != null ? start.clone() : objective.start().clone();
        long first = resume != null ? resume.step() + 1 : 1;
        // Recording.rows() would overflow past Long.MAX_VALUE here and allocate nothing.
        if (steps / record.every() >= Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("steps = " + steps + " with record every = " + record.every()
                    + " gives more than " + (Integer.MAX_VALUE - 8) + " rows: record less often");
        }
        if (first - 1 > steps) {
            throw new IllegalArgumentException("steps = " + steps + " but the checkpoint is already at step " + (first - 1)
                    + ": allowed an integer >= " + (first - 1));
        }
        int d = objective.dimension();
        if (x.length != d) {
            throw new IllegalArgumentException(objective.name() + "'s start has " + x.length
                    + " elements but its dimension is " + d);
        }
        for (int i = 0; i < d; i++) {
            if (x[i] < boxLo || x[i] > boxHi) {
                throw new IllegalArgumentException("start[" + i + "] = " + x[i] + ": outside the box [" + boxLo + ", " + boxHi + "]");
            }
        }
        boolean boxed = boxLo > Double.NEGATIVE_INFINITY || boxHi < Double.POSITIVE_INFINITY;
        if (resume != null) resume.restoreInto(optimizer);
        else if (!keepState) optimizer.reset();
        Trajectory tr = new Trajectory(label != null ? label : defaultLabel(optimizer), optimizer.name(),
                objective.name(), d, record, steps, optimizer.stateNames());

        // The gradient the optimizer received in the current step (copied only when recorded).
        double[] lastGrad = record.gradient() ? new double[d] : null;
        lastTaken = false;
        GradientOracle oracle = lastGrad == null && !checkLoss ? objective : (at, g, t) -> {
            double l = objective.evaluate(at, g, t);
            if (lastGrad != null) System.arraycopy(g, 0, lastGrad, 0, d);
            // Thrown out of the optimizer's step before it touched any state; go() applies the policy.
            if (checkLoss && !Double.isFinite(l)) throw new RefusedLoss(l);
            return l;
        };

        // fp64 runs the fused loops; any other precision the rule, from the start in its format.
        RuleStepper stepper = precision == PrecisionMode.FP64 ? null : RuleStepper.of(optimizer, precision);
        if (stepper != null) for (int i = 0; i < d; i++) x[i] = precision.update().round(x[i]);
        long t0 = System.nanoTime();
        tr.add(first - 1, record.loss() ? objective.value(x) : Double.NaN, Double.NaN, x, null,
                null, record.state() ? stateNow() : null, Double.NaN, null);
        long taken = first - 1;
        boolean recordedLast = true, gradientSpoiled = false;
        double lastSample = Double.NaN;
        String reason = null;
        boolean interrupted = false;
        for (long s = first; s <= steps; s++) {
            if (Thread.currentThread().isInterrupted()) {
                interrupted = true;
                reason = "interrupted after " + taken + " of " + steps + " steps";
                break;
            }
            double sample;
            long before = optimizer.step();
            try {
                sample = stepper == null ? optimizer.step(x, oracle) : stepper.step(x, oracle);
            } catch (RefusedLoss refused) {
                // The optimizer's non-finite policy, asked explicitly: skip (counted) or stop.
                sample = refused.loss;
                if (!optimizer.skipRefusedStep()) {
                    RuntimeException r = new NonFiniteLossException(optimizer.name(), s, refused.loss);
                    if (failOnNonFinite) throw r;
                    reason = r.getMessage();
                    gradientSpoiled = true; // lastGrad holds the refused step's gradient
                    break;
                }
            } catch (NonFiniteException e) { // a gradient refused, or a fault of the precision's arithmetic
                if (failOnNonFinite) throw e;
                reason = e.getMessage();
                gradientSpoiled = true; // the buffer now holds the refused gradient
                break;
            }
            lastTaken = optimizer.step() > before;
            if (boxed) for (int i = 0; i < d; i++) x[i] = Math.max(boxLo, Math.min(boxHi, x[i]));
            taken = s;
            if (listener != null) listener.onStep(s, x, sample);
            recordedLast = record.keeps(s, steps);
            if (recordedLast) addRow(tr, s, sample, x, lastGrad);
            else lastSample = sample;
        }
        // An early stop between recorded rows still gets a row for where it stopped.
        if (!recordedLast) addRow(tr, taken, lastSample, x, gradientSpoiled ? null : lastGrad);
        tr.finish(x, optimizer.averagedIterate(), interrupted, reason, System.nanoTime() - t0);
        return tr;
    }

    private boolean lastTaken;   // whether the step in progress was taken (not skipped)

    private void addRow(Trajectory tr, long s, double sample, double[] x, double[] lastGrad) {
        double[] r = null;
        if (record.rates()) {
            r = optimizer.effectiveRates();
            if (r != null) r = r.clone();
        }
        double lr = record.lr() && lastTaken ? optimizer.learningRate() : Double.NaN;
        java.util.Map<String, Double> sc = record.scalars() && optimizer instanceof StepScalars ss ? ss.stepScalars() : null;
        tr.add(s, record.loss() ? objective.value(x) : Double.NaN, sample, x,
                lastGrad != null ? lastGrad.clone() : null, r, record.state() ? stateNow() : null, lr, sc);
    }

    private Map<String, double[]> stateNow() {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (String n : optimizer.stateNames()) m.put(n, optimizer.state(n));
        return m;
    }

    /** A non-finite loss, thrown out of the oracle so that the step stops before it starts. */
    private static final class RefusedLoss extends RuntimeException {
        final double loss;

        RefusedLoss(double loss) {
            super(null, null, false, false); // no stack trace: it never leaves go()
            this.loss = loss;
        }
    }
}
