package adalab.plot.figure;

import adalab.run.Trajectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A figure the reader can play with, as one self-contained HTML output: the static layer painted
 * once by XChart (a PNG in a data: URL), the runs drawn over it in a canvas by a small inline script
 * from the run data embedded as JSON. Nothing is fetched and no kernel is needed, so it works in
 * JupyterLab, VS Code and the offline handouts. Where scripts do not run (GitHub, nbviewer, an
 * untrusted notebook, PDF) the default frame shows: {@link #png()}, also the picture in the HTML.
 * Made by {@link Replay} (a step slider and play) or {@link Slider} (a hyperparameter slider).
 */
public abstract class Figure {

    final List<Panel> panels = new ArrayList<>();
    double seconds = Double.NaN;          // NaN: by the number of rows (see seconds())
    private FigureData data;

    Figure() { }

    /** Each frame's runs: one cell for a replay, one per grid point for a slider. */
    abstract List<List<Trajectory>> cells();

    /** The sliders' parameters (none for a replay). */
    abstract List<Family.Axis> axes();

    /** The cell shown first. */
    abstract int defaultCell();

    /** Whether the figure has play and a step slider. */
    abstract boolean playable();

    /** The legend's names of the default cell's tracks. */
    abstract List<String> legendLabels(List<Track> cell);

    /** Each frame's tracks in panel p: the panel's view of each run. */
    List<List<Track>> tracks(Panel p) {
        List<List<Track>> out = new ArrayList<>();
        for (List<Trajectory> cell : cells()) {
            List<Track> c = new ArrayList<>();
            for (Trajectory t : cell) c.add(p.track(t));
            out.add(c);
        }
        return out;
    }

    /** The self-contained HTML of the figure. */
    public final String html() { return data().html(); }

    /** The default frame as a PNG, for readers that run no script. */
    public final byte[] png() { return data().fallbackPng(); }

    /** Size of {@link #html()} in bytes (UTF-8). */
    public final int sizeBytes() { return html().getBytes(StandardCharsets.UTF_8).length; }

    /** Writes the figure to a .html (interactive) or .png (default frame) file. */
    public final void save(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        try {
            if (lower.endsWith(".html")) Files.writeString(Path.of(path), "<!doctype html><meta charset=\"utf-8\">\n" + html());
            else if (lower.endsWith(".png")) Files.write(Path.of(path), png());
            else throw new IllegalArgumentException("path: '" + path + "' given, allowed extensions .html and .png");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data the page draws from (computed once). */
    final FigureData data() {
        if (data == null) data = FigureData.of(this);
        return data;
    }

    final void addPanel(Panel p) {
        if (data != null) throw new IllegalStateException("figure already drawn: make a new one to add a panel");
        panels.add(p);
    }

    /** What a row is called in the readout: a run's step, or (drawn paths) a point. */
    String rowName() { return "step"; }

    /** How long play takes: as set, or 0.1 s a row between 1.5 s and 6 s. */
    final double seconds(int rows) {
        return Double.isNaN(seconds) ? Math.max(1.5, Math.min(6, 0.1 * rows)) : seconds;
    }

    final void setSeconds(double s) {
        if (!(s >= 0.5 && s <= 120)) throw new IllegalArgumentException("seconds: " + s + " given, allowed 0.5..120");
        seconds = s;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + cells().size() + " frame(s), " + panels.size() + " panel(s)]";
    }
}
