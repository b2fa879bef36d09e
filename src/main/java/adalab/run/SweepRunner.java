package adalab.run;

import adalab.objectives.Objective;
import adalab.optim.BiasCorrections;
import adalab.optim.GradientOracle;
import adalab.optim.NonFiniteGradientException;
import adalab.optim.Optimizer;
import adalab.optim.Optimizers;
import adalab.run.Sweep.Cell;
import adalab.run.Sweep.Result;
import adalab.run.SweepPlan.Job;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a sweep's plan on worker threads: the lanes' cells through {@link SweepKernels}, the rest
 * step by step through Optimizer.step, interleaved a block at a time; progress and interrupts
 * handled on the calling thread (see {@link Sweep}).
 */
final class SweepRunner {
    private static final long PROGRESS_NANOS = 100_000_000L;
    private final Sweep s;
    private final SweepPlan plan;

    SweepRunner(Sweep s) {
        this.s = s;
        this.plan = new SweepPlan(s);
    }

    Result run() {
        List<Job> jobs = plan.plan();
        int n = jobs.size();
        List<int[]> plan = this.plan.blocks(jobs);
        int blocks = plan.size();
        Cell[] out = new Cell[n];
        AtomicInteger next = new AtomicInteger(), done = new AtomicInteger();
        Shared sh = new Shared();
        Thread caller = Thread.currentThread();
        int nt = Math.min(s.threads, blocks);
        Thread[] ws = new Thread[nt];
        long t0 = System.nanoTime();
        ProgressDisplay pb = s.bar ? ProgressDisplay.open(n, "sweep") : null;
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
            return new Result(List.copyOf(s.axes), cells, n, interrupted && finished < n, System.nanoTime() - t0);
        } finally {
            sh.cancel = true;
            if (pb != null) pb.close();
        }
    }

    private void report(ProgressDisplay pb, int done, int total) {
        if (pb != null) pb.set(done);
        if (s.progress != null) s.progress.update(done, total);
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

    private double[] corrections(Shared sh, double beta, boolean corrected) {
        long key = corrected ? Double.doubleToLongBits(beta) : -1L;
        return sh.corrections.computeIfAbsent(key, k -> {
            double[] t = new double[(int) s.steps];
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
        for (int i = 0; i < general.size(); i += Sweep.BLOCK) {
            if (!runInterleaved(general.subList(i, Math.min(general.size(), i + Sweep.BLOCK)), out, sh)) return 0;
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
        Objective f = first.source.fixed();
        Optimizer defaults = Optimizers.create(first.optimizerName);
        boolean corrected = defaults.getChoice("bias_correction").equals("on");
        SweepKernels.AdamRosenbrock lanes = new SweepKernels.AdamRosenbrock(first.lanes[0], first.lanes[1],
                defaults.getChoice("eps_placement").equals("inside"), js.size());
        boolean tol = !Double.isNaN(s.tolerance);
        for (Job j : js) {
            double[] x = startOf(j, f);
            double b1 = param(j, defaults, "beta1"), b2 = param(j, defaults, "beta2");
            lanes.add(x, param(j, defaults, "lr"), b1, b2, param(j, defaults, "eps"), param(j, defaults, "weight_decay"),
                    corrections(sh, b1, corrected), corrections(sh, b2, corrected), tol && f.value(x) <= s.tolerance ? 0 : -1);
        }
        if (!lanes.run(s.steps, s.tolerance, () -> sh.cancel)) return false;
        for (int k = 0; k < js.size(); k++) {
            Job j = js.get(k);
            double[] x = {lanes.rx0[k], lanes.rx1[k]};
            double loss = f.value(x);
            out[j.index] = new Cell(j.index, j.optimizerName, j.params, j.source.name(), j.seed, loss, lanes.taken[k],
                    lanes.toTol[k], lanes.stopped[k] || !Double.isFinite(loss), x, null);
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
        final long steps = s.steps;
        final double tolerance = s.tolerance;
        boolean tol = !Double.isNaN(tolerance);
        for (long step = 1; step <= steps; step++) {
            if (sh.cancel) return false;
            for (Job j : js) {
                if (j.stopped) continue;
                try {
                    j.opt.step(j.x, j.oracle);
                } catch (NonFiniteGradientException e) {
                    j.stopped = true;
                    continue;
                }
                j.taken = step;
                if (tol && j.toTol < 0 && j.f.value(j.x) <= tolerance) j.toTol = step;
            }
        }
        for (Job j : js) {
            double loss = j.f.value(j.x);
            out[j.index] = new Cell(j.index, j.optimizerName, j.params, j.source.name(), j.seed, loss, j.taken, j.toTol,
                    j.stopped || !Double.isFinite(loss), j.x.clone(), j.opt.averagedIterate());
            j.opt = null;
            j.x = null;
        }
        return true;
    }

    /** The cell's start: the sweep's or the objective's, moved by the seed's jitter. */
    private double[] startOf(Job j, Objective f) {
        int d = f.dimension();
        double[] x = s.start != null ? s.start.clone() : f.start().clone();
        if (x.length != d) {
            throw new IllegalArgumentException("start has " + x.length + " elements: " + f.name() + " has dimension " + d);
        }
        if (s.jitter > 0) {
            Random r = new Random(j.seed);
            for (int i = 0; i < d; i++) x[i] += s.jitter * r.nextGaussian();
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
        if (!Double.isNaN(s.tolerance) && f.value(x) <= s.tolerance) j.toTol = 0;
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

}
