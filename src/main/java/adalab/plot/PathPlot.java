package adalab.plot;

import adalab.run.Trajectory;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Optimizer paths over the level sets of a 2-D function:
 *
 * <pre>{@code
 * Plots.paths(rosenbrock).path("adam", xs, ys).path("sgd", xs2, ys2).chart()
 * }</pre>
 *
 * Level lines are thin greys (darker near the minimum); each path is drawn in its optimizer's
 * colour ({@link Palette}) with a dot per iterate when there are few iterates, a ring at the start
 * and a square at the end; a known minimiser is a black plus.
 */
public final class PathPlot implements Plot {

    /** Paths with at most this many points get a dot per iterate. */
    static final int DOTS_UP_TO = 120;

    /** Drawn lines skip points closer than this fraction of the window (~0.4 px at 600 px). */
    static final double SIMPLIFY = 7e-4;

    private final LevelSets levelSets;
    private final double[] minimizer;
    private final List<Trace> paths = new ArrayList<>();
    private String title = "";
    private String xTitle = "x\u2081", yTitle = "x\u2082";
    private int width = Style.WIDTH, height = Style.HEIGHT;
    private boolean showLevels = true, showMinimizer = true;
    private List<Polyline> lines;        // level lines, computed once
    private Colours colouring = new Colours();

    record Trace(String label, double[] xs, double[] ys) { }

    PathPlot(LevelSets levelSets, double[] minimizer) {
        this.levelSets = levelSets;
        this.minimizer = minimizer == null ? null : minimizer.clone();
    }

    /** Adds a path: iterate k is (xs[k], ys[k]). */
    public PathPlot path(String label, double[] xs, double[] ys) {
        paths.add(trace(label, xs, ys));
        return this;
    }

    /** Adds a path given as points {x, y}. */
    public PathPlot path(String label, double[][] points) {
        if (points == null) throw new IllegalArgumentException("points: null given, an array of {x, y} is needed");
        double[] xs = new double[points.length], ys = new double[points.length];
        for (int k = 0; k < points.length; k++) {
            if (points[k] == null || points[k].length < 2) {
                throw new IllegalArgumentException("points[" + k + "]: needs two coordinates {x, y}");
            }
            xs[k] = points[k][0];
            ys[k] = points[k][1];
        }
        return path(label, xs, ys);
    }

    /** Adds a recorded 2-D run's path (its parameters at each recorded row, then its final point). */
    public PathPlot path(Trajectory t) {
        if (t == null) throw new IllegalArgumentException("trajectory: null given");
        if (t.dimension() != 2) {
            throw new IllegalArgumentException("trajectory '" + t.label() + "': dimension " + t.dimension() + ", a path needs 2");
        }
        double[] xs = t.param(0), ys = t.param(1);
        if (xs == null) throw new IllegalArgumentException("trajectory '" + t.label() + "': parameters were not recorded");
        double[] last = t.lastParams();
        int n = xs.length;
        if (last != null && (n == 0 || last[0] != xs[n - 1] || last[1] != ys[n - 1])) {
            xs = java.util.Arrays.copyOf(xs, n + 1);
            ys = java.util.Arrays.copyOf(ys, n + 1);
            xs[n] = last[0];
            ys[n] = last[1];
        }
        return path(t.label(), xs, ys);
    }

    /** Adds several recorded runs. */
    public PathPlot paths(Trajectory... runs) {
        for (Trajectory t : runs) path(t);
        return this;
    }

    public PathPlot title(String title) { this.title = title == null ? "" : title; return this; }

    public PathPlot axes(String xTitle, String yTitle) { this.xTitle = xTitle; this.yTitle = yTitle; return this; }

    /**
     * Colours paths by their order of appearance (a categorical palette) instead of by optimizer
     * name: for comparing runs of a single optimizer. Labels given a {@link #colour} keep theirs.
     */
    public PathPlot distinctColours() { colouring.distinct(); return this; }

    /** Draws every path labelled {@code label} in colour c (overrides the palette). */
    public PathPlot colour(String label, Color c) { colouring.put(label, c); return this; }

    public PathPlot size(int width, int height) {
        checkSize(width, height);
        this.width = width;
        this.height = height;
        return this;
    }

    /** Number of log-spaced level lines. */
    public PathPlot levels(int count) { levelSets.count(count); lines = null; return this; }

    /** Draws exactly these level lines. */
    public PathPlot levels(double... at) { levelSets.at(at); lines = null; return this; }

    /** Grid points per axis for the level lines. */
    public PathPlot grid(int pointsPerAxis) { levelSets.grid(pointsPerAxis); lines = null; return this; }

    public PathPlot withoutLevelSets() { showLevels = false; return this; }

    public PathPlot withoutMinimizer() { showMinimizer = false; return this; }

    public LevelSets levelSets() { return levelSets; }

    /**
     * A copy with the same level sets (shared: computed once), window, title, colours and paths; paths
     * added to either afterwards stay in that one.
     */
    public PathPlot copy() {
        PathPlot c = new PathPlot(levelSets, minimizer);
        c.paths.addAll(paths);
        c.title = title;
        c.xTitle = xTitle;
        c.yTitle = yTitle;
        c.width = width;
        c.height = height;
        c.showLevels = showLevels;
        c.showMinimizer = showMinimizer;
        c.lines = lines;
        c.colouring = colouring.copy();
        return c;
    }

    /** A live version of this plot: paths grow as a running loop reports its steps. */
    public LivePlot live() { return LivePlot.paths(this); }

    @Override
    public XYChart chart() { return chart(paths); }

    /** The chart with these paths after the plot's own (live plots pass their growing traces). */
    XYChart chart(List<Trace> extra) {
        XYChart chart = new XYChartBuilder().width(width).height(height).build();
        XYStyler s = chart.getStyler();
        Style.apply(s);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        double[] b = levelSets.bounds();
        s.setXAxisMin(b[0]).setXAxisMax(b[1]).setYAxisMin(b[2]).setYAxisMax(b[3]);
        s.setPlotGridLinesVisible(false);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);

        if (showLevels) addLevelLines(chart);

        List<Trace> all = new ArrayList<>(paths.size() + extra.size());
        all.addAll(paths);
        if (extra != paths) all.addAll(extra);
        Map<Color, Integer> seen = new HashMap<>();
        Map<String, Integer> names = new HashMap<>();
        List<double[]> ends = new ArrayList<>();           // {x0, y0, x1, y1} per drawn path
        List<Color> colours = new ArrayList<>();
        for (Trace t : all) {
            Color c = colouring.pick(t.label(), seen);
            int[] finite = finiteRange(t);
            String label = unique(names, t.label() + (finite[1] < t.xs().length - 1 ? " (diverged)" : ""));
            double[] xs = t.xs().length == 0 ? new double[]{Double.NaN} : t.xs();
            double[] ys = t.ys().length == 0 ? new double[]{Double.NaN} : t.ys();
            boolean dots = xs.length <= DOTS_UP_TO;
            double[][] drawn = dots ? new double[][]{xs, ys} : Simplify.lines(xs, ys, b[1] - b[0], b[3] - b[2], SIMPLIFY);
            XYSeries p = chart.addSeries(label, drawn[0], drawn[1]);
            p.setLineColor(c);
            p.setLineStyle(Style.line(2f));
            p.setMarkerColor(c);
            p.setMarker(dots ? Markers.dot(2.6) : Markers.dot(0));
            if (finite[0] >= 0) {
                ends.add(new double[]{xs[finite[0]], ys[finite[0]], xs[finite[1]], ys[finite[1]]});
                colours.add(c);
            }
        }
        for (int i = 0; i < ends.size(); i++) {
            double[] e = ends.get(i);
            marker(chart, "start of " + i, e[0], e[1], Markers.ring(5.5), colours.get(i), false);
            marker(chart, "end of " + i, e[2], e[3], Markers.square(5), colours.get(i), false);
        }
        if (!ends.isEmpty()) {
            // Legend-only entries, placed outside the clipped plot area.
            double ox = b[1] + 10 * (b[1] - b[0]), oy = b[3] + 10 * (b[3] - b[2]);
            marker(chart, "start", ox, oy, Markers.ring(5.5), Style.INK, true);
            marker(chart, "end", ox, oy, Markers.square(5), Style.INK, true);
        }
        if (showMinimizer && minimizer != null && minimizer.length == 2) {
            marker(chart, "minimum", minimizer[0], minimizer[1], Markers.plus(7), Color.BLACK, true);
        }
        Style.keepTitleInside(chart);
        return chart;
    }

    private void addLevelLines(XYChart chart) {
        if (lines == null) lines = levelSets.lines();
        // One series per level, pieces separated by a NaN (XChart breaks a line at NaN).
        Map<Double, List<Polyline>> byLevel = new LinkedHashMap<>();
        for (Polyline p : lines) byLevel.computeIfAbsent(p.level(), l -> new ArrayList<>()).add(p);
        int n = byLevel.size(), k = 0;
        double[] b = levelSets.bounds();
        for (Map.Entry<Double, List<Polyline>> e : byLevel.entrySet()) {
            List<double[][]> pieces = new ArrayList<>();
            int len = 0;
            for (Polyline p : e.getValue()) {
                double[][] q = Simplify.lines(p.xs(), p.ys(), b[1] - b[0], b[3] - b[2], SIMPLIFY);
                pieces.add(q);
                len += q[0].length + 1;
            }
            double[] x = new double[len], y = new double[len];
            int at = 0;
            for (double[][] q : pieces) {
                for (int i = 0; i < q[0].length; i++) {
                    x[at] = q[0][i];
                    y[at++] = q[1][i];
                }
                x[at] = q[0][q[0].length - 1];
                y[at++] = Double.NaN;
            }
            XYSeries s = chart.addSeries("level " + k + " = " + e.getKey(), x, y);
            s.setLineColor(Palette.level(k, n));
            s.setLineStyle(Style.line(1f));
            s.setMarker(Markers.dot(0));
            s.setShowInLegend(false);
            k++;
        }
    }

    private static void marker(XYChart chart, String name, double x, double y,
                               org.knowm.xchart.style.markers.Marker m, Color c, boolean inLegend) {
        XYSeries s = chart.addSeries(name, new double[]{x}, new double[]{y});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(m);
        s.setMarkerColor(c);
        s.setShowInLegend(inLegend);
    }

    /** {first, last} index of the leading run of finite points, {-1, -1} if the first is not finite. */
    private static int[] finiteRange(Trace t) {
        double[] xs = t.xs(), ys = t.ys();
        int last = -1;
        while (last + 1 < xs.length && Double.isFinite(xs[last + 1]) && Double.isFinite(ys[last + 1])) last++;
        return last < 0 ? new int[]{-1, -1} : new int[]{0, last};
    }

    private static String unique(Map<String, Integer> names, String label) {
        int k = names.merge(label, 1, Integer::sum);
        return k == 1 ? label : label + " (" + k + ")";
    }

    static Trace trace(String label, double[] xs, double[] ys) {
        if (label == null || label.isBlank()) throw new IllegalArgumentException("label: '" + label + "' given, a non-empty name is needed");
        if (xs == null || ys == null) throw new IllegalArgumentException("xs, ys: null given, two coordinate arrays are needed");
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("ys: length " + ys.length + " given, must equal xs length " + xs.length);
        }
        return new Trace(label, xs.clone(), ys.clone());
    }

    static void checkSize(int width, int height) {
        if (width < 100 || width > 4000) throw new IllegalArgumentException("width: " + width + " given, allowed 100..4000 pixels");
        if (height < 100 || height > 4000) throw new IllegalArgumentException("height: " + height + " given, allowed 100..4000 pixels");
    }
}
