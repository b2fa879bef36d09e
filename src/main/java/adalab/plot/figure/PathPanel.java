package adalab.plot.figure;

import adalab.plot.PathPlot;
import adalab.run.Trajectory;
import org.knowm.xchart.XYChart;

/** Paths over level sets: a run's (x₁, x₂) per row. */
final class PathPanel extends Panel {
    private final PathPlot base;

    PathPanel(PathPlot base) {
        if (base == null) throw new IllegalArgumentException("plot: null given, a PathPlot such as Plots.paths(objective) is needed");
        this.base = base;
    }

    @Override
    double[] xs(Trajectory t) { return coordinate(t, 0); }

    @Override
    double[] ys(Trajectory t) { return coordinate(t, 1); }

    private static double[] coordinate(Trajectory t, int i) {
        if (t.dimension() != 2) {
            throw new IllegalArgumentException("run '" + t.label() + "': dimension " + t.dimension() + ", a path needs 2");
        }
        double[] v = t.param(i);
        if (v == null) throw new IllegalArgumentException("run '" + t.label() + "': parameters were not recorded");
        return v;
    }

    @Override String yName() { return "x\u2082"; }
    @Override boolean leadingNaNAllowed() { return false; }
    @Override boolean xIsStep() { return false; }
    @Override void addToBase(String label, double[] xs, double[] ys) { base.path(label, xs, ys); }
    @Override XYChart baseChart() { return base.chart(); }
    @Override boolean axesFixed() { return true; }
}
