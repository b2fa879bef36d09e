package adalab.plot;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PlotsTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    static final double[] STEPS = {1, 2, 3, 4, 5};

    @Test
    void lossChartHasALogYAxisAndHidesNonPositiveValues() {
        XYChart c = Plots.loss().add("adam", STEPS, new double[]{1, 0.1, 0.01, 0, 0.001}).chart();
        assertTrue(c.getStyler().isYAxisLogarithmic());
        XYSeries s = c.getSeriesMap().values().iterator().next();
        assertTrue(s.getName().startsWith("adam") && s.getName().contains("not shown"), s.getName());
        assertTrue(Double.isNaN(s.getYData()[3]), "the zero becomes a gap");
        assertEquals(0.001, s.getYData()[4]);
        assertPng(Plots.toPng(c), Style.WIDTH, Style.HEIGHT);     // renders despite the zero
    }

    @Test
    void axisScalesFollowTheData() {
        assertFalse(Plots.loss().add("sgd", STEPS, new double[]{1, -1, 2, 3, 4}).chart().getStyler().isYAxisLogarithmic(),
                "a negative loss cannot go on a log axis");
        assertTrue(Plots.rates().add("adagrad", 0, STEPS, new double[]{0.1, 0.07, 0.05, 0.04, 0.03}).chart().getStyler().isYAxisLogarithmic());
        assertFalse(Plots.state("m").add("adam", 0, STEPS, new double[]{0.1, -0.2, 0.3, 0.1, 0}).chart().getStyler().isYAxisLogarithmic());
        assertTrue(Plots.state("v").add("adam", 0, STEPS, new double[]{1e-1, 1e-2, 1e-3, 1e-4, 1e-5}).chart().getStyler().isYAxisLogarithmic(),
                "five decades of a positive state go on a log axis");
        assertFalse(Plots.loss().logY(false).add("sgd", STEPS, STEPS).chart().getStyler().isYAxisLogarithmic());
        assertTrue(Plots.curves().logX(true).add("sgd", STEPS, STEPS).chart().getStyler().isXAxisLogarithmic());
    }

    @Test
    void theSameNameGetsTheSameColourInEveryChart() {
        XYChart a = Plots.loss().add("sgd", STEPS, STEPS).add("adam", STEPS, STEPS).chart();
        XYChart b = Plots.paths((x, y) -> x * x + y * y, -1, 1, -1, 1).path("adam", STEPS, STEPS).chart();
        XYChart c = Plots.rates().add("adam", 0, STEPS, STEPS).chart();
        Color inA = a.getSeriesMap().get("adam").getLineColor();
        assertEquals(inA, b.getSeriesMap().get("adam").getLineColor());
        assertEquals(inA, c.getSeriesMap().get("adam x\u2081").getLineColor());
        assertEquals(Palette.of("adam"), inA);
        assertNotEquals(inA, a.getSeriesMap().get("sgd").getLineColor());
    }

    @Test
    void registryColoursAreFixedAndFarApart() {
        String[] names = {"sgd", "momentum", "nag", "asgd", "rprop", "adagrad", "rmsprop", "adadelta",
                "adam", "adamw", "nadam", "radam", "amsgrad"};
        assertEquals(List.of(names), new ArrayList<>(Palette.fixedNames()));
        for (int i = 0; i < names.length; i++) {
            assertEquals(Palette.of(names[i]), Palette.of(" " + names[i].toUpperCase() + " "), "case and blanks ignored");
            for (int j = i + 1; j < names.length; j++) {
                Color p = Palette.of(names[i]), q = Palette.of(names[j]);
                double d = Math.sqrt(Math.pow(p.getRed() - q.getRed(), 2) + Math.pow(p.getGreen() - q.getGreen(), 2)
                        + Math.pow(p.getBlue() - q.getBlue(), 2));
                assertTrue(d > 60, names[i] + " vs " + names[j] + ": RGB distance " + d);
            }
        }
        assertEquals(Palette.of("adam"), Palette.of("adam lr=0.01"), "a labelled run keeps its optimizer's colour");
        assertEquals(Palette.of("adamw"), Palette.of("adamw(0.1)"));
        assertNotEquals(Palette.of("adam"), Palette.of("adamax"), "adamax is not adam");
        assertEquals(Palette.of("lion"), Palette.of("lion"));
        assertNotEquals(Palette.of("lion"), Palette.of("sophia"));
    }

    @Test
    void repeatsOfOneOptimizerAreShadedApart() {
        XYChart c = Plots.loss().add("adam lr=0.1", STEPS, STEPS).add("adam lr=0.01", STEPS, STEPS).chart();
        Color first = c.getSeriesMap().get("adam lr=0.1").getLineColor();
        Color second = c.getSeriesMap().get("adam lr=0.01").getLineColor();
        assertEquals(Palette.of("adam"), first);
        assertNotEquals(first, second);
    }

    @Test
    void pathChartMarksStartAndEndAndKeepsLevelLinesOutOfTheLegend() {
        double[] xs = {-1, -0.5, 0.2}, ys = {0.8, 0.1, 0.05};
        XYChart c = Plots.paths((x, y) -> 0.5 * (x * x + y * y), -1, 1, -1, 1).path("sgd", xs, ys).chart();
        int legend = 0, levels = 0;
        for (XYSeries s : c.getSeriesMap().values()) {
            if (s.isShowInLegend()) legend++;
            if (s.getName().startsWith("level")) {
                levels++;
                assertFalse(s.isShowInLegend());
            }
        }
        assertTrue(levels > 5, "level lines drawn: " + levels);
        assertEquals(3, legend, "sgd, start, end");
        XYSeries start = c.getSeriesMap().get("start of 0"), end = c.getSeriesMap().get("end of 0");
        assertArrayEquals(new double[]{-1}, start.getXData());
        assertArrayEquals(new double[]{0.8}, start.getYData());
        assertArrayEquals(new double[]{0.2}, end.getXData());
        assertArrayEquals(new double[]{0.05}, end.getYData());
        assertEquals(-1.0, c.getStyler().getXAxisMin());
        assertEquals(1.0, c.getStyler().getYAxisMax());
    }

    @Test
    void aDivergedPathEndsAtItsLastFinitePoint() {
        double[] xs = {0.5, 0.9, Double.NaN}, ys = {0.5, -0.9, Double.NaN};
        XYChart c = Plots.paths((x, y) -> x * x + y * y, -1, 1, -1, 1).path("sgd", xs, ys).chart();
        assertTrue(c.getSeriesMap().containsKey("sgd (diverged)"));
        assertArrayEquals(new double[]{0.9}, c.getSeriesMap().get("end of 0").getXData());
    }

    @Test
    void pngHasTheSignatureAndTheConfiguredSize() {
        XYChart c = Plots.paths((x, y) -> x * x + 3 * y * y, -2, 2, -2, 2).path("adam", new double[]{1, 0}, new double[]{1, 0}).chart();
        assertPng(Plots.toPng(c), 720, 480);
        assertPng(Plots.loss().size(400, 300).add("sgd", STEPS, STEPS).png(), 400, 300);
    }

    @Test
    void svgIsAnSvgDocument() {
        String svg = Plots.loss().add("sgd", STEPS, new double[]{5, 4, 3, 2, 1}).svg();
        String head = svg.stripLeading();
        assertTrue(head.startsWith("<?xml") || head.startsWith("<svg"), head.substring(0, Math.min(40, head.length())));
        assertTrue(svg.contains("<svg"));
    }

    @Test
    void heatMapSkipsNonFiniteCellsAndSaysSo() {
        double[] lr = {1e-3, 1e-2, 1e-1}, beta = {0.5, 0.9};
        double[][] v = {{1, 0.1, 0.01}, {2, Double.NaN, 0.02}};
        HeatMapChart c = Plots.heatmap(lr, beta, v).title("final loss").xTitle("lr").yTitle("β").logColor().chart();
        assertEquals(5, c.getHeatMapSeries().getHeatData().size());
        assertEquals(List.of("0.001", "0.01", "0.1"), c.getHeatMapSeries().getXData());
        assertTrue(c.getTitle().contains("not finite"), c.getTitle());
        // log colour: the scale runs over log10 of the values, 0.01 .. 2
        assertEquals(-2, c.getHeatMapSeries().getMin(), 1e-12);
        assertEquals(Math.log10(2), c.getHeatMapSeries().getMax(), 1e-12);
        assertPng(Plots.toPng(c), 720, 480);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.heatmap(lr, beta, new double[][]{{1, 2}, {3, 4}}));
        assertTrue(e.getMessage().contains("values[0]"), e.getMessage());
    }

    @Test
    void tickLabelsAreShort() {
        assertEquals("0.001", Style.number(1e-3));
        assertEquals("1e-5", Style.number(1e-5));
        assertEquals("2.5e4", Style.number(25000));
        assertEquals("1500", Style.number(1500));
        assertEquals("0.9", Style.number(0.9));
        assertEquals("0.123", Style.number(0.123456, 3));
    }

    static void assertPng(byte[] png, int width, int height) {
        byte[] sig = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        assertTrue(png.length > sig.length);
        for (int i = 0; i < sig.length; i++) assertEquals(sig[i], png[i], "PNG signature byte " + i);
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            assertNotNull(img);
            assertEquals(width, img.getWidth());
            assertEquals(height, img.getHeight());
        } catch (java.io.IOException e) {
            fail(e);
        }
    }
}
