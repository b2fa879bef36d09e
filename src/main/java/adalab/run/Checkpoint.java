package adalab.run;

import adalab.optim.Hyperparameter;
import adalab.optim.Optimizer;
import adalab.optim.OptimizerState;
import adalab.optim.Optimizers;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer's state and hyperparameters plus a run's progress (parameters, steps taken),
 * saved to and loaded from a file. Restoring it makes a run continue bit-identically:
 * <pre>
 *   Trajectory a = Run.of(adam, obj).steps(100).go();            // interrupted at step 40, say
 *   Checkpoint.of(adam, a).save(Path.of("run.ckpt"));
 *   ...
 *   Checkpoint c = Checkpoint.load(Path.of("run.ckpt"));
 *   Trajectory b = Run.of(c.newOptimizer(), obj).resume(c).steps(100).go();   // steps 41..100
 * </pre>
 *
 * <p>File layout (big-endian, {@link DataOutputStream}): the 8 magic bytes {@code ADALABCK},
 * an int format version, a long payload length, the payload, and the SHA-256 of the payload.
 * A file is written to a temporary file beside the target and renamed over it, so a crash
 * leaves either the old file or the new one. Loading checks magic, version, length and
 * checksum before reading anything, and {@link #restoreInto} validates everything on a scratch
 * copy first, so a bad file or a mismatched optimizer never half-loads.
 *
 * <p>Not saved: a learning-rate schedule (it is code) and the non-finite policy. A checkpoint of
 * a scheduled optimizer records that it had one, and restoring it demands a target that has a
 * schedule set again.
 */
public final class Checkpoint {

    /** The format version this code writes and reads. */
    public static final int VERSION = CheckpointFile.VERSION;

    final String optimizer;
    final String optimizerClass;
    final Map<String, String> hyperparameters;
    final boolean scheduled;
    final OptimizerState state;
    final double[] params;
    final long step;
    final String objective;

    Checkpoint(String optimizer, String optimizerClass, Map<String, String> hyperparameters, boolean scheduled,
                       OptimizerState state, double[] params, long step, String objective) {
        this.optimizer = optimizer;
        this.optimizerClass = optimizerClass;
        this.hyperparameters = Collections.unmodifiableMap(hyperparameters);
        this.scheduled = scheduled;
        this.state = state;
        this.params = params;
        this.step = step;
        this.objective = objective;
    }

    // ------------------------------------------------------------------ capture

    /** The optimizer alone (no run progress): its hyperparameters and state. */
    public static Checkpoint of(Optimizer o) {
        if (o == null) throw new IllegalArgumentException("optimizer is null");
        return capture(o, null, o.step(), null);
    }

    /**
     * The optimizer and a run's progress: the current parameters (copied) and the number of run
     * steps taken so far (the next step is {@code step + 1}).
     */
    public static Checkpoint of(Optimizer o, double[] params, long step) {
        if (o == null) throw new IllegalArgumentException("optimizer is null");
        if (params == null) throw new IllegalArgumentException("params is null");
        if (params.length == 0) throw new IllegalArgumentException("params is empty: need at least one parameter");
        if (step < 0) throw new IllegalArgumentException("step = " + step + ": allowed an integer >= 0");
        for (int i = 0; i < params.length; i++) {
            if (!Double.isFinite(params[i])) {
                throw new IllegalArgumentException("params[" + i + "] = " + params[i] + ": allowed finite numbers");
            }
        }
        if (o.size() >= 0 && o.size() != params.length) {
            throw new IllegalArgumentException("params has " + params.length + " elements but the " + o.name()
                    + " holds state for " + o.size());
        }
        return capture(o, params.clone(), step, null);
    }

    /**
     * The optimizer after {@link Run#go()} returned {@code t} (completed, interrupted or stopped):
     * the run's last parameters and steps taken, and the objective's name as a check on resume.
     */
    public static Checkpoint of(Optimizer o, Trajectory t) {
        if (t == null) throw new IllegalArgumentException("trajectory is null");
        if (o != null && !o.name().equals(t.optimizerName())) {
            throw new IllegalArgumentException("the trajectory is from " + t.optimizerName() + ", not " + o.name());
        }
        Checkpoint c = of(o, t.lastParams(), t.stepsTaken());
        return new Checkpoint(c.optimizer, c.optimizerClass, new LinkedHashMap<>(c.hyperparameters), c.scheduled,
                c.state, c.params, c.step, t.objectiveName());
    }

    private static Checkpoint capture(Optimizer o, double[] params, long step, String objective) {
        Map<String, String> h = new LinkedHashMap<>();
        for (Hyperparameter p : o.hyperparameters()) h.put(p.name(), p.text());
        return new Checkpoint(o.name(), o.getClass().getName(), h, o.schedule() != null, o.snapshot(), params, step,
                objective);
    }

    // ------------------------------------------------------------------ contents

    /** The optimizer's registry name, e.g. "adam". */
    public String optimizer() { return optimizer; }

    /** The optimizer's class name, e.g. "adalab.optim.Adam". */
    public String optimizerClass() { return optimizerClass; }

    /** Hyperparameters by name, as text that {@code Optimizer.set(name, text)} accepts. */
    public Map<String, String> hyperparameters() { return hyperparameters; }

    /** Whether the optimizer had a learning-rate schedule (not saved: it is code). */
    public boolean scheduled() { return scheduled; }

    public OptimizerState state() { return state; }

    /** The run's parameters (a copy), or null for an optimizer-only checkpoint. */
    public double[] params() { return params == null ? null : params.clone(); }

    /** Run steps taken (for an optimizer-only checkpoint, the optimizer's step count). */
    public long step() { return step; }

    /** The objective's name when taken from a trajectory, else null. */
    public String objective() { return objective; }

    // ------------------------------------------------------------------ restore

    /** A new optimizer of the saved kind with the saved hyperparameters and state. */
    public Optimizer newOptimizer() {
        if (scheduled) {
            throw new IllegalStateException("the " + optimizer + " in this checkpoint had a learning-rate schedule, "
                    + "which is not saved: create the optimizer, set the same schedule and call restoreInto(it)");
        }
        Optimizer o = Optimizers.create(optimizer);
        if (!o.getClass().getName().equals(optimizerClass)) {
            throw new IllegalStateException("the checkpoint's " + optimizer + " is a " + optimizerClass + " but the registry makes "
                    + o.getClass().getName() + ": create one yourself and call restoreInto(it)");
        }
        restoreInto(o);
        return o;
    }

    /**
     * Puts the saved hyperparameters and state into {@code target}, which must be the same kind
     * of optimizer. Everything is checked on a copy first: on any failure the target is left
     * exactly as it was. The target keeps its own schedule and non-finite policy.
     */
    public void restoreInto(Optimizer target) {
        if (target == null) throw new IllegalArgumentException("target optimizer is null");
        if (!target.name().equals(optimizer)) {
            throw new IllegalArgumentException("checkpoint holds a " + optimizer + " state; cannot restore it into a "
                    + target.name());
        }
        if (scheduled && target.schedule() == null) {
            throw new IllegalArgumentException("the checkpoint's " + optimizer + " had a learning-rate schedule, which is "
                    + "not saved: set the same schedule on the target first");
        }
        List<String> have = new ArrayList<>();
        for (Hyperparameter p : target.hyperparameters()) have.add(p.name());
        if (!have.containsAll(hyperparameters.keySet())) {
            throw new IllegalArgumentException("checkpoint's " + optimizer + " has hyperparameters "
                    + hyperparameters.keySet() + " but the target has " + have);
        }
        // A hyperparameter added after the checkpoint was written (RAdam's form, RMSProp's centered)
        // did not exist then, so the run behaved as its default does.
        Map<String, String> values = new LinkedHashMap<>(hyperparameters);
        for (Hyperparameter p : target.hyperparameters()) values.putIfAbsent(p.name(), p.defaultText());
        // Dry run on a copy: finds an order in which the joint rules (Rprop's delta_min <= delta_max)
        // accept every value, and lets restore() validate the state, without touching the target.
        // Both start without state: some options decide which state arrays exist.
        Optimizer scratch = target.copy();
        scratch.reset();
        List<String> order = applyHyperparameters(scratch, values);
        scratch.restore(state);
        // Replaying the same order on the target starts from the same values, so it cannot fail.
        target.reset();
        for (String k : order) target.set(k, values.get(k));
        target.restore(state);
    }

    /** Sets every saved hyperparameter, retrying those a joint rule refuses until none is left. */
    private List<String> applyHyperparameters(Optimizer o, Map<String, String> values) {
        List<String> pending = new ArrayList<>(values.keySet());
        List<String> order = new ArrayList<>();
        IllegalArgumentException last = null;
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (var it = pending.iterator(); it.hasNext(); ) {
                String k = it.next();
                try {
                    o.set(k, values.get(k));
                    order.add(k);
                    it.remove();
                    progress = true;
                } catch (IllegalArgumentException e) {
                    last = e;
                }
            }
            if (!progress) {
                throw new IllegalArgumentException("checkpoint's " + optimizer + " hyperparameters are refused: "
                        + last.getMessage(), last);
            }
        }
        return order;
    }

    // ------------------------------------------------------------------ files

    /**
     * Writes the checkpoint to {@code file}: a temporary file in the same directory, forced to
     * disk, then renamed over {@code file} (atomically where the file system allows).
     */
    public void save(Path file) throws IOException { CheckpointFile.save(this, file); }

    /**
     * Reads a checkpoint. Throws IOException naming the file when it cannot be read, is not an
     * adalab checkpoint, has another format version, is truncated or has been altered.
     */
    public static Checkpoint load(Path file) throws IOException { return CheckpointFile.load(file); }

    @Override
    public String toString() {
        return "Checkpoint[" + optimizer + hyperparameters + " after " + step + " steps"
                + (objective == null ? "" : " on " + objective) + (params == null ? "" : ", " + params.length + " parameters") + "]";
    }
}
