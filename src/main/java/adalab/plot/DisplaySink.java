package adalab.plot;

import java.util.Objects;

/**
 * Where live plots and progress bars send their frames. Outside Jupyter the installed sink is a
 * no-op, so library code that shows progress runs anywhere; the kernel glue installs a sink backed
 * by the notebook's display / update-display.
 */
public interface DisplaySink {

    /** Displays a value as a new output and returns an id for later updates. */
    String show(Object value);

    /** Replaces the output shown under {@code id}. */
    void update(String id, Object value);

    /** A sink that drops everything. */
    DisplaySink NONE = new DisplaySink() {
        @Override public String show(Object value) { return "none"; }
        @Override public void update(String id, Object value) { }
        @Override public String toString() { return "DisplaySink.NONE"; }
    };

    /** Makes {@code sink} the one used by live plots and progress bars created from now on. */
    static void install(DisplaySink sink) {
        Holder.current = Objects.requireNonNull(sink, "sink");
    }

    /** The installed sink, {@link #NONE} unless something installed another. */
    static DisplaySink current() {
        return Holder.current;
    }

    /** Holds the installed sink: interfaces cannot have mutable static fields. */
    final class Holder {
        private static volatile DisplaySink current = NONE;
        private Holder() { }
    }
}
