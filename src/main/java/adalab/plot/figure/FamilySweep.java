package adalab.plot.figure;

import adalab.objectives.Objective;
import adalab.optim.Hyperparameter;
import adalab.optim.Optimizer;
import adalab.run.Recording;
import adalab.run.Run;
import adalab.run.Trajectory;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes a {@link Family}: {@code Family.sweep(new Momentum().lr(0.2), ravine).over("gamma", 0, 0.5, 0.9).from(-5, -2).steps(50).run()}.
 * Each run starts from a fresh copy of the optimizer with the grid's values set; a key the optimizer
 * does not have, or a value outside its range, is refused before anything runs.
 */
public final class FamilySweep {
    private final Optimizer optimizer;
    private final Objective objective;
    private final List<Family.Axis> axes = new ArrayList<>();
    private double[] start;
    private long steps = 100;
    private Recording recording = Recording.defaults();

    FamilySweep(Optimizer optimizer, Objective objective) {
        if (optimizer == null) throw new IllegalArgumentException("optimizer: null given");
        if (objective == null) throw new IllegalArgumentException("objective: null given");
        this.optimizer = optimizer.copy();
        this.objective = objective;
    }

    /** A slider over this hyperparameter (at most two). */
    public FamilySweep over(String key, double... values) {
        if (axes.size() == 2) throw new IllegalArgumentException("over: a figure has at most two sliders; " + axes.get(0).key() + " and " + axes.get(1).key() + " are set");
        Family.Axis a = Family.axis(key, values);
        List<String> keys = new ArrayList<>();
        for (Hyperparameter h : optimizer.hyperparameters()) if (!h.isChoice()) keys.add(h.name());
        if (!keys.contains(key)) {
            throw new IllegalArgumentException("over: '" + key + "' is not a numeric hyperparameter of " + optimizer.name() + "; it has " + keys);
        }
        for (double v : values) optimizer.copy().set(key, v);     // refuses a value out of range, naming it
        axes.add(a);
        return this;
    }

    public FamilySweep from(double... x0) { this.start = x0 == null ? null : x0.clone(); return this; }

    public FamilySweep steps(long n) {
        if (n < 1) throw new IllegalArgumentException("steps: " + n + " given, allowed an integer >= 1");
        this.steps = n;
        return this;
    }

    public FamilySweep record(Recording r) {
        if (r == null) throw new IllegalArgumentException("record: null given, e.g. Recording.every(1)");
        this.recording = r;
        return this;
    }

    /** Runs every cell of the grid. */
    public Family run() {
        if (axes.isEmpty()) throw new IllegalArgumentException("over: no hyperparameter given, a slider needs one (e.g. over(\"lr\", 0.01, 0.1))");
        Family.Axis a = axes.get(0), b = axes.size() > 1 ? axes.get(1) : null;
        List<Trajectory> runs = new ArrayList<>();
        for (double u : a.values()) {
            if (b == null) {
                runs.add(one(a, u, null, 0));
            } else {
                for (double w : b.values()) runs.add(one(a, u, b, w));
            }
        }
        return new Family(axes, runs, optimizer.name());
    }

    private Trajectory one(Family.Axis a, double u, Family.Axis b, double w) {
        Optimizer o = optimizer.copy().set(a.key(), u);
        String label = optimizer.name() + " " + a.key() + "=" + u;
        if (b != null) {
            o.set(b.key(), w);
            label += " " + b.key() + "=" + w;
        }
        Run r = Run.of(o, objective).steps(steps).record(recording).label(label);
        if (start != null) r.from(start);
        return r.go();
    }
}
