package adalab.plot.figure;

import adalab.plot.Plots;
import adalab.run.Trajectory;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * One chart of a figure: the static layer (level sets, axes, legend, title) drawn once by XChart in
 * the library's style, and what each run contributes per recorded row, which the page draws over it.
 */
abstract class Panel {

    /** The layers of a panel: the default frame, the static layer, where its data lands and the runs' colours. */
    record Layers(byte[] fallbackPng, byte[] staticPng, AxisMap map, List<Color> colours, int width, int height) { }

    private Layers layers;

    /** The run as this panel draws it. */
    final Track track(Trajectory t) { return new Track(t.label(), t.steps(), xs(t), ys(t)); }

    /** The run's x per row (paths: x₁). */
    abstract double[] xs(Trajectory t);

    /** The run's y per row. */
    abstract double[] ys(Trajectory t);

    /** What the y values are, for error messages ("x₂", "loss"). */
    abstract String yName();

    /** Whether a NaN may stand at the first rows (a state or rate has no value before step 1). */
    abstract boolean leadingNaNAllowed();

    /** The x of a curve is the step: the page takes it from the shared steps instead of storing it. */
    abstract boolean xIsStep();

    /** Adds a run's full data to the base plot (for the default frame and the legend). */
    abstract void addToBase(String label, double[] xs, double[] ys);

    /** The base plot's chart as it stands. */
    abstract XYChart baseChart();

    /** Path plots fix their window; curve plots fit their axes to the data. */
    abstract boolean axesFixed();

    /**
     * Draws the layers once: the default runs are added to the base plot (with these legend labels), the
     * default frame is painted, then the same chart with those runs blanked (their legend kept) and, for
     * axes that fit the data, an invisible series spanning every frame's data so no run leaves the axes.
     */
    final Layers layers(List<double[][]> defaults, List<String> labels, double[] span) {
        if (layers != null) return layers;
        for (int i = 0; i < defaults.size(); i++) addToBase(labels.get(i), defaults.get(i)[0], defaults.get(i)[1]);
        byte[] fallback = Png.compact(Plots.toPng(baseChart()));
        XYChart chart = baseChart();
        List<XYSeries> lines = new ArrayList<>();
        List<String> startEnd = new ArrayList<>();
        for (XYSeries s : chart.getSeriesMap().values()) {
            XYSeries.XYSeriesRenderStyle style = s.getXYSeriesRenderStyle();
            boolean line = style == null || style == XYSeries.XYSeriesRenderStyle.Line;
            if (line && s.isShowInLegend()) lines.add(s);
            if (!s.isShowInLegend() && (s.getName().startsWith("start of ") || s.getName().startsWith("end of "))) {
                startEnd.add(s.getName());
            }
        }
        int n = defaults.size();
        if (lines.size() < n) {
            throw new IllegalStateException("the base plot drew " + lines.size() + " lines for " + n + " runs");
        }
        List<Color> colours = new ArrayList<>();
        for (XYSeries s : lines.subList(lines.size() - n, lines.size())) {
            colours.add(s.getLineColor());
            chart.updateXYSeries(s.getName(), new double[]{Double.NaN}, new double[]{Double.NaN}, null);
        }
        // The figure's own runs' start and end markers are the last ones added; the page draws them.
        int pairs = startEnd.size() / 2;
        for (int i = pairs - n; i < pairs; i++) {
            if (i < 0) continue;
            chart.removeSeries("start of " + i);
            chart.removeSeries("end of " + i);
        }
        if (!axesFixed() && span != null && Double.isFinite(span[0]) && Double.isFinite(span[2])) {
            // span: x min, x max, y min, y max, smallest positive x, smallest positive y (log axes).
            double x0 = chart.getStyler().isXAxisLogarithmic() && Double.isFinite(span[4]) ? span[4] : span[0];
            double y0 = chart.getStyler().isYAxisLogarithmic() && Double.isFinite(span[5]) ? span[5] : span[2];
            XYSeries r = chart.addSeries(" figure range", new double[]{x0, span[1]}, new double[]{y0, span[3]});
            r.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            r.setMarker(SeriesMarkers.NONE);
            r.setShowInLegend(false);
        }
        byte[] still = Png.compact(Plots.toPng(chart));   // paints: the axes now have their mapping
        layers = new Layers(fallback, still, AxisMap.of(chart), colours, chart.getWidth(), chart.getHeight());
        return layers;
    }
}
