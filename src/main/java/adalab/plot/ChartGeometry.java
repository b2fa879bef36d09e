package adalab.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.chartpart.ChartPart;

import java.awt.geom.Rectangle2D;
import java.lang.reflect.Field;

/**
 * Where a painted chart put its data: pixel = origin + scale·u on each axis (u the value, or its log10
 * on a log axis), and the plot area in pixels. The mapping is XChart's own (getScreenXFromChart /
 * getScreenYFromChart, linear in u between the axis ends, so two points fix it); the plot area has
 * no public accessor and is read from the chart's plot part.
 */
public record ChartGeometry(double xOrigin, double xScale, boolean logX, double yOrigin, double yScale, boolean logY,
                            double left, double top, double width, double height) {

    /** The geometry of a chart that has been painted (e.g. by {@link Plots#toPng}). */
    public static ChartGeometry of(XYChart chart) {
        boolean lx = chart.getStyler().isXAxisLogarithmic(), ly = chart.getStyler().isYAxisLogarithmic();
        double x0 = chart.getScreenXFromChart(lx ? 1 : 0), x1 = chart.getScreenXFromChart(lx ? 10 : 1);
        double y0 = chart.getScreenYFromChart(ly ? 1 : 0), y1 = chart.getScreenYFromChart(ly ? 10 : 1);
        if (!(Double.isFinite(x0) && Double.isFinite(x1) && Double.isFinite(y0) && Double.isFinite(y1)) || x1 == x0 || y1 == y0) {
            throw new IllegalStateException("chart: its axes have no mapping yet (paint it first)");
        }
        Rectangle2D area = plotArea(chart);
        return new ChartGeometry(x0, x1 - x0, lx, y0, y1 - y0, ly, area.getX(), area.getY(), area.getWidth(), area.getHeight());
    }

    /** The pixel column of data value x. */
    public double px(double x) { return xOrigin + xScale * (logX ? Math.log10(x) : x); }

    /** The pixel row of data value y. */
    public double py(double y) { return yOrigin + yScale * (logY ? Math.log10(y) : y); }

    /** The plot area: the bounds of XChart's plot part (a protected field of Chart); the whole chart if unreadable. */
    private static Rectangle2D plotArea(XYChart chart) {
        try {
            Field f = Chart.class.getDeclaredField("plot");
            f.setAccessible(true);
            Rectangle2D r = ((ChartPart) f.get(chart)).getBounds();
            if (r != null && r.getWidth() > 0 && r.getHeight() > 0) return r;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // fall through: clipping to the whole chart only loosens it
        }
        return new Rectangle2D.Double(0, 0, chart.getWidth(), chart.getHeight());
    }
}
