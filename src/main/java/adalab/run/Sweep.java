package adalab.run;

import adalab.objectives.Objective;
import adalab.optim.Optimizer;
import adalab.optim.Optimizers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.ToDoubleFunction;

/**
 * A grid of runs: optimizers × hyperparameter values × objectives × seeds, run in parallel.
 *
 * <pre>{@code
 * Sweep.Result r = Sweep.of("adam").over("lr", 1e-3, 1e-2, 1e-1).over("beta2", 0.9, 0.99, 0.999)
 *         .on(new Rosenbrock()).steps(2000).tolerance(1e-6).progressBar().run();
 * Plots.heatmap(r, "lr", "beta2").logColor().chart();   // adalab.plot
 * }</pre>
 *
 * <p>Each cell is exactly {@code Run.of(optimizer, objective).from(x0).steps(n).go()} with a fresh
 * optimizer (same steps, same bits), keeping only the final parameters and loss, the first step
 * whose loss (the exact objective after the step) is at or below the tolerance, and whether it
 * diverged (a non-finite gradient stopped it, as it stops a Run, or the final loss is not finite). Adam on Rosenbrock takes a lean path ({@link SweepKernels}: many cells stepped
 * at once, vectorized across cells) that gives the same bits. Cells are
 * independent and each is computed by the same sequence of operations whichever thread runs it,
 * so results are bit-identical for any thread count and scheduling.
 *
 * <p>Threads: {@link #threads(int)} (default the available processors, at most 8) workers; the
 * calling thread only waits, reports progress (throttled to 10 per second: notebook display
 * updates must come from the cell's thread) and watches its interrupt flag: an interrupt (the
 * notebook's stop button) stops the workers within a step and returns the cells finished so far,
 * the result marked {@link Result#interrupted()} (the flag is left set, as in {@link Run}).
 *
 * <p>Seeds: {@link #on(String, LongFunction)} builds a seeded objective per seed, and
 * {@link #jitter(double)} moves each seed's start by σ·N(0, 1) per coordinate.
 */
public final class Sweep {

    /** One swept hyperparameter. */
    public record Axis(String key, double[] values) {
        public Axis {
            values = values.clone();
        }

        @Override public double[] values() { return values.clone(); }

        /** The values without a copy, for the plan's per-cell loop. */
        double[] valuesShared() { return values; }
    }

    /** Told how many cells of the total are finished; called on the thread that called run(). */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total);
    }

    /**
     * One finished cell. {@code params} holds the swept values only; x is a copy; average is the
     * optimizer's averaged iterate (ASGD's θ̄, its answer) or null for a method without one.
     */
    public record Cell(int index, String optimizer, Map<String, Double> params, String objective, long seed,
                       double finalLoss, long stepsTaken, long stepsToTolerance, boolean diverged, double[] x,
                       double[] average) {
        @Override public double[] x() { return x.clone(); }

        @Override public double[] average() { return average == null ? null : average.clone(); }

        /** The swept value of key (axis values are stored exactly as given). */
        public double param(String key) {
            Double v = params.get(key);
            if (v == null) throw new IllegalArgumentException("'" + key + "' is not swept: swept are " + params.keySet());
            return v;
        }
    }

    record Source(String name, Objective fixed, LongFunction<Objective> bySeed) {
        Objective make(long seed) {
            if (fixed != null) return fixed;
            Objective o = bySeed.apply(seed);
            if (o == null) throw new IllegalArgumentException("objective '" + name + "' gave null for seed " + seed);
            return o;
        }
    }

    /** Cells run interleaved, a block at a time: independent dependency chains keep the core busy. */
    static final int BLOCK = Integer.getInteger("adalab.sweep.block", 8);

    final List<String> optimizers;
    final List<Axis> axes = new ArrayList<>();
    final List<Source> sources = new ArrayList<>();
    double[] start;
    long steps = 1000;
    long[] seeds = {0};
    double jitter, tolerance = Double.NaN;
    int threads = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    Progress progress;
    boolean bar;

    private Sweep(List<String> optimizers) {
        this.optimizers = optimizers;
    }

    /** A sweep over the named optimizers (registry names, e.g. "adam", "rmsprop"). */
    public static Sweep of(String... optimizers) {
        if (optimizers == null || optimizers.length == 0) {
            throw new IllegalArgumentException("optimizers: none given, name at least one of " + String.join(", ", Optimizers.names()));
        }
        for (String n : optimizers) Optimizers.create(n); // throws naming the accepted names
        return new Sweep(List.of(optimizers));
    }

    /** Sweeps a hyperparameter; every optimizer of the sweep must have it and accept every value. */
    public Sweep over(String key, double... values) {
        if (key == null) throw new IllegalArgumentException("key is null");
        if (values == null || values.length == 0) throw new IllegalArgumentException("over '" + key + "': no values given, at least one is needed");
        for (Axis a : axes) {
            if (a.key().equals(key)) throw new IllegalArgumentException("over '" + key + "': already swept");
        }
        for (String n : optimizers) {
            Optimizer o = Optimizers.create(n);
            for (double v : values) o.set(key, v); // throws naming the optimizer, key and allowed range
        }
        axes.add(new Axis(key, values));
        return this;
    }

    /** Objectives (deterministic or not; the same object serves every seed). */
    public Sweep on(Objective... objectives) {
        if (objectives == null || objectives.length == 0) throw new IllegalArgumentException("objectives: none given");
        for (Objective o : objectives) {
            if (o == null) throw new IllegalArgumentException("objectives: null given");
            sources.add(new Source(o.name(), o, null));
        }
        return this;
    }

    /** An objective made per seed, e.g. {@code seed -> new LinearRegression(200, 5, 0.1, seed)}. */
    public Sweep on(String name, LongFunction<Objective> bySeed) {
        if (name == null || bySeed == null) throw new IllegalArgumentException((name == null ? "name" : "bySeed") + " is null");
        sources.add(new Source(name, null, bySeed));
        return this;
    }

    /** Start point for every cell (copied); default each objective's conventional start. */
    public Sweep from(double... x0) {
        if (x0 == null) throw new IllegalArgumentException("start is null");
        for (int i = 0; i < x0.length; i++) {
            if (!Double.isFinite(x0[i])) throw new IllegalArgumentException("start[" + i + "] = " + x0[i] + ": allowed finite numbers");
        }
        start = x0.clone();
        return this;
    }

    /** Steps per cell (default 1000). */
    public Sweep steps(long n) {
        if (n < 0) throw new IllegalArgumentException("steps = " + n + ": allowed an integer >= 0");
        steps = n;
        return this;
    }

    /** Seeds (default {0}); each is one cell per combination of the other axes. */
    public Sweep seeds(long... s) {
        if (s == null || s.length == 0) throw new IllegalArgumentException("seeds: none given, at least one is needed");
        seeds = s.clone();
        return this;
    }

    /** Moves each seed's start by σ·N(0, 1) per coordinate, drawn from the seed (default 0). */
    public Sweep jitter(double sigma) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) throw new IllegalArgumentException("jitter = " + sigma + ": allowed >= 0 and finite");
        jitter = sigma;
        return this;
    }

    /** Records the first step whose loss is at or below tol (default: not recorded, -1). */
    public Sweep tolerance(double tol) {
        if (Double.isNaN(tol)) throw new IllegalArgumentException("tolerance = NaN: allowed any number");
        tolerance = tol;
        return this;
    }

    /** Worker threads (default the available processors, at most 8); results do not depend on it. */
    public Sweep threads(int n) {
        if (n < 1 || n > 256) throw new IllegalArgumentException("threads = " + n + ": allowed 1 to 256");
        threads = n;
        return this;
    }

    /** Progress callback, called on the thread that calls {@link #run()}, at most 10 times a second and once at the end. */
    public Sweep onProgress(Progress p) {
        progress = p;
        return this;
    }

    /** Shows a progress bar ({@link ProgressDisplay}: in a notebook, plot's ProgressBar, live; elsewhere nothing). */
    public Sweep progressBar() {
        bar = true;
        return this;
    }

    /** Number of cells. */
    public int size() {
        long n = (long) optimizers.size() * Math.max(1, sources.size()) * seeds.length;
        for (Axis a : axes) n *= a.values.length;
        if (n > 50_000_000) throw new IllegalArgumentException("the sweep has " + n + " cells: allowed at most 50000000");
        return (int) n;
    }

    // ------------------------------------------------------------------ running

    /** Runs every cell; see the class comment for threads, progress and interrupts. */
    public Result run() { return new SweepRunner(this).run(); }

    // ------------------------------------------------------------------ results

    /** The finished cells, in grid order (optimizer, then each axis in order, objective, seed). */
    public static final class Result {
        private final List<Axis> axes;
        private final List<Cell> cells;
        private final int total;
        private final boolean interrupted;
        private final long nanos;

        Result(List<Axis> axes, List<Cell> cells, int total, boolean interrupted, long nanos) {
            this.axes = axes;
            this.cells = Collections.unmodifiableList(cells);
            this.total = total;
            this.interrupted = interrupted;
            this.nanos = nanos;
        }

        public List<Cell> cells() { return cells; }

        /** Cells in the grid; {@code cells().size()} of them finished. */
        public int total() { return total; }

        /** Whether an interrupt stopped the sweep before every cell finished. */
        public boolean interrupted() { return interrupted; }

        public double seconds() { return nanos / 1e9; }

        public List<Axis> axes() { return axes; }

        /**
         * Final loss over two swept axes: values[j][i] for x = xs[i], y = ys[j] (as
         * {@code Plots.heatmap} takes it), the median over every other axis, objective and seed;
         * NaN (drawn white) where any of those diverged or did not finish.
         */
        public double[][] values(String xKey, String yKey) {
            return values(xKey, yKey, Cell::finalLoss);
        }

        /**
         * The median of {@code metric} over each (x, y) cell's seeds and other swept values, for a
         * heat map: e.g. {@code c -> c.stepsToTolerance()}. NaN where a run diverged or did not finish.
         */
        public double[][] values(String xKey, String yKey, ToDoubleFunction<Cell> metric) {
            if (metric == null) throw new IllegalArgumentException("metric is null: e.g. Cell::finalLoss");
            double[] xs = axis(xKey).values, ys = axis(yKey).values;
            if (xKey.equals(yKey)) throw new IllegalArgumentException("heatmap axes: '" + xKey + "' given twice, two different swept keys are needed");
            int per = total / (xs.length * ys.length);
            double[][] v = new double[ys.length][xs.length];
            for (int j = 0; j < ys.length; j++) {
                for (int i = 0; i < xs.length; i++) {
                    List<Double> ls = new ArrayList<>();
                    boolean bad = false;
                    for (Cell c : cells) {
                        if (c.param(xKey) == xs[i] && c.param(yKey) == ys[j]) {
                            if (c.diverged()) bad = true;
                            ls.add(metric.applyAsDouble(c));
                        }
                    }
                    v[j][i] = bad || ls.size() < per ? Double.NaN : median(ls);
                }
            }
            return v;
        }

        /**
         * The cell with the lowest finite {@code score} among those that did not diverge; ties go to
         * the first cell in grid order. Empty when no cell qualifies. For "the best learning rate"
         * under a stated rule, e.g. {@code best(c -> c.stepsToTolerance() >= 0 ? c.stepsToTolerance() : 1e18 + c.finalLoss())}.
         */
        public java.util.Optional<Cell> best(ToDoubleFunction<Cell> score) {
            if (score == null) throw new IllegalArgumentException("score is null: e.g. Cell::finalLoss");
            Cell best = null;
            double bestScore = Double.POSITIVE_INFINITY;
            for (Cell c : cells) {
                if (c.diverged()) continue;
                double sc = score.applyAsDouble(c);
                if (Double.isFinite(sc) && (best == null || sc < bestScore)) {
                    best = c;
                    bestScore = sc;
                }
            }
            return java.util.Optional.ofNullable(best);
        }

        /** The swept axis of that key; throws naming the swept ones. (Heat maps: {@code Plots.heatmap(result, x, y)}.) */
        public Axis axis(String key) {
            for (Axis a : axes) if (a.key().equals(key)) return a;
            List<String> keys = new ArrayList<>();
            for (Axis a : axes) keys.add(a.key());
            throw new IllegalArgumentException("'" + key + "' is not swept: swept are " + keys);
        }

        private static double median(List<Double> ls) {
            double[] a = new double[ls.size()];
            for (int i = 0; i < a.length; i++) a[i] = ls.get(i);
            Arrays.sort(a);
            int m = a.length / 2;
            return a.length % 2 == 1 ? a[m] : (a[m - 1] + a[m]) / 2;
        }

        /** The cells as CSV: optimizer, swept keys, objective, seed, final_loss, steps, steps_to_tol, diverged. */
        public String toCsv() {
            StringBuilder b = new StringBuilder("optimizer");
            for (Axis a : axes) b.append(',').append(a.key());
            b.append(",objective,seed,final_loss,steps,steps_to_tol,diverged\n");
            for (Cell c : cells) {
                b.append(c.optimizer());
                for (Axis a : axes) b.append(',').append(c.param(a.key()));
                b.append(',').append(c.objective()).append(',').append(c.seed()).append(',').append(c.finalLoss())
                        .append(',').append(c.stepsTaken()).append(',').append(c.stepsToTolerance())
                        .append(',').append(c.diverged()).append('\n');
            }
            return b.toString();
        }

        /** A fixed-width table of the cells (at most 50 rows, then a count of the rest). */
        public String table() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "sweep: %d of %d cells%s in %.3f s%n", cells.size(), total,
                    interrupted ? " (interrupted)" : "", seconds()));
            b.append(String.format(Locale.ROOT, "%-9s", "optimizer"));
            for (Axis a : axes) b.append(String.format(Locale.ROOT, " %12s", a.key()));
            b.append(String.format(Locale.ROOT, " %-14s %6s %14s %8s %8s%n", "objective", "seed", "final_loss", "to_tol", "diverged"));
            int shown = Math.min(cells.size(), 50);
            for (int r = 0; r < shown; r++) {
                Cell c = cells.get(r);
                b.append(String.format(Locale.ROOT, "%-9s", c.optimizer()));
                for (Axis a : axes) b.append(String.format(Locale.ROOT, " %12.6g", c.param(a.key())));
                b.append(String.format(Locale.ROOT, " %-14s %6d %14.6e %8s %8s%n", c.objective(), c.seed(), c.finalLoss(),
                        c.stepsToTolerance() < 0 ? "-" : Long.toString(c.stepsToTolerance()), c.diverged() ? "yes" : ""));
            }
            if (cells.size() > shown) b.append("... ").append(cells.size() - shown).append(" more (toCsv() has all)\n");
            return b.toString();
        }

        @Override public String toString() { return table(); }
    }
}
