package adalab.notebook;

import adalab.plot.DisplaySink;
import adalab.plot.LastFrame;
import adalab.plot.LiveFrame;
import adalab.plot.Plot;
import adalab.plot.Plots;
import adalab.plot.ProgressBar;
import adalab.run.ProgressDisplay;
import adalab.plot.figure.Figure;
import adalab.plot.figure.Replay;
import io.github.spencerpark.ijava.IJava;
import io.github.spencerpark.ijava.JavaKernel;
import io.github.spencerpark.ijava.runtime.Display;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.internal.chartpart.Chart;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The IJava glue: the kernel's start-up script calls {@link #install()} so that XChart charts and
 * the library's plots render themselves, and live plots / progress bars reach the notebook. IJava
 * is a {@code provided} dependency: only this package touches it, and nothing here runs outside
 * the kernel.
 */
public final class Notebook {

    private static boolean installed;

    private Notebook() { }

    /**
     * Registers the renderers and the display sink with the running kernel. Safe to call twice
     * (a start-up script may be re-run); returns false, doing nothing, outside a kernel.
     */
    public static synchronized boolean install() {
        JavaKernel kernel = IJava.getKernelInstance();
        if (kernel == null) {
            return false;
        }
        if (installed) {
            return true;
        }
        Renderer renderer = kernel.getRenderer();
        // One registration on XChart's common base class covers every chart type.
        renderer.createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.IMAGE_SVG)
                .register((chart, ctx) -> {
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> png(chart));
                    ctx.renderIfRequested(MIMEType.IMAGE_SVG, () -> Plots.toSvg(chart));
                });
        // A Plot builds its chart on demand: build it once per rendering.
        renderer.createRegistration(Plot.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.IMAGE_SVG)
                .register((plot, ctx) -> {
                    Chart<?, ?> chart = plot.chart();
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> png(chart));
                    ctx.renderIfRequested(MIMEType.IMAGE_SVG, () -> Plots.toSvg(chart));
                });
        // A live path plot's frame: painted from its cached static layer, encoded for speed.
        renderer.createRegistration(LiveFrame.class)
                .preferring(MIMEType.IMAGE_PNG)
                .register((frame, ctx) -> ctx.renderIfRequested(MIMEType.IMAGE_PNG,
                        () -> Base64.getEncoder().encodeToString(frame.fastPng())));
        // A live path plot's last frame: a replay of the run, with the frame as its still picture.
        renderer.createRegistration(LastFrame.class)
                .preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_PNG)
                .register((frame, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> replayHtml(frame));
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> Base64.getEncoder().encodeToString(Plots.toPng(frame)));
                });
        // An interactive figure: HTML (its own script and data, nothing fetched) and the default frame as
        // a PNG in the same bundle, for front ends that show no HTML or run no script.
        renderer.createRegistration(Figure.class)
                .preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_PNG)
                .register((figure, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, figure::html);
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> Base64.getEncoder().encodeToString(figure.png()));
                });
        DisplaySink.install(new KernelSink());
        // Sweep.progressBar() (run/ knows only the interface) shows plot's bar in the notebook.
        ProgressDisplay.install((total, label) -> ProgressBar.of(total).label(label));
        installed = true;
        return true;
    }

    /** The replay a live path plot leaves: its paths over a copy of its base plot (the picture alone if that fails). */
    private static String replayHtml(LastFrame frame) {
        List<double[]> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (int i = 0; i < frame.labels().size(); i++) {
            xs.add(frame.xs(i));
            ys.add(frame.ys(i));
        }
        try {
            return Replay.ofPaths(frame.base(), frame.labels(), xs, ys).html();
        } catch (RuntimeException e) {      // a display must not fail the cell that ran the loop
            return "<img alt=\"live plot, last frame\" src=\"data:image/png;base64," + png(frame) + "\">";
        }
    }

    /** Jupyter's image/png payload is base64 text. */
    private static String png(Chart<?, ?> chart) {
        return Base64.getEncoder().encodeToString(Plots.toPng(chart));
    }

    /**
     * Display / update-display through IJava. Updates only reach the notebook while a cell runs,
     * so live plots are driven from the cell's own thread.
     */
    private static final class KernelSink implements DisplaySink {
        @Override
        public String show(Object value) {
            return Display.display(value);
        }

        @Override
        public void update(String id, Object value) {
            Display.updateDisplay(id, value);
        }

        @Override
        public String toString() {
            return "DisplaySink(IJava)";
        }
    }
}
