package adalab.plot;

import adalab.run.Trajectory;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Quantities against step, several runs in one chart:
 *
 * <pre>{@code
 * Plots.loss().add("adam", steps, adamLoss).add("sgd", steps, sgdLoss).chart()
 * Plots.state("v").add("adam", 0, steps, v0).add("adam", 1, steps, v1)
 * }</pre>
 *
 * A run's colour is its optimizer's ({@link Palette}); a second parameter or a second run of
 * the same optimizer gets a darker or lighter shade. On a log axis, values that are not positive
 * cannot be drawn: they leave a gap and the legend says how many were left out.
 */
public final class CurvePlot implements Plot {

    enum Kind { LOSS, RATE, STATE, ANY }

    record Curve(String label, int param, double[] x, double[] y) { }

    private final Kind kind;
    private final String stateName;
    private final List<Curve> curves = new ArrayList<>();
    private Boolean logY;                 // null: decide from the data
    private boolean logX;
    private String title = "", xTitle = "step", yTitle;
    private int width = Style.WIDTH, height = Style.HEIGHT;
    private final Colours colouring = new Colours();

    CurvePlot(Kind kind, String stateName) {
        this.kind = kind;
        this.stateName = stateName;
        this.yTitle = switch (kind) {
            case LOSS -> "loss";
            case RATE -> "effective learning rate";
            case STATE -> stateName;
            case ANY -> "";
        };
    }

    /** A run's curve: values[k] at steps[k]. */
    public CurvePlot add(String label, double[] steps, double[] values) {
        curves.add(curve(label, -1, steps, values));
        return this;
    }

    /** A run's curve at steps 1, 2, ..., n. */
    public CurvePlot add(String label, double[] values) {
        if (values == null) throw new IllegalArgumentException("values: null given, an array is needed");
        double[] steps = new double[values.length];
        for (int k = 0; k < steps.length; k++) steps[k] = k + 1;
        return add(label, steps, values);
    }

    /** Parameter {@code param}'s curve of a run (rates, state). */
    public CurvePlot add(String label, int param, double[] steps, double[] values) {
        if (param < 0) throw new IllegalArgumentException("param: " + param + " given, allowed >= 0");
        curves.add(curve(label, param, steps, values));
        return this;
    }

    /** At most this many parameters of one run are drawn unless chosen explicitly. */
    public static final int MAX_PARAMS = 6;

    /**
     * A recorded run: its loss (loss plots), or the rate / state of its first parameters (at most
     * {@link #MAX_PARAMS}; pick others with {@link #run(Trajectory, int...)}).
     */
    public CurvePlot run(Trajectory t) {
        if (t == null) throw new IllegalArgumentException("trajectory: null given");
        if (kind == Kind.LOSS || kind == Kind.ANY) {
            if (kind == Kind.ANY) throw new IllegalArgumentException("run: Plots.curves() has no quantity to take from a trajectory; use add(...)");
            return add(t.label(), t.stepsAsDouble(), t.losses());
        }
        int n = Math.min(t.dimension(), MAX_PARAMS);
        int[] which = new int[n];
        for (int i = 0; i < n; i++) which[i] = i;
        return run(t, which);
    }

    /** A recorded run's rate or state for the chosen parameters. */
    public CurvePlot run(Trajectory t, int... params) {
        if (t == null) throw new IllegalArgumentException("trajectory: null given");
        if (kind == Kind.LOSS) return add(t.label(), t.stepsAsDouble(), t.losses());
        if (kind == Kind.ANY) throw new IllegalArgumentException("run: Plots.curves() has no quantity to take from a trajectory; use add(...)");
        double[] steps = t.stepsAsDouble();
        for (int i : params) {
            if (i < 0 || i >= t.dimension()) {
                throw new IllegalArgumentException("params: " + i + " given, allowed 0.." + (t.dimension() - 1));
            }
            double[] v = kind == Kind.RATE ? t.rate(i) : t.state(stateName, i);
            if (v == null) {
                throw new IllegalArgumentException(kind == Kind.RATE
                        ? "trajectory '" + t.label() + "': no effective rates recorded (record them, or the optimizer has none)"
                        : "trajectory '" + t.label() + "': no state '" + stateName + "' recorded; recorded: " + t.stateNames());
            }
            add(t.label(), i, steps, v);
        }
        return this;
    }

    /** Forces a log (true) or linear (false) y axis; by default loss and rates are log. */
    public CurvePlot logY(boolean log) { this.logY = log; return this; }

    public CurvePlot logX(boolean log) { this.logX = log; return this; }

    public CurvePlot title(String title) { this.title = title == null ? "" : title; return this; }

    public CurvePlot xTitle(String t) { this.xTitle = t; return this; }

    public CurvePlot yTitle(String t) { this.yTitle = t; return this; }

    /**
     * Colours curves by their order of appearance (a categorical palette) instead of by optimizer
     * name: for comparing runs of a single optimizer. Labels given a {@link #colour} keep theirs.
     */
    public CurvePlot distinctColours() { colouring.distinct(); return this; }

    /** Draws every curve labelled {@code label} in colour c (overrides the palette). */
    public CurvePlot colour(String label, Color c) { colouring.put(label, c); return this; }

    public CurvePlot size(int width, int height) {
        PathPlot.checkSize(width, height);
        this.width = width;
        this.height = height;
        return this;
    }

    /** A live version of this plot: curves grow as a running loop reports its steps (loss by default). */
    public LivePlot live() { return LivePlot.curves(this); }

    /** Whether the chart's y axis will be logarithmic for the curves added so far. */
    public boolean isLogY() { return decideLog(curves); }

    @Override
    public XYChart chart() { return chart(List.of()); }

    XYChart chart(List<Curve> extra) {
        List<Curve> all = new ArrayList<>(curves);
        all.addAll(extra);
        boolean log = decideLog(all);
        XYChart chart = new XYChartBuilder().width(width).height(height).build();
        XYStyler s = chart.getStyler();
        Style.apply(s);
        s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        // Outside: a legend inside would cover rising curves (Adam's rates, a diverging loss).
        s.setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        s.setXAxisLogarithmic(logX);
        // Decades only: the 2..9 grid lines of every decade crowd a printed page.
        s.setYAxisLogarithmicDecadeOnly(true);
        s.setXAxisLogarithmicDecadeOnly(true);
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle == null ? "" : yTitle);

        Map<Color, Integer> shades = new HashMap<>();
        Map<String, Integer> names = new HashMap<>();
        boolean anyDrawn = false;
        for (Curve c : all) {
            double[] x = c.x().clone(), y = c.y().clone();
            int hidden = 0;
            int lead = 0;                        // a run's first rows may have no value yet (rates, state at step 0)
            while (lead < y.length && Double.isNaN(y[lead])) lead++;
            for (int k = 0; k < y.length; k++) {
                boolean drawable = Double.isFinite(y[k]) && Double.isFinite(x[k])
                        && (!log || y[k] > 0) && (!logX || x[k] > 0);
                if (!drawable) {
                    y[k] = Double.NaN;           // a gap in the line
                    if (!Double.isFinite(x[k])) x[k] = k == 0 ? 0 : x[k - 1];
                    if (logX && !(x[k] > 0)) x[k] = 1;
                    if (k >= lead) hidden++;
                } else {
                    anyDrawn = true;
                }
            }
            if (y.length == 0) {
                x = new double[]{1};
                y = new double[]{Double.NaN};
            }
            String name = c.param() < 0 ? c.label() : c.label() + " x" + subscript(c.param() + 1);
            if (hidden > 0) name += " (" + hidden + (log ? " not > 0 or not finite" : " not finite") + ", not shown)";
            int k = names.merge(name, 1, Integer::sum);
            if (k > 1) name += " (" + k + ")";
            Color col = colouring.pick(c.label(), shades);
            boolean dots = x.length <= 40;
            if (x.length > 400) {
                // Thin long curves in the axes' own scales (log where the axis is log).
                double[] sx = scaled(x, logX), sy = scaled(y, log);
                boolean[] keep = Simplify.keep(sx, sy, span(sx), span(sy), 7e-4);
                x = Simplify.select(x, keep);
                y = Simplify.select(y, keep);
            }
            XYSeries sr = chart.addSeries(name, x, y);
            sr.setLineColor(col);
            sr.setMarkerColor(col);
            sr.setLineStyle(Style.line(2f));
            sr.setMarker(dots ? Markers.dot(2.6) : Markers.dot(0));
        }
        if (anyDrawn) breakEqualSpacing(chart, all, log);
        // A log axis needs at least one positive value to set its range.
        s.setYAxisLogarithmic(log && anyDrawn);
        // A tick formatter would replace XChart's log tick calculator with the linear one.
        if (log && anyDrawn) s.setyAxisTickLabelsFormattingFunction(null);
        if (logX) s.setxAxisTickLabelsFormattingFunction(null);
        Style.keepTitleInside(chart);
        return chart;
    }

    /**
     * XChart puts x ticks on the data's own x values when they are equally spaced (steps 1..n),
     * which gives ticks like 216, 431, 646. An invisible point half a step off the grid makes it
     * choose round ticks instead.
     */
    private void breakEqualSpacing(XYChart chart, List<Curve> all, boolean log) {
        for (Curve c : all) {
            double[] x = c.x(), y = c.y();
            for (int k = 0; k + 1 < x.length; k++) {
                if (Double.isFinite(x[k]) && Double.isFinite(x[k + 1]) && x[k + 1] != x[k]
                        && Double.isFinite(y[k]) && (!log || y[k] > 0) && (!logX || x[k] > 0)) {
                    XYSeries h = chart.addSeries(" spacing", new double[]{(x[k] + x[k + 1]) / 2}, new double[]{y[k]});
                    h.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    h.setMarker(Markers.dot(0));
                    h.setShowInLegend(false);
                    return;
                }
            }
        }
    }

    private static double[] scaled(double[] v, boolean log) {
        double[] s = new double[v.length];
        for (int i = 0; i < v.length; i++) s[i] = log ? Math.log10(v[i]) : v[i];
        return s;
    }

    private static double span(double[] v) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            if (Double.isFinite(d)) {
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
        }
        return hi > lo ? hi - lo : 1;
    }

    private boolean decideLog(List<Curve> all) {
        if (logY != null) return logY;
        boolean negative = false, positive = false;
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (Curve c : all) {
            for (double v : c.y()) {
                if (!Double.isFinite(v)) continue;
                if (v < 0) negative = true;
                if (v > 0) {
                    positive = true;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (negative || !positive) return false;
        // Loss and rates span decades; other quantities go log only when they do.
        return kind == Kind.LOSS || kind == Kind.RATE || max / min > 100;
    }

    static Curve curve(String label, int param, double[] steps, double[] values) {
        if (label == null || label.isBlank()) throw new IllegalArgumentException("label: '" + label + "' given, a non-empty name is needed");
        if (steps == null || values == null) throw new IllegalArgumentException("steps, values: null given, two arrays are needed");
        if (steps.length != values.length) {
            throw new IllegalArgumentException("values: length " + values.length + " given, must equal steps length " + steps.length);
        }
        return new Curve(label, param, steps.clone(), values.clone());
    }

    Kind kind() { return kind; }

    String stateName() { return stateName; }

    static String subscript(int n) {
        StringBuilder b = new StringBuilder();
        for (char ch : Integer.toString(n).toCharArray()) b.append((char) ('\u2080' + (ch - '0')));
        return b.toString();
    }
}
