package adalab.plot.figure;

import adalab.plot.ChartGeometry;
import org.knowm.xchart.XYChart;

/**
 * Where XChart put a painted chart's data: pixel = a + b·u per axis, u the value (or its log10 on a
 * log axis), and the plot area in pixels ({@link ChartGeometry}). Read after painting, so the moving layer
 * drawn in the page lands exactly where XChart would have drawn the same point.
 */
record AxisMap(double ax, double bx, boolean logX, double ay, double by, boolean logY,
               double left, double top, double width, double height) {

    /** The mapping of a chart that has been painted (e.g. by {@code Plots.toPng}). */
    static AxisMap of(XYChart chart) {
        ChartGeometry g = ChartGeometry.of(chart);
        return new AxisMap(g.xOrigin(), g.xScale(), g.logX(), g.yOrigin(), g.yScale(), g.logY(), g.left(), g.top(), g.width(), g.height());
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

}
