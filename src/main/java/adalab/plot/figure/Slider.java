package adalab.plot.figure;

import adalab.plot.CurvePlot;
import adalab.plot.PathPlot;
import adalab.run.Trajectory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A precomputed family of runs behind one slider (two for a grid): moving it shows the run for the
 * slider's value, with the value printed in the figure.
 *
 * <pre>{@code
 * var fam = Family.sweep(new Momentum().lr(0.2), ravine).over("gamma", 0, 0.3, 0.5, 0.7, 0.9).from(-5, -2).steps(60).run();
 * Slider.of(fam).paths(Plots.paths(ravine)).at(0.5)
 * }</pre>
 *
 * {@link #play()} adds the step slider and play, so the chosen run can also be replayed.
 */
public final class Slider extends Figure {
    private final Family family;
    private int defaultCell;
    private boolean play;

    private Slider(Family family) { this.family = family; }

    public static Slider of(Family family) {
        if (family == null) throw new IllegalArgumentException("family: null given, e.g. Family.sweep(optimizer, objective).over(...).run()");
        if (family.runs().isEmpty()) throw new IllegalArgumentException("family: empty, a slider needs at least one run");
        return new Slider(family);
    }

    public Slider paths(PathPlot plot) { addPanel(new PathPanel(plot)); return this; }

    public Slider curves(CurvePlot plot, String name, Function<Trajectory, double[]> quantity) {
        addPanel(new CurvePanel(plot, name, quantity));
        return this;
    }

    public Slider loss(CurvePlot plot) { return curves(plot, "loss", Trajectory::losses); }

    /** Also a step slider and play for the chosen run. */
    public Slider play() { this.play = true; return this; }

    public Slider seconds(double s) { setSeconds(s); return this; }

    /** Shows first the run with these values (one per slider; each must be one of its values). */
    public Slider at(double... values) {
        List<Family.Axis> axes = family.axes();
        if (values == null || values.length != axes.size()) {
            throw new IllegalArgumentException("at: " + (values == null ? 0 : values.length) + " values given, " + axes.size() + " (one per slider) are needed");
        }
        int cell = 0;
        for (int k = 0; k < axes.size(); k++) {
            double[] vs = axes.get(k).values();
            int found = -1;
            for (int i = 0; i < vs.length; i++) if (vs[i] == values[k]) found = i;
            if (found < 0) throw new IllegalArgumentException("at: " + axes.get(k).key() + " = " + values[k] + " is not one of the family's values " + java.util.Arrays.toString(vs));
            cell = cell * vs.length + found;
        }
        this.defaultCell = cell;
        return this;
    }

    @Override
    List<List<Trajectory>> cells() {
        List<List<Trajectory>> c = new ArrayList<>();
        for (Trajectory t : family.runs()) c.add(List.of(t));
        return c;
    }

    @Override List<Family.Axis> axes() { return family.axes(); }
    @Override int defaultCell() { return defaultCell; }
    @Override boolean playable() { return play; }
    @Override List<String> legendLabels(List<Track> cell) { return List.of(family.label()); }
}
