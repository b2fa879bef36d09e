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
    private final Family family;           // null for precomputed curves (ofCurves)
    private int defaultCell;
    private boolean play;
    private Family.Axis curveAxis;
    private long[] curveSteps;
    private double[][] curveValues;
    private String curveName;

    private Slider(Family family) { this.family = family; }

    public static Slider of(Family family) {
        if (family == null) throw new IllegalArgumentException("family: null given, e.g. Family.sweep(optimizer, objective).over(...).run()");
        if (family.runs().isEmpty()) throw new IllegalArgumentException("family: empty, a slider needs at least one run");
        return new Slider(family);
    }

    /**
     * A slider over curves computed any way (not runs): curves[i] is the quantity at the i-th value of
     * {@code key}, against the integer steps {@code steps}; show them with {@link #curves(CurvePlot, String)}.
     */
    public static Slider ofCurves(String key, double[] values, double[] steps, double[][] curves) {
        Family.Axis axis = Family.axis(key, values);
        if (steps == null || steps.length == 0) throw new IllegalArgumentException("steps: none given, one per point of a curve");
        long[] st = new long[steps.length];
        for (int k = 0; k < steps.length; k++) {
            if (!(steps[k] == Math.rint(steps[k])) || (k > 0 && !(steps[k] > steps[k - 1]))) {
                throw new IllegalArgumentException("steps[" + k + "] = " + steps[k] + ": allowed increasing integers");
            }
            st[k] = (long) steps[k];
        }
        if (curves == null || curves.length != values.length) {
            throw new IllegalArgumentException("curves: " + (curves == null ? 0 : curves.length) + " given for " + values.length + " values of " + key + ", one per value");
        }
        for (int i = 0; i < curves.length; i++) {
            if (curves[i] == null || curves[i].length != steps.length) {
                throw new IllegalArgumentException("curves[" + i + "]: " + (curves[i] == null ? "null" : curves[i].length + " points")
                        + " given, " + steps.length + " (one per step) are needed");
            }
        }
        Slider s = new Slider(null);
        s.curveAxis = axis;
        s.curveSteps = st;
        s.curveValues = new double[curves.length][];
        for (int i = 0; i < curves.length; i++) s.curveValues[i] = curves[i].clone();
        return s;
    }

    /** The panel of a slider made by {@link #ofCurves}: its curves on {@code plot}, named {@code name} in the legend. */
    public Slider curves(CurvePlot plot, String name) {
        if (curveValues == null) throw new IllegalArgumentException("curves(plot, name): only for Slider.ofCurves; for runs give the quantity, curves(plot, name, t -> ...)");
        addPanel(new CurvePanel(plot, name, t -> null));
        curveName = name;
        return this;
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
        List<Family.Axis> axes = axes();
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
        if (family != null) for (Trajectory t : family.runs()) c.add(List.of(t));
        return c;
    }

    @Override
    List<List<Track>> tracks(Panel p) {
        if (curveValues == null) return super.tracks(p);
        if (!(p instanceof CurvePanel)) throw new IllegalArgumentException("paths: a slider over precomputed curves draws curves only");
        double[] xs = new double[curveSteps.length];
        for (int k = 0; k < xs.length; k++) xs[k] = curveSteps[k];
        List<List<Track>> out = new ArrayList<>();
        for (double[] v : curveValues) out.add(List.of(new Track(curveName, curveSteps, xs, v)));
        return out;
    }

    @Override List<Family.Axis> axes() { return family != null ? family.axes() : List.of(curveAxis); }
    @Override int defaultCell() { return defaultCell; }
    @Override boolean playable() { return play; }
    @Override List<String> legendLabels(List<Track> cell) { return List.of(family != null ? family.label() : curveName); }
}
