package adalab.plot.figure;

import adalab.objectives.DiagonalQuadratic;
import adalab.objectives.Rosenbrock;
import adalab.optim.Adam;
import adalab.optim.Momentum;
import adalab.optim.Sgd;
import adalab.plot.Plots;
import adalab.run.Recording;
import adalab.run.Run;
import adalab.run.Trajectory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The data a figure embeds is the runs' trajectories, to the stated resolution, as the page reads it. */
class FigureDataTest {

    private static Trajectory adam() {
        return Run.of(new Adam().set("lr", 0.05), new Rosenbrock()).from(-1.2, 1).steps(300).label("adam").go();
    }

    private static Trajectory sgd() {
        return Run.of(new Sgd().set("lr", 0.001), new Rosenbrock()).from(-1.2, 1).steps(300).label("sgd").go();
    }

    /** The "d" arrays of the page's JSON, in order, summed back to integers and scaled by their q. */
    private static List<double[]> decodeJson(String json) {
        List<double[]> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\{\"q\":([^,]+),\"d\":\\[([^\\]]*)\\]\\}").matcher(json);
        while (m.find()) {
            double q = Double.parseDouble(m.group(1));
            String[] parts = m.group(2).split(",");
            double[] v = new double[parts.length];
            long k = 0;
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].equals("null")) { v[i] = Double.NaN; continue; }
                k += Long.parseLong(parts[i]);
                v[i] = k * q;
            }
            out.add(v);
        }
        return out;
    }

    @Test
    void replayPathsEmbedTheRunsCoordinatesToATenthOfAPixel() {
        Trajectory a = adam(), s = sgd();
        Replay r = Replay.of(a, s).paths(Plots.paths(new Rosenbrock()));
        FigureData d = r.data();
        List<double[]> series = decodeJson(d.json());
        assertEquals(4, series.size(), "x and y of two runs");
        AxisMap m = d.layers.get(0).map();
        double tenthX = 0.1 / Math.abs(m.bx()), tenthY = 0.1 / Math.abs(m.by());
        Trajectory[] runs = {a, s};
        for (int k = 0; k < 2; k++) {
            double[] xs = runs[k].param(0), ys = runs[k].param(1);
            double[] ex = series.get(2 * k), ey = series.get(2 * k + 1);
            assertEquals(xs.length, ex.length);
            for (int i = 0; i < xs.length; i++) {
                // Half the resolution q, and q is at most a tenth of a pixel.
                assertTrue(Math.abs(ex[i] - xs[i]) <= tenthX / 2 + 1e-12, "x of run " + k + " row " + i + ": " + ex[i] + " vs " + xs[i]);
                assertTrue(Math.abs(ey[i] - ys[i]) <= tenthY / 2 + 1e-12, "y of run " + k + " row " + i + ": " + ey[i] + " vs " + ys[i]);
            }
        }
        // The steps the readout prints: 0, 1, ..., 300 as differences.
        long[] steps = a.steps();
        assertEquals(301, steps.length);
        assertTrue(d.json().startsWith("{\"rows\":301,\"steps\":[0,1,1,"), d.json().substring(0, 40));
    }

    @Test
    void curvesOnALogAxisEmbedLog10OfTheValues() {
        Trajectory a = adam();
        Replay r = Replay.of(a).loss(Plots.loss());
        FigureData d = r.data();
        assertTrue(d.layers.get(0).map().logY(), "loss plots are log");
        List<double[]> series = decodeJson(d.json());
        assertEquals(1, series.size(), "curves store only y: x is the shared step");
        double[] loss = a.losses(), u = series.get(0);
        double q = Quantized.resolution(d.layers.get(0).map().by());
        for (int i = 0; i < loss.length; i++) {
            assertEquals(Math.log10(loss[i]), u[i], q / 2 + 1e-12, "row " + i);
        }
    }

    @Test
    void aSliderEmbedsEveryMemberOfItsFamilyInGridOrder() {
        var ravine = new DiagonalQuadratic(0.2, 4);
        double[] gammas = {0, 0.5, 0.9};
        Family fam = Family.sweep(new Momentum().set("lr", 0.2), ravine).over("gamma", gammas).from(-5, -2).steps(40).run();
        Slider s = Slider.of(fam).paths(Plots.paths(ravine, -6, 2, -3, 3)).at(0.5);
        FigureData d = s.data();
        List<double[]> series = decodeJson(d.json());
        assertEquals(6, series.size());
        AxisMap m = d.layers.get(0).map();
        for (int i = 0; i < gammas.length; i++) {
            // An independent run at the same settings: the family's runs are plain runs.
            Trajectory t = Run.of(new Momentum().set("lr", 0.2).set("gamma", gammas[i]), ravine).from(-5, -2).steps(40).go();
            double[] xs = t.param(0), ys = t.param(1);
            for (int k = 0; k < xs.length; k++) {
                assertEquals(xs[k], series.get(2 * i)[k], 0.05 / Math.abs(m.bx()) + 1e-12);
                assertEquals(ys[k], series.get(2 * i + 1)[k], 0.05 / Math.abs(m.by()) + 1e-12);
            }
        }
        assertTrue(d.json().contains("\"start\":[1,0]"), "at(0.5) starts on the second value");
        assertTrue(d.json().contains("\"labels\":[\"0\",\"0.5\",\"0.9\"]"));
        assertTrue(s.html().contains("\u03b3"), "the slider prints gamma as the documents do");
    }

    @Test
    void thirtyRunsOfFiveHundredStepsStayUnder300KB() {
        var f = new Rosenbrock();
        double[] lrs = new double[30];
        for (int i = 0; i < 30; i++) lrs[i] = 0.002 * (i + 1);
        Family fam = Family.sweep(new Adam(), f).over("lr", lrs).from(-1.2, 1).steps(499).record(Recording.every(1)).run();
        Slider s = Slider.of(fam).paths(Plots.paths(f)).play();
        int bytes = s.sizeBytes();
        System.out.println("30 runs x 500 rows, Rosenbrock paths slider: " + bytes / 1024 + " KB of HTML");
        assertTrue(bytes < 300 * 1024, bytes / 1024 + " KB");
        Trajectory[] runs = fam.runs().toArray(new Trajectory[0]);
        Replay r = Replay.of(runs).paths(Plots.paths(f));
        System.out.println("30 runs x 500 rows, Rosenbrock replay: " + r.sizeBytes() / 1024 + " KB of HTML");
        assertTrue(r.sizeBytes() < 300 * 1024, r.sizeBytes() / 1024 + " KB");
    }

    @Test
    void aLivePlotLeavesItsPathsForAReplay() {
        var f = new Rosenbrock();
        Object[] last = new Object[1];
        adalab.plot.DisplaySink sink = new adalab.plot.DisplaySink() {
            @Override public String show(Object v) { last[0] = v; return "out"; }
            @Override public void update(String id, Object v) { last[0] = v; }
        };
        adalab.plot.LivePlot live = Plots.paths(f).live().sink(sink).clock(() -> 0L);
        Trajectory a = adam(), s = Run.of(new Sgd().set("lr", 0.001), f).from(-1.2, 1).steps(120).label("sgd").go();
        double[] ax = a.param(0), ay = a.param(1), sx = s.param(0), sy = s.param(1);
        for (int k = 0; k < ax.length; k++) {
            live.add("adam", ax[k], ay[k]);
            if (k < sx.length) live.add("sgd", sx[k], sy[k]);
        }
        live.close();
        adalab.plot.LastFrame frame = (adalab.plot.LastFrame) last[0];
        assertEquals(List.of("adam", "sgd"), frame.labels());
        Replay r = Replay.ofPaths(frame.base(), frame.labels(), List.of(frame.xs(0), frame.xs(1)), List.of(frame.ys(0), frame.ys(1)));
        FigureData d = r.data();
        List<double[]> series = decodeJson(d.json());
        AxisMap m = d.layers.get(0).map();
        double tx = 0.05 / Math.abs(m.bx()) + 1e-12, ty = 0.05 / Math.abs(m.by()) + 1e-12;
        assertEquals(ax.length, series.get(0).length, "301 points: one frame each");
        for (int k = 0; k < ax.length; k++) {
            assertEquals(ax[k], series.get(0)[k], tx);
            assertEquals(ay[k], series.get(1)[k], ty);
            // The shorter run stays at its last point once it has ended.
            int j = Math.min(k, sx.length - 1);
            assertEquals(sx[j], series.get(2)[k], tx);
            assertEquals(sy[j], series.get(3)[k], ty);
        }
    }

    @Test
    void aLongDrawnPathIsThinnedToMaxFramesWithItsEnds() {
        int n = 5000;
        double[] xs = new double[n], ys = new double[n];
        for (int k = 0; k < n; k++) { xs[k] = -1.5 + 3.0 * k / (n - 1); ys[k] = Math.sin(k / 300.0); }
        Replay r = Replay.ofPaths(Plots.paths(new Rosenbrock()), List.of("adam"), List.of(xs), List.of(ys));
        FigureData d = r.data();
        assertEquals(Replay.MAX_FRAMES, d.steps.length);
        assertEquals(0, d.steps[0]);
        assertEquals(n - 1, d.steps[d.steps.length - 1], "the last point is the last frame");
        List<double[]> series = decodeJson(d.json());
        assertEquals(1.5, series.get(0)[Replay.MAX_FRAMES - 1], 0.05 / Math.abs(d.layers.get(0).map().bx()) + 1e-12);
    }

    @Test
    void aTwoSliderGridHoldsRunIJAtTheIthAndJthValues() {
        var ravine = new DiagonalQuadratic(0.2, 4);
        double[] lrs = {0.05, 0.2, 0.3}, gammas = {0, 0.5, 0.8, 0.9};
        Family fam = Family.sweep(new Momentum(), ravine).over("lr", lrs).over("gamma", gammas).from(-5, -2).steps(30).run();
        Slider s = Slider.of(fam).paths(Plots.paths(ravine, -6, 2, -3, 3)).at(0.3, 0.8);
        FigureData d = s.data();
        List<double[]> series = decodeJson(d.json());
        assertEquals(2 * lrs.length * gammas.length, series.size());
        AxisMap m = d.layers.get(0).map();
        for (int i = 0; i < lrs.length; i++) {
            for (int j = 0; j < gammas.length; j++) {
                Trajectory t = Run.of(new Momentum().set("lr", lrs[i]).set("gamma", gammas[j]), ravine).from(-5, -2).steps(30).go();
                int cell = i * gammas.length + j;
                assertEquals(t.param(0)[30], series.get(2 * cell)[30], 0.05 / Math.abs(m.bx()) + 1e-12, "lr " + lrs[i] + ", gamma " + gammas[j]);
                assertEquals(t.param(1)[30], series.get(2 * cell + 1)[30], 0.05 / Math.abs(m.by()) + 1e-12);
            }
        }
        assertTrue(d.json().contains("\"start\":[2,2]"), "at(0.3, 0.8): third lr, third gamma");
    }
}
