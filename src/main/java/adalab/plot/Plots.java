package adalab.plot;

import adalab.objectives.Objective;
import adalab.run.Sweep;
import adalab.run.Trajectory;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.DoubleBinaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * Entry point of the plot helpers; each line reads as what it draws:
 *
 * <pre>{@code
 * Plots.paths(rosenbrock).path("adam", xs, ys).path("sgd", xs2, ys2)   // level sets + paths
 * Plots.loss().add("adam", steps, losses).add("sgd", steps, losses2)   // loss, log axis
 * Plots.rates().add("adam", 0, steps, lr0)                            // effective rates
 * Plots.state("v").add("adam", 0, steps, v0)                          // optimizer state
 * Plots.heatmap(lrs, betas, finalLoss).xTitle("lr").yTitle("β").logColor()
 * Plots.toPng(chart); Plots.toSvg(chart);
 * }</pre>
 */
public final class Plots {
    private Plots() { }

    /** Level sets of a 2-D objective over its plot window, ready for optimizer paths. */
    public static PathPlot paths(Objective objective) {
        return new PathPlot(LevelSets.of(objective), objective.minimizer().orElse(null)).title(objective.name());
    }

    /** Level sets of a 2-D objective over the window [xmin, xmax] × [ymin, ymax]. */
    public static PathPlot paths(Objective objective, double xmin, double xmax, double ymin, double ymax) {
        return new PathPlot(LevelSets.of(objective, xmin, xmax, ymin, ymax), objective.minimizer().orElse(null))
                .title(objective.name());
    }

    /** Level sets of f(x, y) over [xmin, xmax] × [ymin, ymax], ready for optimizer paths. */
    public static PathPlot paths(DoubleBinaryOperator f, double xmin, double xmax, double ymin, double ymax) {
        return new PathPlot(LevelSets.of(f, xmin, xmax, ymin, ymax), null);
    }

    /** Paths over the given level sets. */
    public static PathPlot paths(LevelSets levelSets) {
        return new PathPlot(levelSets, null);
    }

    /** Recorded 2-D runs over the objective's level sets. */
    public static PathPlot paths(Objective objective, Trajectory... runs) {
        return paths(objective).paths(runs);
    }

    /** The loss of recorded runs against step, log y axis. */
    public static CurvePlot loss(Trajectory... runs) {
        CurvePlot p = loss();
        for (Trajectory t : runs) p.run(t);
        return p;
    }

    /** The effective learning rates of a recorded run's parameters. */
    public static CurvePlot rates(Trajectory run) { return rates().run(run); }

    /** A recorded run's optimizer state {@code name} per parameter. */
    public static CurvePlot state(String name, Trajectory run) { return state(name).run(run); }

    /** Loss against step, log y axis. */
    public static CurvePlot loss() { return new CurvePlot(CurvePlot.Kind.LOSS, null); }

    /** Per-parameter effective learning rate against step, log y axis. */
    public static CurvePlot rates() { return new CurvePlot(CurvePlot.Kind.RATE, null); }

    /** Per-parameter optimizer state (m, v, G, ...) against step; log y when every value is positive. */
    public static CurvePlot state(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: '" + name + "' given, a state name such as m or v is needed");
        return new CurvePlot(CurvePlot.Kind.STATE, name);
    }

    /** Any quantity against step; set its axis with {@link CurvePlot#yTitle}. */
    public static CurvePlot curves() { return new CurvePlot(CurvePlot.Kind.ANY, null); }

    /** values[j][i] over x = xs[i] and y = ys[j] (a sweep's grid of hyperparameters). */
    public static HeatMapPlot heatmap(double[] xs, double[] ys, double[][] values) {
        return new HeatMapPlot(xs, ys, values);
    }

    /** A sweep's final loss over two swept keys (medians over the other axes), with the axis titles set. */
    public static HeatMapPlot heatmap(Sweep.Result r, String xKey, String yKey) {
        return heatmap(r, xKey, yKey, Sweep.Cell::finalLoss, "final loss");
    }

    /** Any metric of a sweep's cells, titled {@code what}, e.g. (r, "lr", "beta2", c -> c.stepsToTolerance(), "steps to 1e-6"). */
    public static HeatMapPlot heatmap(Sweep.Result r, String xKey, String yKey, ToDoubleFunction<Sweep.Cell> metric, String what) {
        if (r == null) throw new IllegalArgumentException("sweep result is null");
        double[][] v = r.values(xKey, yKey, metric);
        return heatmap(r.axis(xKey).values(), r.axis(yKey).values(), v)
                .xTitle(xKey).yTitle(yKey).title((what == null ? "" : what) + (r.interrupted() ? " (interrupted)" : ""));
    }

    /** PNG bytes of a chart at its own size. */
    public static byte[] toPng(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SVG document of a chart, for print. */
    public static String toSvg(Chart<?, ?> chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Writes a chart to a .png or .svg file, chosen by the extension. */
    public static void save(Chart<?, ?> chart, String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        try {
            if (lower.endsWith(".png")) Files.write(Path.of(path), toPng(chart));
            else if (lower.endsWith(".svg")) Files.writeString(Path.of(path), toSvg(chart));
            else throw new IllegalArgumentException("path: '" + path + "' given, allowed extensions .png and .svg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
