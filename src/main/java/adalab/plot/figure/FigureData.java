package adalab.plot.figure;

import adalab.plot.Palette;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A figure checked and drawn: its panels' layers and the JSON the page reads. Every run must have
 * the same number of rows and finite values (a curve may start with NaN: a state has no value before
 * step 1); the error names the run, the quantity and the row.
 */
final class FigureData {

    /** Row r of every run is the frame at steps[r]; cells.get(c).get(p).get(s) is series s of panel p in frame c. */
    final long[] steps;
    final List<Panel.Layers> layers = new ArrayList<>();
    final List<List<List<Quantized[]>>> cells = new ArrayList<>();
    private final Figure figure;
    private final String json;
    private String html;
    private byte[] fallback;

    private FigureData(Figure f) {
        this.figure = f;
        if (f.panels.isEmpty()) throw new IllegalArgumentException("panels: none, add one with paths(...), curves(...) or loss(...)");
        long[] rowSteps = null;
        for (Panel p : f.panels) {
            List<List<Track>> all = f.tracks(p);
            if (all.isEmpty() || all.get(0).isEmpty()) throw new IllegalArgumentException("family: empty, a figure needs at least one run");
            Track first = all.get(0).get(0);
            if (rowSteps == null) rowSteps = first.steps();
            if (rowSteps.length == 0) throw new IllegalArgumentException("run '" + first.label() + "': no rows recorded");
            // Every frame's data, checked: [cell][run] -> {xs, ys}.
            List<List<double[][]>> data = new ArrayList<>();
            double[] span = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
            for (List<Track> cell : all) {
                List<double[][]> runs = new ArrayList<>();
                for (Track t : cell) {
                    if (t.ys().length != rowSteps.length) {
                        throw new IllegalArgumentException("runs: '" + t.label() + "' has " + t.ys().length + " rows, '" + first.label() + "' has "
                                + rowSteps.length + ": a figure needs runs of equal length (the same steps and recording)");
                    }
                    check(t.label(), p.xIsStep() ? "step" : "x\u2081", t.xs(), false);
                    check(t.label(), p.yName(), t.ys(), p.leadingNaNAllowed());
                    widen(span, t.xs(), t.ys());
                    runs.add(new double[][]{t.xs(), t.ys()});
                }
                data.add(runs);
            }
            Panel.Layers l = p.layers(data.get(f.defaultCell()), f.legendLabels(all.get(f.defaultCell())), span);
            layers.add(l);
            AxisMap m = l.map();
            double qx = Quantized.resolution(m.bx()), qy = Quantized.resolution(m.by());
            for (int c = 0; c < data.size(); c++) {
                if (cells.size() <= c) cells.add(new ArrayList<>());
                List<Quantized[]> series = new ArrayList<>();
                for (double[][] xy : data.get(c)) {
                    Quantized x = p.xIsStep() ? null : Quantized.of(us(xy[0], m.logX()), qx);
                    series.add(new Quantized[]{x, Quantized.of(us(xy[1], m.logY()), qy)});
                }
                cells.get(c).add(series);
            }
        }
        steps = rowSteps;
        json = json();
    }

    static FigureData of(Figure f) { return new FigureData(f); }

    String json() { return json == null ? buildJson() : json; }

    String html() {
        if (html == null) html = Page.html(json, layers, figure.playable(), figure.axes());
        return html;
    }

    /** The panels' default frames side by side. */
    byte[] fallbackPng() {
        if (fallback == null) {
            List<byte[]> pngs = new ArrayList<>();
            for (Panel.Layers l : layers) pngs.add(l.fallbackPng());
            fallback = Page.sideBySide(pngs);
        }
        return fallback;
    }

    private String buildJson() {
        StringBuilder b = new StringBuilder("{\"rows\":").append(steps.length);
        b.append(",\"steps\":[");
        long prev = 0;
        for (int r = 0; r < steps.length; r++) {
            if (r > 0) b.append(',');
            b.append(steps[r] - prev);
            prev = steps[r];
        }
        b.append("],\"seconds\":").append(Json.number(figure.seconds(steps.length)));
        b.append(",\"play\":").append(figure.playable()).append(",\"unit\":").append(Json.string(figure.rowName()));
        b.append(",\"sliders\":[");
        List<Family.Axis> axes = figure.axes();
        for (int k = 0; k < axes.size(); k++) {
            Family.Axis a = axes.get(k);
            if (k > 0) b.append(',');
            b.append("{\"name\":").append(Json.string(a.shown())).append(",\"labels\":[");
            for (int i = 0; i < a.values().length; i++) b.append(i > 0 ? "," : "").append(Json.string(a.label(i)));
            b.append("]}");
        }
        int d = figure.defaultCell(), n2 = axes.size() > 1 ? axes.get(1).values().length : 1;
        b.append("],\"start\":[").append(d / n2).append(',').append(d % n2).append("]");
        b.append(",\"panels\":[");
        for (int p = 0; p < layers.size(); p++) {
            Panel.Layers l = layers.get(p);
            AxisMap m = l.map();
            if (p > 0) b.append(',');
            b.append("{\"map\":[").append(Json.number(m.ax())).append(',').append(Json.number(m.bx())).append(',')
                    .append(Json.number(m.ay())).append(',').append(Json.number(m.by())).append("],\"area\":[")
                    .append(Json.number(m.left())).append(',').append(Json.number(m.top())).append(',')
                    .append(Json.number(m.width())).append(',').append(Json.number(m.height())).append("],\"colours\":[");
            for (int s = 0; s < l.colours().size(); s++) b.append(s > 0 ? "," : "").append(Json.string(Palette.hex(l.colours().get(s))));
            b.append("],\"stepX\":").append(figure.panels.get(p).xIsStep()).append('}');
        }
        b.append("],\"cells\":[");
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) b.append(',');
            b.append('[');
            for (int p = 0; p < cells.get(c).size(); p++) {
                if (p > 0) b.append(',');
                b.append('[');
                List<Quantized[]> series = cells.get(c).get(p);
                for (int s = 0; s < series.size(); s++) {
                    if (s > 0) b.append(',');
                    b.append("{\"x\":");
                    if (series.get(s)[0] == null) b.append("null");
                    else series.get(s)[0].json(b);
                    b.append(",\"y\":");
                    series.get(s)[1].json(b);
                    b.append('}');
                }
                b.append(']');
            }
            b.append(']');
        }
        return b.append("]}").toString();
    }

    private static void check(String label, String what, double[] v, boolean leadingNaN) {
        int k = 0;
        if (leadingNaN) while (k < v.length && Double.isNaN(v[k])) k++;
        for (; k < v.length; k++) {
            if (!Double.isFinite(v[k])) {
                throw new IllegalArgumentException("run '" + label + "': " + what + " is " + v[k] + " at row " + k
                        + ": a figure needs finite values (shorten the run, or record fewer steps)");
            }
        }
    }

    private static void widen(double[] span, double[] xs, double[] ys) {
        for (int i = 0; i < xs.length; i++) {
            double x = xs[i], y = ys[i];
            if (!Double.isFinite(x) || !Double.isFinite(y)) continue;
            span[0] = Math.min(span[0], x);
            span[1] = Math.max(span[1], x);
            span[2] = Math.min(span[2], y);
            span[3] = Math.max(span[3], y);
            if (x > 0) span[4] = Math.min(span[4], x);
            if (y > 0) span[5] = Math.min(span[5], y);
        }
    }

    private static double[] us(double[] v, boolean log) {
        double[] u = new double[v.length];
        for (int i = 0; i < v.length; i++) u[i] = AxisMap.u(v[i], log);
        return u;
    }

    static String dataUrl(byte[] png) { return "data:image/png;base64," + Base64.getEncoder().encodeToString(png); }
}
