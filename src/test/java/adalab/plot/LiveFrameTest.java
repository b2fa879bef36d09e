package adalab.plot;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A live path frame drawn over the cached static layer looks like the chart XChart draws itself. */
class LiveFrameTest {

    @BeforeAll
    static void headless() { System.setProperty("java.awt.headless", "true"); }

    private static BufferedImage image(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    private static List<PathPlot.Trace> spiral(String label, int n, double phase) {
        double[] xs = new double[n], ys = new double[n];
        for (int k = 0; k < n; k++) {
            double r = 1.8 * Math.exp(-k / (double) n * 2);
            xs[k] = r * Math.cos(0.2 * k + phase);
            ys[k] = 1 + r * Math.sin(0.2 * k + phase);
        }
        return new ArrayList<>(List.of(new PathPlot.Trace(label, xs, ys)));
    }

    @Test
    void aFrameMatchesTheChartXChartDraws() throws IOException {
        PathPlot base = Plots.paths(new adalab.objectives.Rosenbrock());
        List<PathPlot.Trace> traces = spiral("adam", 300, 0);
        traces.addAll(spiral("sgd", 80, 1));
        PathFrames frames = new PathFrames(base);
        BufferedImage fast = image(frames.frame(traces).fastPng());
        BufferedImage full = image(Plots.toPng(base.chart(traces)));
        assertEquals(full.getWidth(), fast.getWidth());
        // The same drawing up to antialiasing: every strongly coloured pixel of one (a path, a marker, a
        // legend line) has a pixel of nearly its colour within one pixel in the other.
        // Allowed: 2 % of them, single edge pixels scattered along the lines (measured 1.1 %: XChart strokes a
        // line segment by segment, whose round caps overlap at each vertex; the frame strokes one path).
        int colouredPixels = 0;
        for (int y = 0; y < full.getHeight(); y++) for (int x = 0; x < full.getWidth(); x++) if (coloured(full.getRGB(x, y))) colouredPixels++;
        assertTrue(colouredPixels > 3000, "the paths are drawn: " + colouredPixels + " coloured pixels");
        int a = unmatched(full, fast), b = unmatched(fast, full);
        assertTrue(a < colouredPixels / 50, a + " of " + colouredPixels + " coloured pixels of XChart's chart have no match in the frame");
        assertTrue(b < colouredPixels / 50, b + " of " + colouredPixels + " coloured pixels of the frame have no match in XChart's chart");
    }

    private static boolean coloured(int rgb) {
        int r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
        return Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 120;
    }

    private static int unmatched(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int y = 1; y < a.getHeight() - 1; y++) {
            for (int x = 1; x < a.getWidth() - 1; x++) {
                int c = a.getRGB(x, y);
                if (!coloured(c)) continue;
                boolean found = false;
                for (int dy = -1; dy <= 1 && !found; dy++) {
                    for (int dx = -1; dx <= 1 && !found; dx++) {
                        int d = b.getRGB(x + dx, y + dy);
                        found = Math.abs(((c >> 16) & 255) - ((d >> 16) & 255)) + Math.abs(((c >> 8) & 255) - ((d >> 8) & 255))
                                + Math.abs((c & 255) - (d & 255)) < 90;
                    }
                }
                if (!found) n++;
            }
        }
        return n;
    }

    @Test
    void theStaticLayerIsPaintedOnceUntilTheLegendChanges() {
        PathFrames frames = new PathFrames(Plots.paths(new adalab.objectives.Rosenbrock()));
        for (int n = 2; n < 50; n++) frames.frame(spiral("adam", n, 0));
        assertEquals(1, frames.stillPaints(), "one run growing: one static layer");
        List<PathPlot.Trace> two = spiral("adam", 50, 0);
        two.addAll(spiral("sgd", 10, 1));
        frames.frame(two);
        assertEquals(2, frames.stillPaints(), "a second run enters the legend");
        frames.frame(two);
        assertEquals(2, frames.stillPaints());
    }
}
