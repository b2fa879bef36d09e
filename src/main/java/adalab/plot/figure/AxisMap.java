package adalab.plot.figure;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.ChartPart;

import java.awt.geom.Rectangle2D;
import java.lang.reflect.Field;

/**
 * Where XChart put a painted chart's data: pixel = a + b·u per axis, u the value (or its log10 on a
 * log axis), and the plot area in pixels. Read from the chart after painting, so the moving layer
 * drawn in the page lands exactly where XChart would have drawn the same point.
 */
record AxisMap(double ax, double bx, boolean logX, double ay, double by, boolean logY,
               double left, double top, double width, double height) {

    /** The mapping of a chart that has been painted (e.g. by {@code Plots.toPng}). */
    static AxisMap of(XYChart chart) {
        boolean lx = chart.getStyler().isXAxisLogarithmic(), ly = chart.getStyler().isYAxisLogarithmic();
        // XChart's screen value is linear in u between the axis ends: two points fix it.
        double x0 = chart.getScreenXFromChart(lx ? 1 : 0), x1 = chart.getScreenXFromChart(lx ? 10 : 1);
        double y0 = chart.getScreenYFromChart(ly ? 1 : 0), y1 = chart.getScreenYFromChart(ly ? 10 : 1);
        if (!(Double.isFinite(x0) && Double.isFinite(x1) && Double.isFinite(y0) && Double.isFinite(y1))) {
            throw new IllegalStateException("chart: its axes have no mapping yet (paint it first)");
        }
        Rectangle2D area = plotArea(chart);
        return new AxisMap(x0, x1 - x0, lx, y0, y1 - y0, ly, area.getX(), area.getY(), area.getWidth(), area.getHeight());
    }

    /** The pixel column of data value x. */
    double px(double x) { return ax + bx * (logX ? Math.log10(x) : x); }

    /** The pixel row of data value y. */
    double py(double y) { return ay + by * (logY ? Math.log10(y) : y); }

    /** The axis value u the page works in: the value itself, or its log10 on a log axis (NaN when not drawable). */
    static double u(double v, boolean log) {
        if (!log) return v;
        return v > 0 ? Math.log10(v) : Double.NaN;
    }

    /**
     * The plot area. XChart does not expose it publicly; it is its Plot_ part's bounds (a protected
     * field of Chart). Without it the whole chart is used, which only loosens the clipping.
     */
    private static Rectangle2D plotArea(XYChart chart) {
        try {
            Field f = org.knowm.xchart.internal.chartpart.Chart.class.getDeclaredField("plot");
            f.setAccessible(true);
            Rectangle2D r = ((ChartPart) f.get(chart)).getBounds();
            if (r != null && r.getWidth() > 0 && r.getHeight() > 0) return r;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // fall through: the whole chart
        }
        return new Rectangle2D.Double(0, 0, chart.getWidth(), chart.getHeight());
    }
}
