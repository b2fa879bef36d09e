package adalab.plot.figure;

import adalab.plot.CurvePlot;
import adalab.run.Trajectory;
import org.knowm.xchart.XYChart;

import java.util.function.Function;

/** A quantity against step: a run's value per row, taken by a function of the run (loss, x₁, m, …). */
final class CurvePanel extends Panel {
    private final CurvePlot base;
    private final String name;
    private final Function<Trajectory, double[]> quantity;

    CurvePanel(CurvePlot base, String name, Function<Trajectory, double[]> quantity) {
        if (base == null) throw new IllegalArgumentException("plot: null given, a CurvePlot such as Plots.loss() is needed");
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: '" + name + "' given, the quantity's name is needed");
        if (quantity == null) throw new IllegalArgumentException("quantity: null given, a function of the run is needed");
        this.base = base;
        this.name = name;
        this.quantity = quantity;
    }

    @Override
    double[] xs(Trajectory t) { return t.stepsAsDouble(); }

    @Override
    double[] ys(Trajectory t) {
        double[] v = quantity.apply(t);
        if (v == null) throw new IllegalArgumentException("run '" + t.label() + "': " + name + " was not recorded (the quantity gave null)");
        if (v.length != t.size()) {
            throw new IllegalArgumentException("run '" + t.label() + "': " + name + " has " + v.length + " values for " + t.size() + " recorded rows");
        }
        return v;
    }

    @Override String yName() { return name; }
    @Override boolean leadingNaNAllowed() { return true; }
    @Override boolean xIsStep() { return true; }
    @Override void addToBase(String label, double[] xs, double[] ys) { base.add(label, xs, ys); }
    @Override XYChart baseChart() { return base.chart(); }
    @Override boolean axesFixed() { return false; }
}
