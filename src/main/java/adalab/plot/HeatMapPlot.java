package adalab.plot;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * Values over a grid of two hyperparameters, e.g. a sweep's final loss over (lr, β):
 *
 * <pre>{@code
 * Plots.heatmap(lrs, betas, finalLoss).xTitle("lr").yTitle("β").logColor().chart()
 * }</pre>
 *
 * values[j][i] belongs to x = xs[i], y = ys[j]; y grows upwards. Cells that cannot be coloured
 * (not finite, e.g. a diverged run; or not positive on a log colour scale) are left white and the
 * title says so. The colour scale is viridis-like: it stays ordered when printed in grey.
 */
public final class HeatMapPlot implements Plot {

    /** Anchors of the viridis colour map, low to high. */
    static final Color[] VIRIDIS = {
            new Color(0x440154), new Color(0x3b528b), new Color(0x21918c), new Color(0x5ec962), new Color(0xfde725)};

    private final double[] xs, ys;
    private final double[][] values;
    private String title = "", xTitle = "", yTitle = "";
    private boolean logColor, showValues;
    private int width = Style.WIDTH, height = Style.HEIGHT;

    HeatMapPlot(double[] xs, double[] ys, double[][] values) {
        if (xs == null || ys == null || values == null) throw new IllegalArgumentException("xs, ys, values: null given, arrays are needed");
        if (xs.length == 0 || ys.length == 0) throw new IllegalArgumentException("xs, ys: lengths " + xs.length + ", " + ys.length + " given, at least 1 each");
        if (values.length != ys.length) throw new IllegalArgumentException("values: " + values.length + " rows given, must equal ys length " + ys.length);
        this.values = new double[ys.length][];
        for (int j = 0; j < ys.length; j++) {
            if (values[j] == null || values[j].length != xs.length) {
                throw new IllegalArgumentException("values[" + j + "]: length " + (values[j] == null ? "null" : values[j].length)
                        + " given, must equal xs length " + xs.length);
            }
            this.values[j] = values[j].clone();
        }
        this.xs = xs.clone();
        this.ys = ys.clone();
    }

    public HeatMapPlot title(String t) { title = t == null ? "" : t; return this; }

    public HeatMapPlot xTitle(String t) { xTitle = t; return this; }

    public HeatMapPlot yTitle(String t) { yTitle = t; return this; }

    /** Colours by log10 of the value (losses across decades); the colour bar shows the values. */
    public HeatMapPlot logColor() {
        if (showValues) throw new IllegalArgumentException("logColor: cannot be combined with showValues (XChart would print log10 of each value)");
        logColor = true;
        return this;
    }

    /** Prints each cell's value in it. */
    public HeatMapPlot showValues() {
        if (logColor) throw new IllegalArgumentException("showValues: cannot be combined with logColor (XChart would print log10 of each value)");
        showValues = true;
        return this;
    }

    public HeatMapPlot size(int width, int height) {
        PathPlot.checkSize(width, height);
        this.width = width;
        this.height = height;
        return this;
    }

    @Override
    public HeatMapChart chart() {
        // The builder, not the (width, height) constructor, gives the styler its theme (range colours etc.).
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).build();
        HeatMapStyler s = chart.getStyler();
        Style.apply(s);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setPlotGridLinesVisible(false);
        s.setRangeColors(VIRIDIS);
        // Piecewise: XChart's gradient legend prints raw min/max, the piecewise one uses the formatter.
        s.setPiecewise(true);
        s.setPiecewiseRanged(true);
        s.setSplitNumber(6);
        s.setShowValue(showValues);
        s.setValueFont(Style.TICKS);
        s.setValueFontColor(Color.WHITE);
        s.setPlotContentSize(1.0);
        if (logColor) s.setHeatMapDecimalValueFormatter(v -> Style.number(Math.pow(10, v), 3));
        else s.setHeatMapDecimalValueFormatter(v -> Style.number(v, 3));
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);

        List<String> xl = labels(xs), yl = labels(ys);
        List<Number[]> cells = new ArrayList<>();
        int blank = 0;
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < ys.length; j++) {
            for (int i = 0; i < xs.length; i++) {
                double v = values[j][i];
                if (!Double.isFinite(v) || (logColor && v <= 0)) {
                    blank++;
                    continue;
                }
                double c = logColor ? Math.log10(v) : v;
                min = Math.min(min, c);
                max = Math.max(max, c);
                cells.add(new Number[]{i, j, c});
            }
        }
        chart.addSeries("values", xl, yl, cells);
        if (min < max) {
            chart.getHeatMapSeries().setMin(min);
            chart.getHeatMapSeries().setMax(max);
        } else if (min == max) {                  // one colour: widen the scale so it is not degenerate
            chart.getHeatMapSeries().setMin(min - 1);
            chart.getHeatMapSeries().setMax(max + 1);
        }
        String note = blank == 0 ? "" : "white: " + (logColor ? "not > 0 or not finite" : "not finite");
        chart.setTitle(title.isEmpty() ? note : note.isEmpty() ? title : title + "  (" + note + ")");
        return chart;
    }

    /**
     * Short tick labels: the fewest significant digits (at least 3) for which every label is off by
     * less than a tenth of the gap to the nearest other value — 1.78e-4 rather than 1.778279e-4, but
     * 0.9999 is not rounded to 1 next to 0.999.
     */
    static List<String> labels(double[] values) {
        double[] slack = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double gap = Double.POSITIVE_INFINITY;
            for (int j = 0; j < values.length; j++) if (j != i && values[j] != values[i]) gap = Math.min(gap, Math.abs(values[j] - values[i]));
            slack[i] = 0.1 * gap;
        }
        for (int digits = 3; ; digits++) {
            List<String> out = new ArrayList<>();
            boolean faithful = true;
            for (int i = 0; i < values.length; i++) {
                String l = Style.number(values[i], digits);
                out.add(l);
                if (Double.isFinite(values[i]) && !(Math.abs(Double.parseDouble(l) - values[i]) <= slack[i])) faithful = false;
            }
            if (faithful || digits >= 17) return out;
        }
    }
}
