package adalab.run;

import java.util.function.BiFunction;

/**
 * A display of how far a long job has got, such as plot's {@code ProgressBar} in a notebook. run/
 * names what it needs and the notebook glue installs the implementation, so that run/ imports
 * nothing from plot/; with none installed (a plain JVM, a test), {@link #open} shows nothing.
 */
public interface ProgressDisplay extends AutoCloseable {

    /** Shows that {@code done} of the total are finished. */
    void set(long done);

    /** The job ended: the display shows its last state. */
    @Override
    void close();

    /** Makes the displays that {@code Sweep.progressBar()} opens: (total, label) → a display. */
    static void install(BiFunction<Long, String, ProgressDisplay> factory) { Installed.factory = factory; }

    /** A display for a job of {@code total} parts, or null when none is installed. */
    static ProgressDisplay open(long total, String label) {
        BiFunction<Long, String, ProgressDisplay> f = Installed.factory;
        return f == null ? null : f.apply(total, label);
    }

    /** Where install() keeps the factory (an interface's own fields are constants). */
    final class Installed {
        private static volatile BiFunction<Long, String, ProgressDisplay> factory;

        private Installed() { }
    }
}
