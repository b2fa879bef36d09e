package adalab.plot.figure;

import adalab.plot.CurvePlot;
import adalab.plot.PathPlot;
import adalab.run.Trajectory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Runs replayed step by step: play/pause, a step slider and the step printed in the figure; the
 * paths (or curves) grow over the static layer as the reader scrubs.
 *
 * <pre>{@code
 * Replay.of(adam, sgd).paths(Plots.paths(rosenbrock))
 * Replay.of(adam).curves(Plots.curves().yTitle("m"), "m", t -> t.state("m", 0))
 * }</pre>
 *
 * The runs must have the same number of recorded rows. Each panel's base plot receives the runs (for
 * the default frame and the legend): give each figure a fresh plot.
 */
public final class Replay extends Figure {
    private final List<Trajectory> runs;

    private Replay(List<Trajectory> runs) { this.runs = runs; }

    /** A replay of these runs (at least one). */
    public static Replay of(Trajectory... runs) {
        if (runs == null || runs.length == 0) throw new IllegalArgumentException("runs: none given, a replay needs at least one run");
        for (int i = 0; i < runs.length; i++) {
            if (runs[i] == null) throw new IllegalArgumentException("runs[" + i + "]: null given, a Trajectory is needed");
        }
        return new Replay(new ArrayList<>(Arrays.asList(runs)));
    }

    /** A panel of paths over the level sets of {@code plot}. */
    public Replay paths(PathPlot plot) { addPanel(new PathPanel(plot)); return this; }

    /** A panel of a quantity against step, e.g. {@code curves(Plots.state("v"), "v", t -> t.state("v", 0))}. */
    public Replay curves(CurvePlot plot, String name, Function<Trajectory, double[]> quantity) {
        addPanel(new CurvePanel(plot, name, quantity));
        return this;
    }

    /** A panel of the runs' loss against step. */
    public Replay loss(CurvePlot plot) { return curves(plot, "loss", Trajectory::losses); }

    /** How long play takes from the first step to the last (default 6 s). */
    public Replay seconds(double s) { setSeconds(s); return this; }

    @Override List<List<Trajectory>> cells() { return List.of(runs); }
    @Override List<Family.Axis> axes() { return List.of(); }
    @Override int defaultCell() { return 0; }
    @Override boolean playable() { return true; }

    @Override
    List<String> legendLabels(List<Trajectory> cell) {
        List<String> l = new ArrayList<>();
        for (Trajectory t : cell) l.add(t.label());
        return l;
    }
}
