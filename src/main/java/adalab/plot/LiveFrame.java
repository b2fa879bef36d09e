package adalab.plot;

import org.knowm.xchart.XYChart;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One frame of a live path plot: a chart holding the paths as series (so it reads like any chart),
 * painted from the plot's cached static layer with the paths drawn over it ({@link PathFrames}).
 */
public class LiveFrame extends XYChart {
    private final PathFrames frames;
    final List<PathPlot.Trace> traces;

    LiveFrame(PathFrames frames, List<PathPlot.Trace> traces, int width, int height) {
        super(width, height);
        this.frames = frames;
        this.traces = List.copyOf(traces);
        for (PathPlot.Trace t : this.traces) {
            double[] xs = t.xs().length == 0 ? new double[]{Double.NaN} : t.xs();
            double[] ys = t.ys().length == 0 ? new double[]{Double.NaN} : t.ys();
            addSeries(t.label(), xs, ys);
        }
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        frames.draw(g, traces);
    }

    /**
     * The frame as a PNG compressed for speed: a live frame is on screen for a tenth of a second, so
     * deflate's fastest level (about twice the bytes) beats its smallest.
     */
    public byte[] fastPng() {
        BufferedImage im = new BufferedImage(getWidth(), getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = im.createGraphics();
        try {
            paint(g, getWidth(), getHeight());
        } finally {
            g.dispose();
        }
        ImageWriter w = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.85f);            // deflate level 1
            w.setOutput(ios);
            w.write(null, new IIOImage(im, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            w.dispose();
        }
        return out.toByteArray();
    }
}
