package adalab.plot.figure;

import adalab.plot.CurvePlot;
import adalab.plot.PathPlot;
import adalab.run.Trajectory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Runs replayed step by step: play/pause, a step slider and the step printed in the figure; the
 * paths (or curves) grow over the static layer as the reader scrubs.
 *
 * <pre>{@code
 * Replay.of(adam, sgd).paths(Plots.paths(rosenbrock))
 * Replay.of(adam).curves(Plots.curves().yTitle("m"), "m", t -> t.state("m", 0))
 * }</pre>
 *
 * The runs must have the same number of recorded rows. Each panel's base plot receives the runs (for
 * the default frame and the legend): give each figure a fresh plot.
 */
public final class Replay extends Figure {
    private final List<Trajectory> runs;
    private List<Track> traces;            // a replay of drawn paths: the paths as given

    private Replay(List<Trajectory> runs) { this.runs = runs; }

    /** A replay of these runs (at least one). */
    public static Replay of(Trajectory... runs) {
        if (runs == null || runs.length == 0) throw new IllegalArgumentException("runs: none given, a replay needs at least one run");
        for (int i = 0; i < runs.length; i++) {
            if (runs[i] == null) throw new IllegalArgumentException("runs[" + i + "]: null given, a Trajectory is needed");
        }
        return new Replay(new ArrayList<>(Arrays.asList(runs)));
    }

    /** A panel of paths over the level sets of {@code plot}. */
    public Replay paths(PathPlot plot) { addPanel(new PathPanel(plot)); return this; }

    /** A panel of a quantity against step, e.g. {@code curves(Plots.state("v"), "v", t -> t.state("v", 0))}. */
    public Replay curves(CurvePlot plot, String name, Function<Trajectory, double[]> quantity) {
        addPanel(new CurvePanel(plot, name, quantity));
        return this;
    }

    /** A panel of the runs' loss against step. */
    public Replay loss(CurvePlot plot) { return curves(plot, "loss", Trajectory::losses); }

    /** How long play takes from the first step to the last (default 0.1 s a row, 1.5 to 6 s). */
    public Replay seconds(double s) { setSeconds(s); return this; }

    @Override List<List<Trajectory>> cells() { return List.of(runs); }
    @Override List<Family.Axis> axes() { return List.of(); }
    @Override int defaultCell() { return 0; }
    @Override boolean playable() { return true; }

    @Override
    List<String> legendLabels(List<Track> cell) {
        List<String> l = new ArrayList<>();
        for (Track t : cell) l.add(t.label());
        return l;
    }

    @Override
    String rowName() { return traces == null ? "step" : "point"; }

    @Override
    List<List<Track>> tracks(Panel p) {
        if (traces == null) return super.tracks(p);
        if (!(p instanceof PathPanel)) {
            throw new IllegalArgumentException("curves: a replay of drawn paths has no runs to take a quantity from; add paths(...) panels only");
        }
        return List.of(traces);
    }

    /** At most this many frames in a replay of drawn paths (longer paths are thinned evenly, ends kept). */
    public static final int MAX_FRAMES = 500;

    /**
     * A replay of paths given point by point (a live plot's, when its cell ends): path i is
     * (xs[i][k], ys[i][k]). Frame k shows every path up to its k-th point; a path that ended stays at
     * its last point. Paths longer than {@link #MAX_FRAMES} points are thinned evenly. A path that
     * left the finite numbers is cut before its first non-finite point.
     */
    public static Replay ofPaths(PathPlot plot, List<String> labels, List<double[]> xs, List<double[]> ys) {
        if (labels == null || xs == null || ys == null || labels.isEmpty()) {
            throw new IllegalArgumentException("paths: none given, a replay needs at least one path");
        }
        if (xs.size() != labels.size() || ys.size() != labels.size()) {
            throw new IllegalArgumentException("paths: " + labels.size() + " labels, " + xs.size() + " xs and " + ys.size() + " ys given; one of each per path");
        }
        int longest = 0;
        int[] finite = new int[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            double[] x = xs.get(i), y = ys.get(i);
            if (x == null || y == null || x.length != y.length) {
                throw new IllegalArgumentException("paths[" + i + "] '" + labels.get(i) + "': xs and ys must have equal lengths");
            }
            int n = 0;
            while (n < x.length && Double.isFinite(x[n]) && Double.isFinite(y[n])) n++;
            finite[i] = n;
            longest = Math.max(longest, n);
        }
        if (longest == 0) throw new IllegalArgumentException("paths: no finite point to replay");
        int frames = Math.min(longest, MAX_FRAMES);
        long[] steps = new long[frames];
        for (int k = 0; k < frames; k++) steps[k] = frames == 1 ? 0 : Math.round((double) k * (longest - 1) / (frames - 1));
        List<Track> tracks = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            if (finite[i] == 0) continue;
            double[] x = new double[frames], y = new double[frames];
            for (int k = 0; k < frames; k++) {
                int at = (int) Math.min(steps[k], finite[i] - 1);
                x[k] = xs.get(i)[at];
                y[k] = ys.get(i)[at];
            }
            tracks.add(new Track(labels.get(i), steps, x, y));
        }
        Replay r = new Replay(new ArrayList<>());
        r.traces = tracks;
        return r.paths(plot);
    }
}
