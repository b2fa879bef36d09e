package adalab.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * The last frame of a live path plot, left when its cell ends: the same picture, and what a replay of
 * the run needs (the notebook shows it as a replayable figure, with this frame as its still image).
 */
public final class LastFrame extends LiveFrame {
    private final PathPlot base;

    LastFrame(PathFrames frames, PathPlot base, List<PathPlot.Trace> traces, int width, int height) {
        super(frames, traces, width, height);
        this.base = base.copy();
    }

    /** A copy of the live plot's base plot (level sets, window, title), for a replay's static layer. */
    public PathPlot base() { return base.copy(); }

    /** The paths' names, in the order they appeared. */
    public List<String> labels() {
        List<String> l = new ArrayList<>();
        for (PathPlot.Trace t : traces) l.add(t.label());
        return l;
    }

    /** x of path i, point by point. */
    public double[] xs(int i) { return traces.get(i).xs().clone(); }

    /** y of path i, point by point. */
    public double[] ys(int i) { return traces.get(i).ys().clone(); }
}
