package adalab.plot;

import adalab.objectives.Rosenbrock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import java.awt.Color;

import static org.junit.jupiter.api.Assertions.*;

class ColoursTest {

    @BeforeAll
    static void headless() { System.setProperty("java.awt.headless", "true"); }

    static final double[] Y = {3, 2, 1};

    static Color line(XYChart c, String name) { return c.getSeriesMap().get(name).getLineColor(); }

    @Test
    void byDefaultRunsOfOneOptimizerAreShadesOfItsColour() {
        XYChart c = Plots.curves().add("sgd a", Y).add("sgd b", Y).chart();
        Color sgd = new Color(0x1f77b4);
        assertEquals(sgd, line(c, "sgd a"));
        assertNotEquals(sgd, line(c, "sgd b"));
        // A shade of blue: darker, same hue family (mixing with black keeps the channel order).
        assertTrue(line(c, "sgd b").getBlue() > line(c, "sgd b").getRed());
    }

    @Test
    void distinctColoursFollowTheOrderOfAppearance() {
        XYChart c = Plots.curves().distinctColours().add("sgd a", Y).add("sgd b", Y).add("sgd c", Y).chart();
        assertEquals(new Color(0x1f77b4), line(c, "sgd a"));
        assertEquals(new Color(0xd62728), line(c, "sgd b"));
        assertEquals(new Color(0x2ca02c), line(c, "sgd c"));
    }

    @Test
    void anExplicitColourWinsAndTheOthersKeepTheirOrder() {
        Color mine = new Color(0x123456);
        XYChart c = Plots.curves().distinctColours().colour("second", mine)
                .add("first", Y).add("second", Y).add("third", Y).chart();
        assertEquals(mine, line(c, "second"));
        assertEquals(new Color(0x1f77b4), line(c, "first"));
        assertEquals(new Color(0xd62728), line(c, "third"));
    }

    @Test
    void pathsTakeTheSameOptions() {
        Color mine = new Color(0xabcdef);
        XYChart c = Plots.paths(new Rosenbrock()).distinctColours().colour("b", mine)
                .path("a", new double[]{-1.2, -1}, new double[]{1, 1})
                .path("b", new double[]{-1.2, 0}, new double[]{1, 0}).chart();
        assertEquals(new Color(0x1f77b4), line(c, "a"));
        assertEquals(mine, line(c, "b"));
    }

    @Test
    void colourAfterTheSequenceRepeatsDarker() {
        assertEquals(Palette.categorical(0), new Color(0x1f77b4));
        assertNotEquals(Palette.categorical(0), Palette.categorical(8));
        var e = assertThrows(IllegalArgumentException.class, () -> Palette.categorical(-1));
        assertTrue(e.getMessage().contains("k: -1"), e.getMessage());
        var n = assertThrows(IllegalArgumentException.class, () -> Plots.curves().colour("x", null));
        assertTrue(n.getMessage().contains("colour for 'x'"), n.getMessage());
    }

    @Test
    void aLongTitleWithAWideLegendMovesTheLegendBelow() {
        String wide = "a label long enough to take a third of the chart's width";
        XYChart shortTitle = Plots.curves().title("Loss").add(wide, Y).chart();
        assertEquals(org.knowm.xchart.style.Styler.LegendPosition.OutsideE, shortTitle.getStyler().getLegendPosition());
        XYChart longTitle = Plots.curves().title("Spread of the second-moment estimate over the first thousand steps").add(wide, Y).chart();
        assertEquals(org.knowm.xchart.style.Styler.LegendPosition.OutsideS, longTitle.getStyler().getLegendPosition());
        PlotsTest.assertPng(Plots.toPng(longTitle), Style.WIDTH, Style.HEIGHT);
    }

    @Test
    void heatMapTickLabelsAreShortButDistinct() {
        assertEquals(java.util.List.of("1e-4", "1.78e-4", "3.16e-4"), HeatMapPlot.labels(new double[]{1e-4, 1.778279e-4, 3.1622777e-4}));
        assertEquals(java.util.List.of("0.9", "0.99", "0.999", "0.9999"), HeatMapPlot.labels(new double[]{0.9, 0.99, 0.999, 0.9999}));
        assertEquals(java.util.List.of("0.999", "0.9995"), HeatMapPlot.labels(new double[]{0.999, 0.9995}));
    }
}
