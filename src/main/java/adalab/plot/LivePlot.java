package adalab.plot;

import adalab.run.StepListener;
import org.knowm.xchart.internal.chartpart.Chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A chart that a running loop updates in place, from inside the cell that runs the loop:
 *
 * <pre>{@code
 * try (LivePlot live = Plots.paths(rosenbrock).live()) {
 *     StepListener adam = live.on("adam");
 *     for (...) { ...; adam.onStep(t, x, loss); }
 * }   // close() leaves the final frame in the notebook (a path plot's: a replay of the run)
 * }</pre>
 *
 * The first frame is shown when the first point arrives (or at {@link #show()}); after that a
 * frame is pushed at most {@link #fps} times a second of wall-clock time (30 by default; a path plot
 * paints its level sets once and draws only the paths each frame); {@link #close()} always
 * leaves the final data on screen. Frames go to the {@link DisplaySink} current at creation.
 */
public final class LivePlot implements Plot, AutoCloseable {

    /** What a step contributes to a trace. */
    enum Mapping { PATH, LOSS }

    private final PathPlot pathBase;
    private final CurvePlot curveBase;
    private final Mapping mapping;
    private final Map<String, Growing> traces = new LinkedHashMap<>();
    private DisplaySink sink = DisplaySink.current();
    private LongSupplier clock = System::nanoTime;
    private long minInterval = 33_333_333L;      // 30 frames per second
    private String id;
    private long lastPush;
    private boolean dirty, closed;
    private int frames;

    private final PathFrames pathFrames;   // path plots: the static layer, painted once

    private LivePlot(PathPlot pathBase, CurvePlot curveBase, Mapping mapping) {
        this.pathBase = pathBase;
        this.curveBase = curveBase;
        this.mapping = mapping;
        this.pathFrames = pathBase == null ? null : new PathFrames(pathBase);
    }

    /** Paths growing over the level sets of {@code base}: a step adds the point (params[0], params[1]). */
    public static LivePlot paths(PathPlot base) {
        return new LivePlot(base, null, Mapping.PATH);
    }

    /** Curves growing on {@code base}: a step adds the point (step, loss). */
    public static LivePlot curves(CurvePlot base) {
        return new LivePlot(null, base, Mapping.LOSS);
    }

    /** At most this many frames per second (default 30). */
    public LivePlot fps(double framesPerSecond) {
        if (!(framesPerSecond > 0 && framesPerSecond <= 1000)) {
            throw new IllegalArgumentException("fps: " + framesPerSecond + " given, allowed (0, 1000]");
        }
        minInterval = (long) (1e9 / framesPerSecond);
        return this;
    }

    /** Sends frames here instead of the installed sink. */
    public LivePlot sink(DisplaySink sink) {
        if (sink == null) throw new IllegalArgumentException("sink: null given, a DisplaySink is needed");
        this.sink = sink;
        return this;
    }

    /** The wall clock in nanoseconds (tests pass a fake one). */
    public LivePlot clock(LongSupplier nanos) {
        if (nanos == null) throw new IllegalArgumentException("clock: null given, a nanosecond clock is needed");
        this.clock = nanos;
        return this;
    }

    /** A listener that adds each step of the run called {@code label} and refreshes the display. */
    public StepListener on(String label) {
        trace(label);
        return (step, params, loss) -> {
            if (mapping == Mapping.PATH) {
                if (params == null || params.length < 2) {
                    throw new IllegalArgumentException("params: a path needs 2 coordinates, got "
                            + (params == null ? "null" : params.length));
                }
                add(label, params[0], params[1]);
            } else {
                add(label, step, loss);
            }
        };
    }

    /** Adds a point to the trace called {@code label} and refreshes the display (throttled). */
    public void add(String label, double x, double y) {
        if (closed) throw new IllegalStateException("live plot already closed: create a new one for a new run");
        trace(label).add(x, y);
        dirty = true;
        refresh();
    }

    /** Shows the current frame as a new output (done for you by the first point). */
    public LivePlot show() {
        id = sink.show(chart());
        lastPush = clock.getAsLong();
        frames++;
        dirty = false;
        return this;
    }

    /** Pushes a frame if the last one is older than the frame interval. */
    public void refresh() {
        if (id == null) {
            show();
            return;
        }
        if (!dirty) return;
        long now = clock.getAsLong();
        if (now - lastPush >= minInterval) push(now);
    }

    /** Pushes the final frame if it is not on screen yet. */
    @Override
    public void close() {
        if (closed) return;
        if (mapping == Mapping.PATH) {
            // A path plot ends on its last frame that also carries the paths: the notebook shows it as a
            // replayable figure (adalab.notebook), anything else as this picture.
            LiveFrame last = pathFrames.last(pathTraces());
            if (id == null) id = sink.show(last);
            else sink.update(id, last);
            frames++;
            dirty = false;
        } else if (id == null) {
            show();
        } else if (dirty) {
            push(clock.getAsLong());
        }
        closed = true;
    }

    /** Frames sent so far (the first show included). */
    public int frames() { return frames; }

    /** The current frame. */
    @Override
    public Chart<?, ?> chart() {
        if (mapping == Mapping.PATH) return pathFrames.frame(pathTraces());
        List<CurvePlot.Curve> extra = new ArrayList<>();
        for (Map.Entry<String, Growing> e : traces.entrySet()) {
            extra.add(new CurvePlot.Curve(e.getKey(), -1, e.getValue().xs(), e.getValue().ys()));
        }
        return curveBase.chart(extra);
    }

    private List<PathPlot.Trace> pathTraces() {
        List<PathPlot.Trace> extra = new ArrayList<>();
        for (Map.Entry<String, Growing> e : traces.entrySet()) {
            extra.add(new PathPlot.Trace(e.getKey(), e.getValue().xs(), e.getValue().ys()));
        }
        return extra;
    }

    private void push(long now) {
        sink.update(id, chart());
        // Timed from the end of the push: a frame slower than the interval must not make every step draw one.
        lastPush = clock.getAsLong();
        frames++;
        dirty = false;
    }

    private Growing trace(String label) {
        if (label == null || label.isBlank()) throw new IllegalArgumentException("label: '" + label + "' given, a non-empty name is needed");
        return traces.computeIfAbsent(label, l -> new Growing());
    }

    /** Two growing columns of doubles. */
    private static final class Growing {
        private double[] x = new double[64], y = new double[64];
        private int n;

        void add(double a, double b) {
            if (n == x.length) {
                x = Arrays.copyOf(x, 2 * n);
                y = Arrays.copyOf(y, 2 * n);
            }
            x[n] = a;
            y[n++] = b;
        }

        double[] xs() { return Arrays.copyOf(x, n); }
        double[] ys() { return Arrays.copyOf(y, n); }
    }
}
