package adalab.plot.figure;

import adalab.plot.Plots;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The page's pixel mapping is XChart's: a point drawn by XChart lands on the pixel the map gives. */
class AxisMapTest {

    private static final Color PROBE = new Color(255, 0, 0);

    private static void probe(XYChart chart, double x, double y) {
        XYSeries s = chart.addSeries("probe", new double[]{x}, new double[]{y});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.SQUARE);
        s.setMarkerColor(PROBE);
        s.setShowInLegend(false);
    }

    /**
     * The probe's centre as drawn: the red-weighted centroid of the pixels within 10 px of (px, py),
     * pixel i counted at its centre i + 0.5.
     */
    private static double[] centroid(BufferedImage im, double px, double py) {
        double sw = 0, sx = 0, sy = 0;
        for (int y = (int) py - 10; y <= py + 10; y++) {
            for (int x = (int) px - 10; x <= px + 10; x++) {
                Color c = new Color(im.getRGB(x, y));
                double w = (c.getRed() - Math.max(c.getGreen(), c.getBlue())) / 255.0;
                if (w > 0.05) {
                    sw += w;
                    sx += w * (x + 0.5);
                    sy += w * (y + 0.5);
                }
            }
        }
        return new double[]{sx / sw, sy / sw};
    }

    private static Color at(BufferedImage im, double px, double py) {
        return new Color(im.getRGB((int) Math.floor(px), (int) Math.floor(py)));
    }

    private static BufferedImage png(XYChart chart) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(Plots.toPng(chart)));
    }

    @Test
    void aKnownPointLandsOnItsPixelOnLinearAxes() throws IOException {
        XYChart chart = Plots.paths((x, y) -> x * x + y * y, -2, 2, -1, 3).withoutLevelSets().withoutMinimizer().chart();
        probe(chart, 0.5, 1.25);
        BufferedImage im = png(chart);
        AxisMap m = AxisMap.of(chart);
        assertEquals(PROBE, at(im, m.px(0.5), m.py(1.25)), "the probe's pixel");
        assertNotEquals(PROBE, at(im, m.px(0.5) + 12, m.py(1.25)), "12 px to the right is not the probe");
        // To half a pixel: the drawn square's centre is the mapped point (Java2D's stroke normalisation
        // moves antialiased shapes by up to half a pixel; measured -0.15 px in x, +0.45 px in y).
        double[] c = centroid(im, m.px(0.5), m.py(1.25));
        assertEquals(m.px(0.5), c[0], 0.6, "x of the probe's centre");
        assertEquals(m.py(1.25), c[1], 0.6, "y of the probe's centre");
        // The library's style fills the plot area with the data window (plot content size 1):
        // the window's corners are the plot area's corners.
        assertEquals(m.left(), m.px(-2), 1e-9);
        assertEquals(m.left() + m.width(), m.px(2), 1e-9);
        assertEquals(m.top() + m.height(), m.py(-1), 1e-9);
        assertEquals(m.top(), m.py(3), 1e-9);
        // Equal data steps are equal pixel steps: 4 units across the width.
        assertEquals(m.width() / 4, m.bx(), 1e-9);
    }

    @Test
    void aKnownPointLandsOnItsPixelOnALogAxis() throws IOException {
        double[] steps = new double[101], loss = new double[101];
        for (int k = 0; k <= 100; k++) {
            steps[k] = k;
            loss[k] = Math.pow(10, -k / 25.0);         // 1 down to 1e-4
        }
        XYChart chart = Plots.loss().add("adam", steps, loss).chart();
        probe(chart, 50, 1e-2);
        BufferedImage im = png(chart);
        AxisMap m = AxisMap.of(chart);
        assertEquals(true, m.logY());
        assertEquals(PROBE, at(im, m.px(50), m.py(1e-2)));
        double[] c = centroid(im, m.px(50), m.py(1e-2));
        assertEquals(m.px(50), c[0], 0.6);
        assertEquals(m.py(1e-2), c[1], 0.6);
        // A decade is the same height everywhere on a log axis.
        assertEquals(m.py(1e-3) - m.py(1e-2), m.py(1e-2) - m.py(1e-1), 1e-9);
    }

    @Test
    void theFiguresStaticLayerUsesTheMapItWasPaintedWith() throws IOException {
        var f = new adalab.objectives.Rosenbrock();
        var run = adalab.run.Run.of(new adalab.optim.Adam().set("lr", 0.05), f).from(-1.2, 1).steps(50).label("adam").go();
        FigureData d = Replay.of(run).paths(Plots.paths(f)).data();
        AxisMap m = d.layers.get(0).map();
        BufferedImage still = ImageIO.read(new ByteArrayInputStream(d.layers.get(0).staticPng()));
        BufferedImage dflt = ImageIO.read(new ByteArrayInputStream(d.layers.get(0).fallbackPng()));
        // The default frame draws the run's end marker at its last point; the static layer has no run there.
        double[] last = run.lastParams();
        Color adam = adalab.plot.Palette.of("adam");
        assertEquals(adam, at(dflt, m.px(last[0]), m.py(last[1])), "the default frame has the run at its last point");
        assertNotEquals(adam, at(still, m.px(last[0]), m.py(last[1])), "the static layer leaves the run to the page");
        assertEquals(dflt.getWidth(), still.getWidth());
    }
}
