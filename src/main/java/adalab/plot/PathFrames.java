package adalab.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The frames of a live path plot. The level sets, axes, title and legend are painted once by XChart
 * (again only when the legend changes: a new run, a run that diverged); each frame copies that
 * picture and draws the growing paths over it with the same strokes and markers as {@link PathPlot},
 * at the pixels XChart's axes give. Drawing the level sets was most of a frame's time.
 */
final class PathFrames {
    private final PathPlot base;
    private String legend;                 // the legend the static layer was painted with
    private BufferedImage still;
    private double ax, bx, ay, by;         // pixel = a + b·value
    private Rectangle2D area;
    private final List<Color> colours = new ArrayList<>();
    private int paints;

    PathFrames(PathPlot base) { this.base = base; }

    /** A frame of these traces (the static layer repainted first if their legend changed). */
    LiveFrame frame(List<PathPlot.Trace> traces) {
        String key = legendKey(traces);
        if (!key.equals(legend)) paintStill(traces, key);
        return new LiveFrame(this, traces, still.getWidth(), still.getHeight());
    }

    /** The last frame: the same picture, and the paths for a replay (when a path has a point to replay). */
    LiveFrame last(List<PathPlot.Trace> traces) {
        LiveFrame f = frame(traces);
        boolean any = false;
        for (PathPlot.Trace t : traces) any |= finiteRun(t)[0] >= 0;
        return any ? new LastFrame(this, base, traces, f.getWidth(), f.getHeight()) : f;
    }

    /** How many times the static layer was painted. */
    int stillPaints() { return paints; }

    private static String legendKey(List<PathPlot.Trace> traces) {
        StringBuilder b = new StringBuilder();
        for (PathPlot.Trace t : traces) {
            int[] r = finiteRun(t);
            b.append(t.label()).append(r[0] < 0 ? "#" : r[1] < t.xs().length - 1 ? "!" : "").append('\u0000');
        }
        return b.toString();
    }

    private void paintStill(List<PathPlot.Trace> traces, String key) {
        XYChart chart = base.chart(traces);
        // The traces are the last line series in the legend; keep their legend entries (line and
        // marker), blank their data.
        List<XYSeries> lines = new ArrayList<>();
        int pairs = 0;
        for (XYSeries s : chart.getSeriesMap().values()) {
            XYSeries.XYSeriesRenderStyle style = s.getXYSeriesRenderStyle();
            if ((style == null || style == XYSeries.XYSeriesRenderStyle.Line) && s.isShowInLegend()) lines.add(s);
            if (s.getName().startsWith("start of ")) pairs++;
        }
        colours.clear();
        for (XYSeries s : lines.subList(lines.size() - traces.size(), lines.size())) {
            colours.add(s.getLineColor());
            chart.updateXYSeries(s.getName(), new double[]{Double.NaN}, new double[]{Double.NaN}, null);
        }
        int drawn = 0;                        // traces whose first point is finite have start/end markers
        for (PathPlot.Trace t : traces) if (finiteRun(t)[0] >= 0) drawn++;
        for (int i = pairs - drawn; i < pairs; i++) {
            chart.removeSeries("start of " + i);
            chart.removeSeries("end of " + i);
        }
        BufferedImage im = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = im.createGraphics();
        try {
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
        ChartGeometry geo = ChartGeometry.of(chart);     // after painting: the axes have their mapping
        ax = geo.xOrigin();
        bx = geo.xScale();
        ay = geo.yOrigin();
        by = geo.yScale();
        area = new Rectangle2D.Double(geo.left(), geo.top(), geo.width(), geo.height());
        still = im;
        legend = key;
        paints++;
    }

    double px(double x) { return ax + bx * x; }

    double py(double y) { return ay + by * y; }

    /**
     * Paints a frame: the static layer, each trace's finite leading run (with a dot per iterate when
     * there are few), then every start ring and end square: XChart's order, so crossings look the same.
     */
    void draw(Graphics2D g, List<PathPlot.Trace> traces) {
        g.drawImage(still, 0, 0, null);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        // Java2D's default stroke normalisation, as XChart paints: shapes land on the same pixels.
        java.awt.Shape clip = g.getClip();
        g.clip(area);
        double[] b = base.levelSets().bounds();
        int n = Math.min(traces.size(), colours.size());
        int[] last = new int[n];
        for (int i = 0; i < n; i++) {
            PathPlot.Trace t = traces.get(i);
            last[i] = finiteRun(t)[1];
            if (last[i] < 0) continue;
            double[] xs = java.util.Arrays.copyOf(t.xs(), last[i] + 1), ys = java.util.Arrays.copyOf(t.ys(), last[i] + 1);
            boolean dots = t.xs().length <= PathPlot.DOTS_UP_TO;
            double[][] line = dots ? new double[][]{xs, ys} : Simplify.lines(xs, ys, b[1] - b[0], b[3] - b[2], PathPlot.SIMPLIFY);
            g.setColor(colours.get(i));
            g.setStroke(Style.line(2f));
            Path2D.Double p = new Path2D.Double();
            p.moveTo(px(line[0][0]), py(line[1][0]));
            for (int k = 1; k < line[0].length; k++) p.lineTo(px(line[0][k]), py(line[1][k]));
            g.draw(p);
            if (dots) for (int k = 0; k < xs.length; k++) Markers.dot(2.6).paint(g, px(xs[k]), py(ys[k]), 0);
        }
        for (int i = 0; i < n; i++) {
            if (last[i] < 0) continue;
            PathPlot.Trace t = traces.get(i);
            g.setColor(colours.get(i));
            Markers.ring(5.5).paint(g, px(t.xs()[0]), py(t.ys()[0]), 0);
            g.setColor(colours.get(i));
            Markers.square(5).paint(g, px(t.xs()[last[i]]), py(t.ys()[last[i]]), 0);
        }
        g.setClip(clip);
    }

    /** {first, last} of the leading run of finite points; {-1, -1} when the first is not finite. */
    private static int[] finiteRun(PathPlot.Trace t) {
        double[] xs = t.xs(), ys = t.ys();
        int last = -1;
        while (last + 1 < xs.length && Double.isFinite(xs[last + 1]) && Double.isFinite(ys[last + 1])) last++;
        return last < 0 ? new int[]{-1, -1} : new int[]{0, last};
    }
}
