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

/**
 * {@code ./adalab bench}: warms up, repeats, reports medians. Optimizer steps on 10 M elements
 * against the access-pattern floor measured in the same run with the same thread count (a loop
 * that reads and writes the same arrays with trivial arithmetic), ND4J's built-in updaters, the
 * INDArray path, allocation per step, Adam on 2-D Rosenbrock including the gradient, and a
 * 1000-run sweep.
 * Ends with one {@code summary:} line of key=value pairs. A benchmark, not a test.
 *
 * <p>Options: {@code --n N} (elements, default 10 000 000), {@code --reps R} (default 15);
 * {@code small} runs only the Rosenbrock and sweep rows, {@code large} only the 10 M rows
 * (development: a focused run that loads the shared cores less). The summary then has only their keys.
 */
public final class Bench {
    static int n = 10_000_000, reps = 15, warm = 5;
    static final int THREADS = Math.max(1, Math.min(8,
            Integer.getInteger("adalab.threads", Runtime.getRuntime().availableProcessors())));
    static final List<String[]> rows = new ArrayList<>();
    static final Map<String, String> summary = new LinkedHashMap<>();
    static ExecutorService pool;
    static boolean small = true, large = true;

    interface Step { void run() throws Exception; }

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
        pool = Executors.newFixedThreadPool(Math.max(1, THREADS - 1), r -> {
            Thread t = new Thread(r, "bench-floor");
            t.setDaemon(true);
            return t;
        });
        System.out.printf(Locale.ROOT, "adalab bench: n = %,d, %d threads, %d warm-up + %d timed runs, medians; %s, %s%n",
                n, THREADS, warm, reps, System.getProperty("java.vm.name"), System.getProperty("java.version"));

        // Small problems first, before ND4J is loaded: its native threads keep spinning after an
        // op and took a core from these (87 instead of 40 ns per Rosenbrock step when run last).
        double rosen = small ? rosenbrockNsPerStep() : Double.NaN;
        double sweep = small ? sweepMs() : Double.NaN;
        if (large) large(rosen, sweep);
        else {
            printRows();
            summary.put("rosen_ns_per_step", String.format(Locale.ROOT, "%.1f", rosen));
            summary.put("sweep_ms", String.format(Locale.ROOT, "%.1f", sweep));
            printSummary();
        }
    }

    static void printRows() {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-42s %12s%n", "work", "median");
        for (String[] r : rows) System.out.printf(Locale.ROOT, "%-42s %12s%n", r[0], r[1]);
        System.out.println();
    }

    static void printSummary() {
        StringBuilder b = new StringBuilder("summary:");
        summary.forEach((k, val) -> b.append(' ').append(k).append('=').append(val));
        System.out.println(b);
        System.exit(0); // ND4J's threads
    }

    static void large(double rosen, double sweep) throws Exception {

        float[] p = new float[n], g = new float[n], m = new float[n], v = new float[n];
        Random rnd = new Random(42);
        for (int i = 0; i < n; i++) {
            p[i] = rnd.nextFloat() * 2 - 1;
            g[i] = (float) rnd.nextGaussian() * 0.1f;
        }
        double floor28 = time("floor f32: read p,g,m,v; write p,m,v", () -> split(n, (a, b) -> floor4(p, g, m, v, a, b)));
        double floor20 = time("floor f32: read p,g,s; write p,s", () -> split(n, (a, b) -> floor3(p, g, m, a, b)));
        double adam32 = timeStep("adam f32", Optimizers.create("adam"), p, g);
        double adagrad32 = timeStep("adagrad f32", Optimizers.create("adagrad"), p, g);
        double rmsprop32 = timeStep("rmsprop f32", Optimizers.create("rmsprop"), p, g);
        for (String name : new String[]{"adamw", "nadam", "radam", "amsgrad", "adadelta", "momentum"}) {
            timeStep(name + " f32", Optimizers.create(name), p, g);
        }
        long alloc = allocPerStep(Optimizers.create("adam"), p, g);

        // f64 before anything touches ND4J: its native threads keep spinning after an op and took a
        // core from the rows after them (adam f64 at 5× the floor when run after the updaters).
        double[] pd = new double[n], gd = new double[n], md = new double[n], vd = new double[n];
        for (int i = 0; i < n; i++) {
            pd[i] = p[i];
            gd[i] = g[i];
        }
        double floor56 = time("floor f64: read p,g,m,v; write p,m,v", () -> split(n, (a, b) -> floor4(pd, gd, md, vd, a, b)));
        double adam64 = timeStep("adam f64", Optimizers.create("adam"), pd, gd);

        // The INDArray path before ND4J's own updaters, for the same reason.
        INDArray xn = Nd4j.createFromArray(p.clone()), gn = Nd4j.createFromArray(g.clone());
        Optimizer ondArr = Optimizers.create("adam");
        double adamNd = time("adam f32, INDArray path", () -> ondArr.step(xn, gn));
        double nd4jAdam = nd4jUpdater("nd4j Adam updater f32", new org.nd4j.linalg.learning.config.Adam(1e-3), xn, gn);
        double nd4jAdaGrad = nd4jUpdater("nd4j AdaGrad updater f32", new org.nd4j.linalg.learning.config.AdaGrad(0.01), xn, gn);
        double nd4jRms = nd4jUpdater("nd4j RmsProp updater f32", new org.nd4j.linalg.learning.config.RmsProp(1e-3), xn, gn);


        printRows();
        summary.put("adam32_floor_ratio", f(adam32 / floor28));
        summary.put("adam64_floor_ratio", f(adam64 / floor56));
        summary.put("adagrad32_floor_ratio", f(adagrad32 / floor20));
        summary.put("rmsprop32_floor_ratio", f(rmsprop32 / floor20));
        summary.put("adam32_nd4j_speedup", f(nd4jAdam / adam32));
        summary.put("adagrad32_nd4j_speedup", f(nd4jAdaGrad / adagrad32));
        summary.put("rmsprop32_nd4j_speedup", f(nd4jRms / rmsprop32));
        summary.put("indarray_ratio", f(adamNd / adam32));
        summary.put("alloc_bytes_per_step", Long.toString(alloc));
        if (small) {
            summary.put("rosen_ns_per_step", String.format(Locale.ROOT, "%.1f", rosen));
            summary.put("sweep_ms", String.format(Locale.ROOT, "%.1f", sweep));
        }
        printSummary();
    }

    static String f(double x) { return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%.3f", x); }

    // ---------------------------------------------------------------- timing

    static double time(String what, Step s) throws Exception {
        for (int i = 0; i < warm; i++) s.run();
        long[] t = new long[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            s.run();
            t[i] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        double ms = t[reps / 2] / 1e6;
        rows.add(new String[]{what, String.format(Locale.ROOT, "%.2f ms", ms)});
        System.err.printf(Locale.ROOT, "  %-42s %8.2f ms%n", what, ms);
        return ms;
    }

    static double timeStep(String what, Optimizer o, float[] p, float[] g) throws Exception {
        return time(what, () -> o.step(p, g));
    }

    static double timeStep(String what, Optimizer o, double[] p, double[] g) throws Exception {
        return time(what, () -> o.step(p, g));
    }

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
        rows.add(new String[]{"allocation per adam f32 step", perStep + " B"});
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

    static void floor4(float[] p, float[] g, float[] m, float[] v, int from, int to) {
        for (int i = from; i < to; i++) {
            float gi = g[i];
            m[i] += gi;
            v[i] += gi;
            p[i] -= gi;
        }
    }

    static void floor3(float[] p, float[] g, float[] s, int from, int to) {
        for (int i = from; i < to; i++) {
            float gi = g[i];
            s[i] += gi;
            p[i] -= gi;
        }
    }

    static void floor4(double[] p, double[] g, double[] m, double[] v, int from, int to) {
        for (int i = from; i < to; i++) {
            double gi = g[i];
            m[i] += gi;
            v[i] += gi;
            p[i] -= gi;
        }
    }

    // ---------------------------------------------------------------- peers and small problems

    /** ND4J's own updater: applyUpdater turns the gradient into the update in place, then θ −= update. */
    static double nd4jUpdater(String what, IUpdater config, INDArray x, INDArray g0) {
        try {
            long size = config.stateSize(n);
            INDArray view = Nd4j.zeros(DataType.FLOAT, 1, size);
            GradientUpdater u = config.instantiate(view, true);
            INDArray gr = g0.reshape(1, n).dup();
            INDArray xr = x.reshape(1, n);
            int[] it = {0};
            return time(what, () -> {
                gr.assign(g0.reshape(1, n)); // the updater overwrites its input
                u.applyUpdater(gr, it[0]++, 0);
                xr.subi(gr);
            });
        } catch (Exception | Error e) {
            System.err.println("  " + what + ": " + e);
            rows.add(new String[]{what, "n/a"});
            return Double.NaN;
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
        Arrays.sort(t);
        double ns = (double) t[reps / 2] / steps;
        rows.add(new String[]{"adam on 2-D rosenbrock, per step incl. grad", String.format(Locale.ROOT, "%.1f ns", ns)});
        // The first block also fills the shared 1 − βᵗ tables (Math.pow per step until they round to 1).
        rows.add(new String[]{"  the same, first run in the process", String.format(Locale.ROOT, "%.1f ns", (double) first / steps)});
        System.err.printf(Locale.ROOT, "  rosenbrock %.1f ns/step (x0 %.3f)%n", ns, sink / (reps + warm));
        return ns;
    }
}
