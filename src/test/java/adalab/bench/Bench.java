package adalab.bench;

import adalab.objectives.Rosenbrock;
import adalab.optim.Adam;
import adalab.optim.Optimizer;
import adalab.optim.Optimizers;
import adalab.run.Sweep;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * {@code ./adalab bench}: warms up, repeats, reports medians. Every optimizer of issue 7's list on
 * 10 M elements, float32 and float64, against the access-pattern floor measured in the same run
 * with the same thread count (a loop that reads and writes the same arrays with trivial
 * arithmetic); ND4J's built-in updaters against ours; the INDArray path against the plain-array
 * path; allocation per step; Adam on 2-D Rosenbrock including the gradient; a 1000-run sweep.
 * Ends with one {@code summary:} line of key=value pairs. A benchmark, not a test.
 *
 * <p>Every ratio comes from interleaved pairs: the reference and the subject are timed
 * alternately, one run each per repetition (order swapped on odd repetitions), and the ratio is
 * median(subject) / median(reference) of those samples. The machine is shared, and timing the two
 * in separate blocks let a burst of neighbour load hit one and not the other (Adam's floor ratio
 * moved between 1.17 and 1.9 from run to run that way).
 *
 * <p>Options: {@code --n N} (elements, default 10 000 000), {@code --reps R} (timed pairs, default 21);
 * {@code small} runs only the Rosenbrock and sweep rows, {@code large} only the 10 M rows
 * (development: a focused run that loads the shared cores less). The summary then has only their keys.
 */
public final class Bench {
    static int n = 10_000_000, reps = 21, warm = 5;
    static final int THREADS = Math.max(1, Math.min(8,
            Integer.getInteger("adalab.threads", Runtime.getRuntime().availableProcessors())));
    /** The optimizers of issue 7's targets, each against the floor with its own number of state arrays. */
    static final String[] FLOOR_NAMES = {"adam", "adamw", "nadam", "radam", "amsgrad", "adagrad", "rmsprop", "adadelta", "momentum"};
    /**
     * pause between two timed runs: the library's workers spin for a moment after a step
     * (Parallel.SPINS) and would take a core from a floor run that starts at once.
     */
    static final long GAP_NS = Long.getLong("adalab.bench.gapUs", 2000) * 1000;
    static final List<String[]> rows = new ArrayList<>();
    static final Map<String, String> summary = new LinkedHashMap<>();
    static ExecutorService pool;
    static boolean small = true, large = true;

    interface Step { void run() throws Exception; }

    /** Medians of an interleaved pair, in ms. */
    record Pair(double subject, double reference) {
        double ratio() { return subject / reference; }
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--n" -> n = Integer.parseInt(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "small" -> large = false;
                case "large" -> small = false;
                default -> { System.err.println("usage: ./adalab bench [small|large] [--n N] [--reps R]"); System.exit(2); }
            }
        }
        if (n < 1 || reps < 1) { System.err.println("--n and --reps must be at least 1"); System.exit(2); }
        pool = Executors.newFixedThreadPool(Math.max(1, THREADS - 1), r -> {
            Thread t = new Thread(r, "bench-floor");
            t.setDaemon(true);
            return t;
        });
        System.out.printf(Locale.ROOT, "adalab bench: n = %,d, %d threads, %d warm-up + %d timed runs (interleaved pairs), medians; %s, %s%n",
                n, THREADS, warm, reps, System.getProperty("java.vm.name"), System.getProperty("java.version"));
        long t0 = System.nanoTime();
        double load0 = loadAverage();

        // Small problems first, before ND4J is loaded: its native threads keep spinning after an
        // op and took a core from these (87 instead of 40 ns per Rosenbrock step when run last).
        double rosen = small ? rosenbrockNsPerStep() : Double.NaN;
        double sweep = small ? sweepMs() : Double.NaN;
        if (large) large();
        printRows();
        System.out.printf(Locale.ROOT, "java part: %.1f s; load average before %.2f, after %.2f (%d cores: above that, neighbours share them)%n",
                (System.nanoTime() - t0) / 1e9, load0, loadAverage(), Runtime.getRuntime().availableProcessors());
        if (small) {
            summary.put("rosen_ns_per_step", String.format(Locale.ROOT, "%.1f", rosen));
            summary.put("sweep_ms", String.format(Locale.ROOT, "%.1f", sweep));
        }
        printSummary();
    }

    /** The 1-minute load average (NaN where unknown): a busy machine makes every row noisier. */
    static double loadAverage() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? Double.NaN : l;
    }

    static void printRows() {
        System.out.println();
        String fmt = "%-49s %10s   %-26s %10s %7s%n";
        System.out.printf(Locale.ROOT, fmt, "work", "median", "reference (interleaved)", "its median", "ratio");
        for (String[] r : rows) System.out.printf(Locale.ROOT, fmt, (Object[]) r);
        if (large) System.out.println("ratio = median / the reference's median; for the nd4j rows that is the speedup of ours over ND4J.");
        System.out.println();
    }

    static void printSummary() {
        StringBuilder b = new StringBuilder("summary:");
        summary.forEach((k, val) -> b.append(' ').append(k).append('=').append(val));
        System.out.println(b);
        System.exit(0); // ND4J's threads
    }

    static void large() throws Exception {
        float[] p = new float[n], g = new float[n];
        Random rnd = new Random(42);
        for (int i = 0; i < n; i++) {
            p[i] = rnd.nextFloat() * 2 - 1;
            g[i] = (float) rnd.nextGaussian() * 0.1f;
        }
        Map<String, Double> ratio32 = new LinkedHashMap<>(), ratio64 = new LinkedHashMap<>();

        // Everything on plain arrays and the INDArray path before anything touches ND4J's ops:
        // its native threads keep spinning after an op and took a core from the rows after them
        // (adam f64 at 5× the floor when run after the updaters).
        floorRows(p, g, ratio32);
        long alloc = allocPerStep(Optimizers.create("adam"), p, g);
        floorRows64(p, g, ratio64);

        // The INDArray path against the plain-array path, each with its own optimizer instance.
        INDArray xn = Nd4j.createFromArray(p.clone()), gn = Nd4j.createFromArray(g.clone());
        Optimizer plain = Optimizers.create("adam"), onNd = Optimizers.create("adam");
        double indarray = pair("adam f32, INDArray path", "adam f32, float[] path", () -> plain.step(p, g), () -> onNd.step(xn, gn)).ratio();

        // ND4J's updaters against ours, same algorithm; our side on plain arrays as in the rows above.
        Map<String, Double> speedup = new LinkedHashMap<>();
        speedup.put("adam", nd4jPair("Adam", () -> new org.nd4j.linalg.learning.config.Adam(1e-3), "adam", p, g, xn, gn));
        speedup.put("adagrad", nd4jPair("AdaGrad", () -> new org.nd4j.linalg.learning.config.AdaGrad(0.01), "adagrad", p, g, xn, gn));
        speedup.put("rmsprop", nd4jPair("RmsProp", () -> new org.nd4j.linalg.learning.config.RmsProp(1e-3), "rmsprop", p, g, xn, gn));
        speedup.put("adadelta", nd4jPair("AdaDelta", org.nd4j.linalg.learning.config.AdaDelta::new, "adadelta", p, g, xn, gn));
        speedup.put("nadam", nd4jPair("Nadam", () -> new org.nd4j.linalg.learning.config.Nadam(1e-3), "nadam", p, g, xn, gn));
        speedup.put("amsgrad", nd4jPair("AMSGrad", () -> new org.nd4j.linalg.learning.config.AMSGrad(1e-3), "amsgrad", p, g, xn, gn));
        speedup.put("nag", nd4jPair("Nesterovs", () -> new org.nd4j.linalg.learning.config.Nesterovs(0.01, 0.9), "nag", p, g, xn, gn));

        // The headline: the worst floor ratio of all the optimizer rows.
        double worst = Double.NEGATIVE_INFINITY;
        String worstRow = "";
        for (String name : FLOOR_NAMES) {
            if (ratio32.get(name) > worst) { worst = ratio32.get(name); worstRow = name + " f32"; }
            if (ratio64.get(name) > worst) { worst = ratio64.get(name); worstRow = name + " f64"; }
        }
        rows.add(new String[]{"worst floor ratio: " + worstRow, "", "", "", f(worst)});

        summary.put("floor_ratio_max", f(worst));
        summary.put("adam32_floor_ratio", f(ratio32.get("adam")));
        summary.put("adam64_floor_ratio", f(ratio64.get("adam")));
        summary.put("adagrad32_floor_ratio", f(ratio32.get("adagrad")));
        summary.put("rmsprop32_floor_ratio", f(ratio32.get("rmsprop")));
        summary.put("adam32_nd4j_speedup", f(speedup.get("adam")));
        summary.put("adagrad32_nd4j_speedup", f(speedup.get("adagrad")));
        summary.put("rmsprop32_nd4j_speedup", f(speedup.get("rmsprop")));
        summary.put("indarray_ratio", f(indarray));
        summary.put("alloc_bytes_per_step", Long.toString(alloc));
        for (String name : FLOOR_NAMES) summary.putIfAbsent(name + "32_floor_ratio", f(ratio32.get(name)));
        for (String name : FLOOR_NAMES) summary.putIfAbsent(name + "64_floor_ratio", f(ratio64.get(name)));
        speedup.forEach((name, s) -> summary.putIfAbsent(name + "32_nd4j_speedup", f(s)));
    }

    /** Every optimizer of the list in float32 against the floor with its number of state arrays. */
    static void floorRows(float[] p, float[] g, Map<String, Double> ratio) throws Exception {
        float[][] fs = {new float[n], new float[n], new float[n]};
        for (String name : FLOOR_NAMES) {
            Optimizer o = Optimizers.create(name); // dropped after its row, state and all
            int k = o.stateNames().size();
            ratio.put(name, pair(name + " f32", "floor f32, " + k + " state", floor(p, g, fs, k), () -> o.step(p, g)).ratio());
        }
    }

    /** The same in float64, on a float64 copy of p and g (dropped afterwards). */
    static void floorRows64(float[] p, float[] g, Map<String, Double> ratio) throws Exception {
        double[] pd = new double[n], gd = new double[n];
        for (int i = 0; i < n; i++) {
            pd[i] = p[i];
            gd[i] = g[i];
        }
        double[][] ds = {new double[n], new double[n], new double[n]};
        for (String name : FLOOR_NAMES) {
            Optimizer o = Optimizers.create(name);
            int k = o.stateNames().size();
            ratio.put(name, pair(name + " f64", "floor f64, " + k + " state", floor(pd, gd, ds, k), () -> o.step(pd, gd)).ratio());
        }
    }

    static String f(double x) { return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%.3f", x); }

    static String ms(double x) { return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%.2f ms", x); }

    // ---------------------------------------------------------------- timing

    static double time(String what, Step s) throws Exception {
        for (int i = 0; i < warm; i++) s.run();
        long[] t = new long[reps];
        for (int i = 0; i < reps; i++) t[i] = timed(s);
        double ms = median(t);
        rows.add(new String[]{what, ms(ms), "-", "", ""});
        System.err.printf(Locale.ROOT, "  %-42s %8.2f ms%n", what, ms);
        return ms;
    }

    /**
     * Times the reference and the subject alternately: both warmed, then per repetition one run
     * of each, the order swapped on odd repetitions, so that neighbour load lands on both alike.
     */
    static Pair pair(String what, String refName, Step ref, Step subject) throws Exception {
        return pair(what, refName, ref, () -> { }, subject);
    }

    /** As above, with subjectSetup run untimed before every run of the subject. */
    static Pair pair(String what, String refName, Step ref, Step subjectSetup, Step subject) throws Exception {
        for (int i = 0; i < warm; i++) {
            ref.run();
            gap();
            subjectSetup.run();
            subject.run();
            gap();
        }
        long[] tr = new long[reps], ts = new long[reps];
        for (int r = 0; r < reps; r++) {
            if ((r & 1) == 0) {
                tr[r] = timed(ref);
                gap();
                subjectSetup.run();
                ts[r] = timed(subject);
            } else {
                subjectSetup.run();
                ts[r] = timed(subject);
                gap();
                tr[r] = timed(ref);
            }
            gap();
        }
        Pair p = new Pair(median(ts), median(tr));
        rows.add(new String[]{what, ms(p.subject()), refName, ms(p.reference()), f(p.ratio())});
        System.err.printf(Locale.ROOT, "  %-40s %8.2f ms   %-26s %8.2f ms  %6.3f%n", what, p.subject(), refName, p.reference(), p.ratio());
        return p;
    }

    static long timed(Step s) throws Exception {
        long t0 = System.nanoTime();
        s.run();
        return System.nanoTime() - t0;
    }

    static double median(long[] t) {
        long[] c = t.clone();
        Arrays.sort(c);
        int k = c.length;
        return (k % 2 == 1 ? c[k / 2] : (c[k / 2 - 1] + c[k / 2]) / 2.0) / 1e6;
    }

    static void gap() { LockSupport.parkNanos(GAP_NS); }

    /** Bytes the calling thread allocates per steady-state step (the workers allocate nothing by design). */
    static long allocPerStep(Optimizer o, float[] p, float[] g) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 3; i++) o.step(p, g);
        long id = Thread.currentThread().getId();
        int k = 20;
        long a0 = mx.getThreadAllocatedBytes(id);
        for (int i = 0; i < k; i++) o.step(p, g);
        long a1 = mx.getThreadAllocatedBytes(id);
        // getThreadAllocatedBytes itself allocates nothing on the measured thread after the first call
        long perStep = (a1 - a0) / k;
        rows.add(new String[]{"allocation per adam f32 step", perStep + " B", "", "", ""});
        return perStep;
    }

    // ---------------------------------------------------------------- the floor

    interface Range { void run(int from, int to); }

    /** Runs [0, n) in THREADS equal parts, the caller taking the first (as the library does). */
    static void split(int n, Range r) throws Exception {
        if (THREADS == 1) {
            r.run(0, n);
            return;
        }
        int per = (n / THREADS + 15) / 16 * 16;
        Future<?>[] fs = new Future<?>[THREADS - 1];
        for (int k = 1; k < THREADS; k++) {
            int from = Math.min(n, per * k), to = k == THREADS - 1 ? n : Math.min(n, per * (k + 1));
            fs[k - 1] = pool.submit(() -> r.run(from, to));
        }
        r.run(0, Math.min(n, per));
        for (Future<?> f : fs) f.get();
    }

    /**
     * The access-pattern floor for an optimizer with k state arrays: read p, g and the k states,
     * write p and the k states (12 + 8k bytes per float element). One loop per k: a loop over
     * float[][] inside the element loop does not vectorize (2.5× slower, measured).
     */
    static Step floor(float[] p, float[] g, float[][] s, int k) {
        float[] a = s[0], b = s[1], c = s[2];
        return switch (k) {
            case 1 -> () -> split(p.length, (from, to) -> floor1(p, g, a, from, to));
            case 2 -> () -> split(p.length, (from, to) -> floor2(p, g, a, b, from, to));
            case 3 -> () -> split(p.length, (from, to) -> floor3(p, g, a, b, c, from, to));
            default -> throw new IllegalArgumentException("state arrays: " + k + " (1 to 3 have a floor)");
        };
    }

    static Step floor(double[] p, double[] g, double[][] s, int k) {
        double[] a = s[0], b = s[1], c = s[2];
        return switch (k) {
            case 1 -> () -> split(p.length, (from, to) -> floor1(p, g, a, from, to));
            case 2 -> () -> split(p.length, (from, to) -> floor2(p, g, a, b, from, to));
            case 3 -> () -> split(p.length, (from, to) -> floor3(p, g, a, b, c, from, to));
            default -> throw new IllegalArgumentException("state arrays: " + k + " (1 to 3 have a floor)");
        };
    }

    static void floor1(float[] p, float[] g, float[] s, int from, int to) {
        for (int i = from; i < to; i++) {
            float gi = g[i];
            s[i] += gi;
            p[i] -= gi;
        }
    }

    static void floor2(float[] p, float[] g, float[] m, float[] v, int from, int to) {
        for (int i = from; i < to; i++) {
            float gi = g[i];
            m[i] += gi;
            v[i] += gi;
            p[i] -= gi;
        }
    }

    static void floor3(float[] p, float[] g, float[] m, float[] v, float[] w, int from, int to) {
        for (int i = from; i < to; i++) {
            float gi = g[i];
            m[i] += gi;
            v[i] += gi;
            w[i] += gi;
            p[i] -= gi;
        }
    }

    static void floor1(double[] p, double[] g, double[] s, int from, int to) {
        for (int i = from; i < to; i++) {
            double gi = g[i];
            s[i] += gi;
            p[i] -= gi;
        }
    }

    static void floor2(double[] p, double[] g, double[] m, double[] v, int from, int to) {
        for (int i = from; i < to; i++) {
            double gi = g[i];
            m[i] += gi;
            v[i] += gi;
            p[i] -= gi;
        }
    }

    static void floor3(double[] p, double[] g, double[] m, double[] v, double[] w, int from, int to) {
        for (int i = from; i < to; i++) {
            double gi = g[i];
            m[i] += gi;
            v[i] += gi;
            w[i] += gi;
            p[i] -= gi;
        }
    }

    // ---------------------------------------------------------------- peers and small problems

    /**
     * ND4J's own updater (on INDArrays) against ours (on plain arrays, a new instance), same
     * algorithm, interleaved; returns the speedup ND4J/ours. applyUpdater turns the gradient into
     * the update in place, then θ −= update.
     */
    static double nd4jPair(String nd4jName, Supplier<IUpdater> config, String ours, float[] p, float[] g, INDArray x, INDArray g0) {
        String what = "nd4j " + nd4jName + " updater f32";
        INDArray view = null, gr = null;
        try {
            IUpdater c = config.get();
            view = Nd4j.zeros(DataType.FLOAT, 1, c.stateSize(n));
            GradientUpdater<?> u = c.instantiate(view, true);
            INDArray g0r = g0.reshape(1, n), xr = x.reshape(1, n), grr = g0r.dup();
            gr = grr;
            int[] it = {0};
            Optimizer o = Optimizers.create(ours);
            // Timed: the update and θ −= update, as DL4J applies it. Untimed: restoring the gradient,
            // which the updater overwrites (a training loop would have a fresh one).
            return pair(what, ours + " f32 (ours)", () -> o.step(p, g), () -> grr.assign(g0r), () -> {
                u.applyUpdater(grr, it[0]++, 0);
                xr.subi(grr);
            }).ratio();
        } catch (Exception | Error e) {
            System.err.println("  " + what + ": " + e);
            rows.add(new String[]{what, "n/a", ours + " f32 (ours)", "", "n/a"});
            return Double.NaN;
        } finally {
            // Off-heap state of up to 3 × n floats per updater: give it back before the next one.
            if (view != null && view.closeable()) view.close();
            if (gr != null && gr.closeable()) gr.close();
        }
    }

    /**
     * A sweep: Adam on 2-D Rosenbrock from (−1.2, 1), 1000 runs × 2000 steps: lr over 40 values
     * log-spaced in [1e-4, 1] × β₂ over 25 values 1 − 10^−(1…4), every core (adalab.run.Sweep).
     */
    static double sweepMs() throws Exception {
        double[] lrs = new double[40], b2 = new double[25];
        for (int i = 0; i < lrs.length; i++) lrs[i] = 1e-4 * Math.pow(10, 4.0 * i / (lrs.length - 1));
        for (int i = 0; i < b2.length; i++) b2[i] = 1 - Math.pow(10, -1 - 3.0 * i / (b2.length - 1));
        Sweep s = Sweep.of("adam").over("lr", lrs).over("beta2", b2).on(new Rosenbrock()).steps(2000).threads(THREADS);
        int[] cells = {0};
        double ms = time("sweep: adam on rosenbrock, 1000 runs x 2000 steps", () -> cells[0] = s.run().cells().size());
        if (cells[0] != 1000) throw new IllegalStateException("the sweep finished " + cells[0] + " of 1000 cells");
        return ms;
    }

    /** Adam on 2-D Rosenbrock, ns per step including the gradient (median of repeated blocks). */
    static double rosenbrockNsPerStep() {
        Rosenbrock f = new Rosenbrock();
        int steps = 200_000;
        long[] t = new long[reps];
        long first = 0;
        double sink = 0;
        for (int r = -warm; r < reps; r++) {
            Adam a = new Adam();
            double[] x = f.start().clone(), gr = new double[2];
            long t0 = System.nanoTime();
            for (int k = 0; k < steps; k++) {
                f.gradient(x, gr);
                a.step(x, gr);
            }
            long dt = System.nanoTime() - t0;
            if (r == -warm) first = dt;
            if (r >= 0) t[r] = dt;
            sink += x[0];
        }
        double ns = median(t) * 1e6 / steps;
        rows.add(new String[]{"adam on 2-D rosenbrock, per step incl. grad", String.format(Locale.ROOT, "%.1f ns", ns), "-", "", ""});
        // The first block also fills the shared 1 − βᵗ tables (Math.pow per step until they round to 1).
        rows.add(new String[]{"  the same, first run in the process", String.format(Locale.ROOT, "%.1f ns", (double) first / steps), "-", "", ""});
        System.err.printf(Locale.ROOT, "  rosenbrock %.1f ns/step (x0 %.3f)%n", ns, sink / (reps + warm));
        return ns;
    }
}
