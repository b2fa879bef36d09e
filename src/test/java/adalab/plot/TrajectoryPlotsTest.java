package adalab.plot;

import adalab.objectives.Rosenbrock;
import adalab.optim.Optimizers;
import adalab.run.Recording;
import adalab.run.Run;
import adalab.run.Trajectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import static org.junit.jupiter.api.Assertions.*;

/** The Trajectory overloads draw exactly what the run recorded. */
class TrajectoryPlotsTest {

    static Trajectory adam;

    @BeforeAll
    static void run() {
        System.setProperty("java.awt.headless", "true");
        adam = Run.of(Optimizers.create("adam").set("lr", 0.05), new Rosenbrock()).from(-1.2, 1).steps(200)
                .record(Recording.all()).go();
    }

    @Test
    void pathFollowsTheRecordedParameters() {
        XYChart c = Plots.paths(new Rosenbrock(), adam).chart();
        XYSeries s = c.getSeriesMap().get(adam.label());
        assertNotNull(s, "series named by the run's label " + adam.label());
        double[] x0 = adam.param(0), y0 = adam.param(1);
        double[] dx = s.getXData(), dy = s.getYData();
        // 201 points are thinned for drawing: what is drawn is a subsequence of the recorded points,
        // from the first to the last.
        assertTrue(dx.length <= x0.length);
        int k = 0;
        for (int i = 0; i < dx.length; i++) {
            while (k < x0.length && !(x0[k] == dx[i] && y0[k] == dy[i])) k++;
            assertTrue(k < x0.length, "drawn point " + i + " is a recorded point, in order");
        }
        assertEquals(x0[0], dx[0]);
        assertEquals(x0[x0.length - 1], dx[dx.length - 1]);
        assertArrayEquals(new double[]{-1.2}, c.getSeriesMap().get("start of 0").getXData());
        assertArrayEquals(new double[]{adam.lastParams()[0]}, c.getSeriesMap().get("end of 0").getXData());
        assertTrue(c.getSeriesMap().containsKey("minimum"));
    }

    @Test
    void lossRatesAndStateCurves() {
        XYChart loss = Plots.loss(adam).chart();
        assertTrue(loss.getStyler().isYAxisLogarithmic());
        XYSeries l = loss.getSeriesMap().get(adam.label());
        assertNotNull(l, "loss named by the label: " + loss.getSeriesMap().keySet());
        assertArrayEquals(adam.losses(), l.getYData());

        XYChart rates = Plots.rates(adam).chart();
        // One curve per parameter; the start row's NaN rate is a gap, not a hidden-value note.
        assertNotNull(rates.getSeriesMap().get(adam.label() + " x\u2081"), rates.getSeriesMap().keySet().toString());
        assertNotNull(rates.getSeriesMap().get(adam.label() + " x\u2082"));

        XYChart v = Plots.state("v", adam).chart();
        double[] v1 = adam.state("v", 1);
        assertEquals(v1[v1.length - 1], v.getSeriesMap().get(adam.label() + " x\u2082").getYData()[v1.length - 1]);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Plots.state("G", adam));
        assertTrue(e.getMessage().contains("'G'") && e.getMessage().contains("v"), e.getMessage());
    }

    @Test
    void aLivePlotDrivenByARunLeavesTheWholePath() {
        LivePlotTest.FakeSink sink = new LivePlotTest.FakeSink();
        Trajectory t;
        try (LivePlot live = Plots.paths(new Rosenbrock()).live().sink(sink)) {
            t = Run.of(Optimizers.create("sgd").set("lr", 1e-3), new Rosenbrock()).from(-1.2, 1).steps(100)
                    .onStep(live.on("sgd")).go();
        }
        XYChart last = (XYChart) sink.last;
        double[] xs = last.getSeriesMap().get("sgd").getXData();
        assertEquals(100, xs.length, "one point per step (short paths are drawn point by point)");
        assertEquals(t.lastParams()[0], xs[99]);
    }
}
