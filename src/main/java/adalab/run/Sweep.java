package adalab.run;

import adalab.objectives.Objective;
import adalab.optim.BiasCorrections;
import adalab.optim.GradientOracle;
import adalab.optim.NonFiniteGradientException;
import adalab.optim.Optimizer;
import adalab.optim.Optimizers;
import adalab.plot.HeatMapPlot;
import adalab.plot.Plots;
import adalab.plot.ProgressBar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import java.util.function.ToDoubleFunction;

/**
 * A grid of runs: optimizers × hyperparameter values × objectives × seeds, run in parallel.
 *
 * <pre>{@code
 * Sweep.Result r = Sweep.of("adam").over("lr", 1e-3, 1e-2, 1e-1).over("beta2", 0.9, 0.99, 0.999)
 *         .on(new Rosenbrock()).steps(2000).tolerance(1e-6).progressBar().run();
 * r.heatmap("lr", "beta2").logColor().chart();
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
    }

    /** Told how many cells of the total are finished; called on the thread that called run(). */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total);
    }

    /** One finished cell. {@code params} holds the swept values only; x is a copy. */
    public record Cell(int index, String optimizer, Map<String, Double> params, String objective, long seed,
                       double finalLoss, long stepsTaken, long stepsToTolerance, boolean diverged, double[] x) {
        @Override public double[] x() { return x.clone(); }

        /** The swept value of key (axis values are stored exactly as given). */
        public double param(String key) {
            Double v = params.get(key);
            if (v == null) throw new IllegalArgumentException("'" + key + "' is not swept: swept are " + params.keySet());
            return v;
        }
    }

    private record Source(String name, Objective fixed, LongFunction<Objective> bySeed) {
        Objective make(long seed) {
            if (fixed != null) return fixed;
            Objective o = bySeed.apply(seed);
            if (o == null) throw new IllegalArgumentException("objective '" + name + "' gave null for seed " + seed);
            return o;
        }
    }

    /** Cells run interleaved, a block at a time: independent dependency chains keep the core busy. */
    static final int BLOCK = Integer.getInteger("adalab.sweep.block", 8);
    private static final long PROGRESS_NANOS = 100_000_000L;

    private final List<String> optimizers;
    private final List<Axis> axes = new ArrayList<>();
    private final List<Source> sources = new ArrayList<>();
    private double[] start;
    private long steps = 1000;
    private long[] seeds = {0};
    private double jitter, tolerance = Double.NaN;
    private int threads = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    private Progress progress;
    private boolean bar;

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

    /** Shows a {@link ProgressBar} (in a notebook: live; elsewhere: nothing). */
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

    /** One cell's plan and, while it runs, its state. */
    private static final class Job {
        final int index;
        final String optimizerName;
        final Map<String, Double> params;
        final Source source;
        final long seed;
        Optimizer opt;
        Objective f;
        GradientOracle oracle;
        double[] x;
        long taken, toTol = -1;
        boolean stopped;
        /** Rosenbrock's {a, b} when the lanes take this cell (set by blocks()), else null. */
        double[] lanes;

        /** Cells of one group share optimizer, objective and β₁, β₂ (and so their 1 − βᵗ tables). */
        final int group;

        Job(int index, String optimizerName, Map<String, Double> params, Source source, long seed, int group) {
            this.index = index;
            this.group = group;
            this.optimizerName = optimizerName;
            this.params = params;
            this.source = source;
            this.seed = seed;
        }
    }

    private List<Job> plan() {
        if (sources.isEmpty()) throw new IllegalArgumentException("no objective: call on(...) first");
        int n = size();
        List<Job> jobs = new ArrayList<>(n);
        int[] ix = new int[axes.size()];
        // Lane groups (see blocks()): optimizer, source and the index of the swept β₁ and β₂ values.
        int a1 = axisIndex("beta1"), a2 = axisIndex("beta2");
        int n1 = a1 < 0 ? 1 : axes.get(a1).values.length, n2 = a2 < 0 ? 1 : axes.get(a2).values.length;
        for (int o = 0; o < optimizers.size(); o++) {
            String opt = optimizers.get(o);
            while (true) {
                Map<String, Double> params = new LinkedHashMap<>();
                for (int a = 0; a < axes.size(); a++) params.put(axes.get(a).key, axes.get(a).values[ix[a]]);
                params = Collections.unmodifiableMap(params);
                int betas = (a1 < 0 ? 0 : ix[a1]) * n2 + (a2 < 0 ? 0 : ix[a2]);
                for (int src = 0; src < sources.size(); src++) {
                    int group = ((o * sources.size() + src) * n1 * n2) + betas;
                    for (long seed : seeds) jobs.add(new Job(jobs.size(), opt, params, sources.get(src), seed, group));
                }
                int a = axes.size() - 1; // odometer, the first axis outermost
                while (a >= 0 && ++ix[a] == axes.get(a).values.length) ix[a--] = 0;
                if (a < 0) break;
            }
        }
        return jobs;
    }

    private int axisIndex(String key) {
        for (int a = 0; a < axes.size(); a++) if (axes.get(a).key.equals(key)) return a;
        return -1;
    }

    /** Runs every cell; see the class comment for threads, progress and interrupts. */
    public Result run() {
        List<Job> jobs = plan();
        int n = jobs.size();
        List<int[]> plan = blocks(jobs);
        int blocks = plan.size();
        Cell[] out = new Cell[n];
        AtomicInteger next = new AtomicInteger(), done = new AtomicInteger();
        Shared sh = new Shared();
        Thread caller = Thread.currentThread();
        int nt = Math.min(threads, blocks);
        Thread[] ws = new Thread[nt];
        long t0 = System.nanoTime();
        ProgressBar pb = bar ? ProgressBar.of(n).label("sweep") : null;
        try {
            for (int k = 0; k < nt; k++) {
                ws[k] = new Thread(() -> {
                    try {
                        for (int b; !sh.cancel && (b = next.getAndIncrement()) < blocks; ) {
                            int c = runBlock(jobs, plan.get(b), out, sh);
                            done.addAndGet(c);
                        }
                    } catch (Throwable e) {
                        synchronized (sh) {
                            if (sh.error == null) sh.error = e;
                        }
                        sh.cancel = true;
                    } finally {
                        sh.finished.incrementAndGet();
                        LockSupport.unpark(caller);
                    }
                }, "adalab-sweep-" + (k + 1));
                ws[k].setDaemon(true);
                ws[k].start();
            }
            boolean interrupted = false;
            long lastReport = System.nanoTime();
            while (sh.finished.get() < nt) {
                LockSupport.parkNanos(PROGRESS_NANOS / 4);
                if (!interrupted && caller.isInterrupted()) {
                    interrupted = true;
                    sh.cancel = true;
                }
                long now = System.nanoTime();
                if (now - lastReport >= PROGRESS_NANOS) {
                    lastReport = now;
                    report(pb, done.get(), n);
                }
            }
            for (Thread w : ws) joinQuietly(w);
            if (sh.error instanceof RuntimeException e) throw e;
            if (sh.error instanceof Error e) throw e;
            if (sh.error != null) throw new IllegalStateException(sh.error);
            int finished = done.get();
            report(pb, finished, n);
            List<Cell> cells = new ArrayList<>(finished);
            for (Cell c : out) if (c != null) cells.add(c);
            return new Result(List.copyOf(axes), cells, n, interrupted && finished < n, System.nanoTime() - t0);
        } finally {
            sh.cancel = true;
            if (pb != null) pb.close();
        }
    }

    private void report(ProgressBar pb, int done, int total) {
        if (pb != null) pb.set(done);
        if (progress != null) progress.update(done, total);
    }

    private static void joinQuietly(Thread w) {
        boolean again = false;
        while (true) {
            try {
                w.join();
                break;
            } catch (InterruptedException e) {
                again = true; // the workers are already told to stop; keep the flag for the caller
            }
        }
        if (again) Thread.currentThread().interrupt();
    }

    private static final class Shared {
        volatile boolean cancel;
        Throwable error;
        final AtomicInteger finished = new AtomicInteger();
        /** 1 − βᵗ for t = 1 … steps per β (key: its bits; -1: bias correction off, all ones), made once per sweep. */
        final ConcurrentHashMap<Long, double[]> corrections = new ConcurrentHashMap<>();
    }

    /**
     * The cells (indices into jobs) each block runs. Cells the lanes may take ({@link SweepKernels}:
     * a plain Adam on a fixed Rosenbrock) are grouped by optimizer, objective and swept β₁, β₂, so
     * that a block's lanes share their 1 − βᵗ (a fill per step instead of a gather per lane), in
     * blocks of up to {@link SweepKernels#LANES} (fewer when that would leave a thread idle); groups
     * too small for that share mixed blocks. Other cells run in grid order, {@link #BLOCK} at a
     * time. Blocks only group work: every cell's result is the same in any block. Kept to plain
     * array work: it runs once per sweep, mostly interpreted.
     */
    private List<int[]> blocks(List<Job> jobs) {
        boolean lanesSteps = steps <= SweepKernels.MAX_STEPS;
        // Per optimizer and per source (few of each), whether the lanes take them.
        int ns = sources.size();
        double[][] lanes = new double[optimizers.size() * ns][];
        for (int o = 0; o < optimizers.size(); o++) {
            if (!lanesSteps || !SweepKernels.lanesAdam(Optimizers.create(optimizers.get(o)))) continue;
            for (int i = 0; i < ns; i++) {
                Objective f = sources.get(i).fixed;
                lanes[o * ns + i] = f == null ? null : SweepKernels.rosenbrock(f);
            }
        }
        int a1 = axisIndex("beta1"), a2 = axisIndex("beta2");
        int groupsPer = (a1 < 0 ? 1 : axes.get(a1).values.length) * (a2 < 0 ? 1 : axes.get(a2).values.length);
        int[] size = new int[optimizers.size() * ns * groupsPer];
        List<Integer> general = new ArrayList<>();
        int count = 0;
        for (Job j : jobs) {
            j.lanes = lanes[j.group / groupsPer];
            if (j.lanes == null) {
                general.add(j.index);
            } else {
                size[j.group]++;
                count++;
            }
        }
        // Buckets by group in one array (a counting sort), in grid order within each.
        int[] startOf = new int[size.length + 1];
        for (int g = 0; g < size.length; g++) startOf[g + 1] = startOf[g] + size[g];
        int[] fill = startOf.clone(), sorted = new int[count];
        for (Job j : jobs) if (j.lanes != null) sorted[fill[j.group]++] = j.index;
        int per = Math.max(4, Math.min(SweepKernels.LANES, (count + 2 * threads - 1) / (2 * threads)));
        List<int[]> out = new ArrayList<>();
        List<Integer> mixed = new ArrayList<>();
        for (int g = 0; g < size.length; g++) {
            if (size[g] == 0) continue;
            if (size[g] < Math.min(per, 8)) {
                for (int k = startOf[g]; k < startOf[g + 1]; k++) mixed.add(sorted[k]);
                continue;
            }
            int parts = (size[g] + per - 1) / per, part = (size[g] + parts - 1) / parts;
            for (int k = startOf[g]; k < startOf[g + 1]; k += part) {
                out.add(Arrays.copyOfRange(sorted, k, Math.min(startOf[g + 1], k + part)));
            }
        }
        chunk(mixed, per, out);
        chunk(general, BLOCK, out);
        return out;
    }

    private static void chunk(List<Integer> cells, int size, List<int[]> out) {
        for (int i = 0; i < cells.size(); i += size) {
            int[] b = new int[Math.min(size, cells.size() - i)];
            for (int k = 0; k < b.length; k++) b[k] = cells.get(i + k);
            out.add(b);
        }
    }

    private double[] corrections(Shared sh, double beta, boolean corrected) {
        long key = corrected ? Double.doubleToLongBits(beta) : -1L;
        return sh.corrections.computeIfAbsent(key, k -> {
            double[] t = new double[(int) steps];
            if (corrected) BiasCorrections.oneMinusPow(beta, t);
            else Arrays.fill(t, 1.0);
            return t;
        });
    }

    /**
     * Runs the given cells: those the lanes reproduce through {@link SweepKernels}, the rest step by
     * step, interleaved {@link #BLOCK} at a time. Returns how many finished (all, or 0 when cancelled).
     */
    private int runBlock(List<Job> jobs, int[] cells, Cell[] out, Shared sh) {
        List<Job> general = new ArrayList<>();
        Map<List<Object>, List<Job>> lanes = new LinkedHashMap<>();
        for (int i : cells) {
            Job j = jobs.get(i);
            if (j.lanes != null) lanes.computeIfAbsent(List.of(j.optimizerName, j.source), k -> new ArrayList<>()).add(j);
            else general.add(setUp(j));
        }
        for (List<Job> g : lanes.values()) {
            if (!runLanes(g, out, sh)) return 0;
        }
        for (int i = 0; i < general.size(); i += BLOCK) {
            if (!runInterleaved(general.subList(i, Math.min(general.size(), i + BLOCK)), out, sh)) return 0;
        }
        return cells.length;
    }

    /**
     * Cells of one optimizer on one Rosenbrock through the lanes. No optimizer is made per cell:
     * each hyperparameter is the cell's swept value or the optimizer's default (what set() and
     * get() would give: over() has already checked every value), ε placement and bias correction
     * (not sweepable) the defaults.
     */
    private boolean runLanes(List<Job> js, Cell[] out, Shared sh) {
        Job first = js.get(0);
        Objective f = first.source.fixed;
        Optimizer defaults = Optimizers.create(first.optimizerName);
        boolean corrected = defaults.getChoice("bias_correction").equals("on");
        SweepKernels.AdamRosenbrock lanes = new SweepKernels.AdamRosenbrock(first.lanes[0], first.lanes[1],
                defaults.getChoice("eps_placement").equals("inside"), js.size());
        boolean tol = !Double.isNaN(tolerance);
        for (Job j : js) {
            double[] x = startOf(j, f);
            double b1 = param(j, defaults, "beta1"), b2 = param(j, defaults, "beta2");
            lanes.add(x, param(j, defaults, "lr"), b1, b2, param(j, defaults, "eps"), param(j, defaults, "weight_decay"),
                    corrections(sh, b1, corrected), corrections(sh, b2, corrected), tol && f.value(x) <= tolerance ? 0 : -1);
        }
        if (!lanes.run(steps, tolerance, () -> sh.cancel)) return false;
        for (int k = 0; k < js.size(); k++) {
            Job j = js.get(k);
            double[] x = {lanes.rx0[k], lanes.rx1[k]};
            double loss = f.value(x);
            out[j.index] = new Cell(j.index, j.optimizerName, j.params, j.source.name, j.seed, loss, lanes.taken[k],
                    lanes.toTol[k], lanes.stopped[k] || !Double.isFinite(loss), x);
        }
        return true;
    }

    private static double param(Job j, Optimizer defaults, String key) {
        Double v = j.params.get(key);
        return v != null ? v : defaults.get(key);
    }

    /** Cells step by step through Optimizer.step, interleaved; false when cancelled. */
    private boolean runInterleaved(List<Job> block, Cell[] out, Shared sh) {
        Job[] js = block.toArray(new Job[0]);
        for (Job j : js) j.oracle = oracle(j);
        boolean tol = !Double.isNaN(tolerance);
        for (long s = 1; s <= steps; s++) {
            if (sh.cancel) return false;
            for (Job j : js) {
                if (j.stopped) continue;
                try {
                    j.opt.step(j.x, j.oracle);
                } catch (NonFiniteGradientException e) {
                    j.stopped = true;
                    continue;
                }
                j.taken = s;
                if (tol && j.toTol < 0 && j.f.value(j.x) <= tolerance) j.toTol = s;
            }
        }
        for (Job j : js) {
            double loss = j.f.value(j.x);
            out[j.index] = new Cell(j.index, j.optimizerName, j.params, j.source.name, j.seed, loss, j.taken, j.toTol,
                    j.stopped || !Double.isFinite(loss), j.x.clone());
            j.opt = null;
            j.x = null;
        }
        return true;
    }

    /** The cell's start: the sweep's or the objective's, moved by the seed's jitter. */
    private double[] startOf(Job j, Objective f) {
        int d = f.dimension();
        double[] x = start != null ? start.clone() : f.start().clone();
        if (x.length != d) {
            throw new IllegalArgumentException("start has " + x.length + " elements: " + f.name() + " has dimension " + d);
        }
        if (jitter > 0) {
            Random r = new Random(j.seed);
            for (int i = 0; i < d; i++) x[i] += jitter * r.nextGaussian();
        }
        return x;
    }

    private Job setUp(Job j) {
        Objective f = j.source.make(j.seed);
        double[] x = startOf(j, f);
        Optimizer o = Optimizers.create(j.optimizerName);
        for (Map.Entry<String, Double> e : j.params.entrySet()) o.set(e.getKey(), e.getValue());
        j.opt = o;
        j.f = f;
        j.x = x;
        // Run asks objective.evaluate (gradient and value) and, by default, does not check the
        // value; when evaluate is Objective's default the value is unused here and pure, so the
        // gradient alone gives the same steps.
        j.oracle = null; // made by oracle(j) for the cells that step through Optimizer.step
        if (!Double.isNaN(tolerance) && f.value(x) <= tolerance) j.toTol = 0;
        return j;
    }

    private static GradientOracle oracle(Job j) {
        Objective f = j.f;
        return PLAIN_EVALUATE.get(f.getClass()) ? (at, g, t) -> {
            f.gradient(at, g);
            return Double.NaN;
        } : f;
    }

    /** Whether a class keeps Objective's default evaluate (looked up once per class: reflection is slow). */
    private static final ClassValue<Boolean> PLAIN_EVALUATE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> c) {
            return plainEvaluate(c);
        }
    };

    static boolean plainEvaluate(Class<?> c) {
        try {
            return c.getMethod("evaluate", double[].class, double[].class, long.class).getDeclaringClass() == Objective.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

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
         * {@link Plots#heatmap} takes it), the median over every other axis, objective and seed;
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

        /** A heatmap of {@link #values} with the axis titles set. */
        public HeatMapPlot heatmap(String xKey, String yKey) {
            return heatmap(xKey, yKey, Cell::finalLoss, "final loss");
        }

        /** A heat map of any metric of the cells, titled {@code what}, e.g. ("lr", "beta2", c -> c.stepsToTolerance(), "steps to 1e-6"). */
        public HeatMapPlot heatmap(String xKey, String yKey, ToDoubleFunction<Cell> metric, String what) {
            return Plots.heatmap(axis(xKey).values, axis(yKey).values, values(xKey, yKey, metric))
                    .xTitle(xKey).yTitle(yKey).title((what == null ? "" : what) + (interrupted ? " (interrupted)" : ""));
        }

        private Axis axis(String key) {
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
