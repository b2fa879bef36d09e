package adalab.plot.figure;

import adalab.objectives.Rosenbrock;
import adalab.optim.Adam;
import adalab.optim.Momentum;
import adalab.plot.Plots;
import adalab.run.Run;
import adalab.run.Trajectory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input is refused with a message naming what is wrong. */
class FigureInputTest {

    private static Trajectory run(String label, int steps) {
        return Run.of(new Adam().set("lr", 0.01), new Rosenbrock()).from(-1.2, 1).steps(steps).label(label).go();
    }

    private static void refused(String expectedPart, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(expectedPart), "message '" + e.getMessage() + "' should name " + expectedPart);
    }

    @Test
    void emptyFamilies() {
        refused("runs: none", () -> Replay.of());
        refused("values of lr: none", () -> Family.of("lr", new double[0]));
        refused("values of gamma: none", () -> Family.sweep(new Momentum(), new Rosenbrock()).over("gamma"));
        refused("over: no hyperparameter", () -> Family.sweep(new Momentum(), new Rosenbrock()).run());
        refused("2 given for 3 values of lr", () -> Family.of("lr", new double[]{1, 2, 3}, run("a", 5), run("b", 5)));
    }

    @Test
    void runsOfDifferentLengths() {
        Replay r = Replay.of(run("adam 50", 50), run("adam 60", 60)).paths(Plots.paths(new Rosenbrock()));
        refused("'adam 60' has 61 rows, 'adam 50' has 51", r::html);
    }

    @Test
    void aHyperparameterTheOptimizerDoesNotHave() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Family.sweep(new Momentum(), new Rosenbrock()).over("beta2", 0.9, 0.99));
        assertTrue(e.getMessage().contains("'beta2' is not a numeric hyperparameter of momentum"), e.getMessage());
        assertTrue(e.getMessage().contains("gamma") && e.getMessage().contains("lr"), "lists what it has: " + e.getMessage());
        refused("gamma", () -> Family.sweep(new Momentum(), new Rosenbrock()).over("gamma", 0.5, 1.0));   // out of [0, 1)
    }

    @Test
    void nanInARun() {
        Trajectory t = run("adam", 20);
        Replay r = Replay.of(t).curves(Plots.curves(), "x\u2081 with a hole", tr -> {
            double[] v = tr.param(0);
            v[7] = Double.NaN;
            return v;
        });
        refused("run 'adam': x\u2081 with a hole is NaN at row 7", r::html);
        // A state starts with NaN (no value before step 1): that is allowed.
        Trajectory s = Run.of(new Adam().set("lr", 0.01), new Rosenbrock()).from(-1.2, 1).steps(20)
                .record(adalab.run.Recording.all()).label("adam").go();
        assertTrue(Double.isNaN(s.state("m", 0)[0]));
        assertTrue(Replay.of(s).curves(Plots.state("m"), "m", tr -> tr.state("m", 0)).sizeBytes() > 0);
    }

    @Test
    void aSliderValueThatIsNotInTheFamily() {
        Family fam = Family.sweep(new Momentum().set("lr", 0.001), new Rosenbrock()).over("gamma", 0.5, 0.9).from(-1.2, 1).steps(10).run();
        refused("gamma = 0.7 is not one of the family's values", () -> Slider.of(fam).at(0.7));
        refused("at: 2 values given, 1", () -> Slider.of(fam).at(0.5, 0.9));
        refused("panels: none", () -> Slider.of(fam).html());
    }

    @Test
    void sizesAndPathsOfTheRecordedFigure() {
        Replay r = Replay.of(run("adam", 10)).paths(Plots.paths(new Rosenbrock()));
        assertEquals(r.html(), r.html(), "drawn once");
        refused("allowed extensions .html and .png", () -> r.save("x.svg"));
    }

    @Test
    void precomputedCurves() {
        double[] steps = {0, 1, 2, 3};
        double[][] curves = {{1, 0.5, 0.25, 0.125}, {1, 2, 4, 8}};
        Slider s = Slider.ofCurves("eps", new double[]{1e-8, 1e-4}, steps, curves).curves(Plots.loss(), "all fp16").at(1e-4);
        FigureData d = s.data();
        assertEquals(2, d.cells.size());
        double[] u = d.cells.get(1).get(0).get(0)[1].decode();      // frame 1, panel 0, series 0, y
        for (int k = 0; k < 4; k++) assertEquals(Math.log10(curves[1][k]), u[k], 1e-3, "log10 of the given value");
        refused("curves: 1 given for 2 values of eps", () -> Slider.ofCurves("eps", new double[]{1, 2}, steps, new double[][]{{1, 2, 3, 4}}));
        refused("curves[0]: 3 points given, 4", () -> Slider.ofCurves("eps", new double[]{1}, steps, new double[][]{{1, 2, 3}}));
        refused("steps[2] = 1.5: allowed increasing integers", () -> Slider.ofCurves("eps", new double[]{1}, new double[]{0, 1, 1.5, 2}, new double[][]{{1, 2, 3, 4}}));
        refused("only for Slider.ofCurves", () -> Slider.of(Family.sweep(new Momentum().set("lr", 0.001), new Rosenbrock())
                .over("gamma", 0.5).from(-1.2, 1).steps(3).run()).curves(Plots.loss(), "loss"));
    }
}
