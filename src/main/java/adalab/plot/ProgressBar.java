package adalab.plot;

import adalab.run.ProgressDisplay;
import adalab.run.StepListener;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress bar that updates in place, throttled like {@link LivePlot}:
 *
 * <pre>{@code
 * try (ProgressBar bar = ProgressBar.of(grid.size()).label("sweep")) {
 *     for (...) { ...; bar.step(); }
 * }
 * }</pre>
 *
 * It pushes {@link Frame}s (plain text and HTML) to the {@link DisplaySink}: count/total, percent,
 * rate and time left. As a {@link StepListener} it counts optimizer steps.
 */
public final class ProgressBar implements StepListener, ProgressDisplay {

    /** One state of the bar; {@code toString()} is the text form. */
    public record Frame(String text, String html) {
        @Override public String toString() { return text; }
    }

    static final int CELLS = 24;

    private final long total;
    private String label = "";
    private DisplaySink sink = DisplaySink.current();
    private LongSupplier clock = System::nanoTime;
    private long minInterval = 100_000_000L;
    private long start = Long.MIN_VALUE, finish = Long.MIN_VALUE, lastPush;
    private long count;
    private double lastLoss = Double.NaN;
    private String id;
    private boolean dirty, closed;
    private int frames;

    private ProgressBar(long total) {
        this.total = total;
    }

    /** A bar for {@code total} units of work. */
    public static ProgressBar of(long total) {
        if (total < 1) throw new IllegalArgumentException("total: " + total + " given, allowed >= 1");
        return new ProgressBar(total);
    }

    public ProgressBar label(String label) { this.label = label == null ? "" : label; return this; }

    public ProgressBar fps(double framesPerSecond) {
        if (!(framesPerSecond > 0 && framesPerSecond <= 1000)) {
            throw new IllegalArgumentException("fps: " + framesPerSecond + " given, allowed (0, 1000]");
        }
        minInterval = (long) (1e9 / framesPerSecond);
        return this;
    }

    public ProgressBar sink(DisplaySink sink) {
        if (sink == null) throw new IllegalArgumentException("sink: null given, a DisplaySink is needed");
        this.sink = sink;
        return this;
    }

    public ProgressBar clock(LongSupplier nanos) {
        if (nanos == null) throw new IllegalArgumentException("clock: null given, a nanosecond clock is needed");
        this.clock = nanos;
        return this;
    }

    /** One unit done. */
    public void step() { set(count + 1); }

    /** n more units done. */
    public void advance(long n) {
        if (n < 0) throw new IllegalArgumentException("n: " + n + " given, allowed >= 0");
        set(count + n);
    }

    /** {@code done} units done in all. */
    public void set(long done) {
        if (done < 0) throw new IllegalArgumentException("done: " + done + " given, allowed 0.." + total);
        if (closed) throw new IllegalStateException("progress bar already closed");
        if (start == Long.MIN_VALUE) start = clock.getAsLong();
        count = Math.min(done, total);
        if (count == total && finish == Long.MIN_VALUE) finish = clock.getAsLong();   // the time taken stops here
        dirty = true;
        if (id == null) {
            show(clock.getAsLong());
            return;
        }
        long now = clock.getAsLong();
        if (now - lastPush >= minInterval) push(now);
    }

    /** Counts optimizer steps (steps start at 1) and shows the latest loss. */
    @Override
    public void onStep(long step, double[] params, double loss) {
        lastLoss = loss;
        set(step);
    }

    @Override
    public void close() {
        if (closed) return;
        long now = clock.getAsLong();
        if (start == Long.MIN_VALUE) start = now;
        if (id == null) show(now);
        else if (dirty) push(now);
        closed = true;
    }

    public long count() { return count; }

    public int frames() { return frames; }

    /** The bar as text now. */
    public String text() { return frame(clock.getAsLong()).text(); }

    public Frame frame() { return frame(clock.getAsLong()); }

    private void show(long now) {
        id = sink.show(frame(now));
        lastPush = now;
        frames++;
        dirty = false;
    }

    private void push(long now) {
        sink.update(id, frame(now));
        lastPush = now;
        frames++;
        dirty = false;
    }

    Frame frame(long now) {
        long end = finish == Long.MIN_VALUE ? now : finish;
        double seconds = start == Long.MIN_VALUE ? 0 : (end - start) / 1e9;
        int filled = (int) (CELLS * count / total);
        String bar = "#".repeat(filled) + "-".repeat(CELLS - filled);
        long pct = 100 * count / total;
        double rate = seconds > 0 ? count / seconds : Double.NaN;
        StringBuilder tail = new StringBuilder();
        tail.append(count).append('/').append(total).append("  ").append(pct).append('%');
        if (Double.isFinite(rate)) tail.append("  ").append(rate(rate)).append(" it/s");
        if (count >= total) tail.append("  done in ").append(duration(seconds));
        else if (Double.isFinite(rate) && rate > 0) tail.append("  ETA ").append(duration((total - count) / rate));
        if (!Double.isNaN(lastLoss)) tail.append("  loss ").append(String.format(Locale.ROOT, "%.4g", lastLoss));
        String head = label.isEmpty() ? "" : label + "  ";
        String text = head + "[" + bar + "]  " + tail;
        String html = "<div style=\"font-family:monospace;white-space:pre\">" + escape(head)
                + "<progress value=\"" + count + "\" max=\"" + total + "\" style=\"width:16em;vertical-align:middle\"></progress>  "
                + escape(tail.toString()) + "</div>";
        return new Frame(text, html);
    }

    static String rate(double r) {
        if (r >= 100) return String.format(Locale.ROOT, "%.0f", r);
        if (r >= 10) return String.format(Locale.ROOT, "%.1f", r);
        return String.format(Locale.ROOT, "%.2f", r);
    }

    /** 0.4 s, 12 s, 3m05s, 1h02m */
    static String duration(double s) {
        if (s < 10) return String.format(Locale.ROOT, "%.1fs", s);
        long t = Math.round(s);
        if (t < 60) return t + "s";
        if (t < 3600) return String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
        return String.format(Locale.ROOT, "%dh%02dm", t / 3600, (t % 3600) / 60);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
