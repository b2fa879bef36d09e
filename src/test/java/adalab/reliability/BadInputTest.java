package adalab.reliability;

import adalab.objectives.Beale;
import adalab.objectives.DiagonalQuadratic;
import adalab.objectives.Doc003Trap;
import adalab.objectives.LinearRegression;
import adalab.objectives.LogisticRegression;
import adalab.objectives.NonStationary;
import adalab.objectives.Objective;
import adalab.objectives.Objectives;
import adalab.objectives.Quadratic;
import adalab.objectives.ReddiCounterexample;
import adalab.objectives.Reparameterized;
import adalab.objectives.Rosenbrock;
import adalab.objectives.RotatedQuadratic;
import adalab.objectives.Sampling;
import adalab.optim.Optimizer;
import adalab.optim.Sgd;
import adalab.plot.CurvePlot;
import adalab.plot.LevelSets;
import adalab.plot.LivePlot;
import adalab.plot.PathPlot;
import adalab.plot.Plots;
import adalab.plot.Polyline;
import adalab.plot.ProgressBar;
import adalab.run.Checkpoint;
import adalab.run.Recording;
import adalab.run.Run;
import adalab.run.Trajectory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Bad values fed to the public entry points of adalab.objectives, adalab.run and adalab.plot:
 * each must throw IllegalArgumentException (or NullPointerException with a message, for null)
 * whose message names the parameter and, where there is one, the value given. Optimizers and
 * the CLI have their own batteries.
 */
class BadInputTest {

    /** One bad call and the words its message must contain (the parameter, the value). */
    record Case(String name, Executable call, String... mentions) { }

    private static final double NaN = Double.NaN, INF = Double.POSITIVE_INFINITY;

    private static Case c(String name, Executable call, String... mentions) { return new Case(name, call, mentions); }

    private static DynamicTest check(Case k) {
        return DynamicTest.dynamicTest(k.name, () -> {
            Throwable e = assertThrows(Throwable.class, k.call, k.name + ": accepted silently");
            assertTrue(e instanceof IllegalArgumentException || e instanceof NullPointerException,
                    k.name + ": threw " + e.getClass().getName() + " (" + e.getMessage() + "), not IllegalArgumentException");
            String m = e.getMessage();
            assertNotNull(m, k.name + ": " + e.getClass().getSimpleName() + " without a message");
            for (String w : k.mentions) {
                assertTrue(m.contains(w), k.name + ": the message does not mention '" + w + "': " + m);
            }
        });
    }

    // ------------------------------------------------------------------ objectives

    static List<Case> objectives() {
        Objective beale = new Beale();
        return List.of(
                c("DiagonalQuadratic()", () -> new DiagonalQuadratic()),
                c("DiagonalQuadratic(null)", () -> new DiagonalQuadratic((double[]) null)),
                c("DiagonalQuadratic(NaN)", () -> new DiagonalQuadratic(1, NaN), "NaN"),
                c("DiagonalQuadratic(-1)", () -> new DiagonalQuadratic(-1), "-1"),
                c("DiagonalQuadratic(0)", () -> new DiagonalQuadratic(2, 0), "0"),
                c("DiagonalQuadratic(Inf)", () -> new DiagonalQuadratic(INF), "Infinity"),
                c("Doc003Trap(delta NaN)", () -> new Doc003Trap(NaN, 1000, 1), "delta", "NaN"),
                c("Doc003Trap(delta -1)", () -> new Doc003Trap(-1, 1000, 1), "delta", "-1"),
                c("Doc003Trap(delta 0)", () -> new Doc003Trap(0, 1000, 1), "delta"),
                c("Doc003Trap(inner Inf)", () -> new Doc003Trap(0.1, INF, 1), "Infinity"),
                c("Doc003Trap(outer NaN)", () -> new Doc003Trap(0.1, 1000, NaN), "NaN"),
                c("LinearRegression(n 0)", () -> new LinearRegression(0, 2, 0.1, 1), "n", "0"),
                c("LinearRegression(n -5)", () -> new LinearRegression(-5, 2, 0.1, 1), "n", "-5"),
                c("LinearRegression(d 0)", () -> new LinearRegression(10, 0, 0.1, 1), "d", "0"),
                c("LinearRegression(noise NaN)", () -> new LinearRegression(10, 2, NaN, 1), "noise", "NaN"),
                c("LinearRegression(noise -1)", () -> new LinearRegression(10, 2, -1, 1), "noise", "-1"),
                c("LinearRegression(noise Inf)", () -> new LinearRegression(10, 2, INF, 1), "noise", "Infinity"),
                c("LinearRegression(w null)", () -> new LinearRegression(10, (double[]) null, 0.1, 1)),
                c("LinearRegression(w empty)", () -> new LinearRegression(10, new double[0], 0.1, 1)),
                c("LinearRegression(w NaN)", () -> new LinearRegression(10, new double[]{1, NaN}, 0.1, 1), "NaN"),
                c("LinearRegression(scales length)", () -> new LinearRegression(10, new double[]{1, 2},
                        new double[]{1}, 0.1, 1, Sampling.full()), "scales"),
                c("LinearRegression(scales 0)", () -> new LinearRegression(10, new double[]{1, 2},
                        new double[]{1, 0}, 0.1, 1, Sampling.full()), "scale 1", "0"),
                c("LinearRegression(sampling null)", () -> new LinearRegression(10, new double[]{1, 2},
                        new double[]{1, 1}, 0.1, 1, null), "sampling"),
                c("LinearRegression.fromData(empty)", () -> LinearRegression.fromData(new double[0][], new double[0], 1)),
                c("LinearRegression.fromData(ragged)", () -> LinearRegression.fromData(new double[][]{{1, 2}, {2}},
                        new double[]{1, 2}, 1)),
                c("LinearRegression.fromData(NaN)", () -> LinearRegression.fromData(new double[][]{{1}, {NaN}},
                        new double[]{1, 2}, 1), "NaN"),
                c("LinearRegression.fromData(target Inf)", () -> LinearRegression.fromData(new double[][]{{1}, {2}},
                        new double[]{1, INF}, 1), "Infinity"),
                c("LinearRegression.withSampling(null)", () -> new LinearRegression(10, 2, 0.1, 1).withSampling(null), "sampling"),
                c("LinearRegression batch > n", () -> new LinearRegression(10, 2, 0.1, 1).withSampling(Sampling.minibatch(11)), "11"),
                c("LogisticRegression(n 0)", () -> new LogisticRegression(0, new double[]{0.5}, 1), "n", "0"),
                c("LogisticRegression(freq null)", () -> new LogisticRegression(10, null, 1)),
                c("LogisticRegression(freq empty)", () -> new LogisticRegression(10, new double[0], 1)),
                c("LogisticRegression(freq 1.5)", () -> new LogisticRegression(10, new double[]{1.5}, 1), "1.5"),
                c("LogisticRegression(freq -0.1)", () -> new LogisticRegression(10, new double[]{-0.1}, 1), "-0.1"),
                c("LogisticRegression(freq NaN)", () -> new LogisticRegression(10, new double[]{NaN}, 1), "NaN"),
                c("LogisticRegression(w length)", () -> new LogisticRegression(10, new double[]{0.5, 0.5},
                        new double[]{1}, 1, Sampling.full())),
                c("LogisticRegression(w NaN)", () -> new LogisticRegression(10, new double[]{0.5},
                        new double[]{NaN}, 1, Sampling.full()), "NaN"),
                c("LogisticRegression(sampling null)", () -> new LogisticRegression(10, new double[]{0.5},
                        new double[]{1}, 1, null), "sampling"),
                c("NonStationary(inner null)", () -> new NonStationary(null, 2, 5), "wrapped objective"),
                c("NonStationary(factor NaN)", () -> new NonStationary(beale, NaN, 5), "factor", "NaN"),
                c("NonStationary(factor Inf)", () -> new NonStationary(beale, INF, 5), "factor", "Infinity"),
                c("NonStationary(jump -1)", () -> new NonStationary(beale, 2, -1), "-1"),
                c("Quadratic(null)", () -> new Quadratic(null)),
                c("Quadratic(empty)", () -> new Quadratic(new double[0][])),
                c("Quadratic(not square)", () -> new Quadratic(new double[][]{{1, 0}, {0}})),
                c("Quadratic(not symmetric)", () -> new Quadratic(new double[][]{{1, 2}, {0, 1}}), "symmetric"),
                c("Quadratic(NaN)", () -> new Quadratic(new double[][]{{1, 0}, {0, NaN}}), "NaN"),
                c("Quadratic(b length)", () -> new Quadratic(new double[][]{{1, 0}, {0, 1}}, new double[]{1}), "b"),
                c("Quadratic(b Inf)", () -> new Quadratic(new double[][]{{1, 0}, {0, 1}}, new double[]{1, INF}), "Infinity"),
                c("ReddiCounterexample(2)", () -> new ReddiCounterexample(2), "2"),
                c("ReddiCounterexample(NaN)", () -> new ReddiCounterexample(NaN), "NaN"),
                c("ReddiCounterexample(Inf)", () -> new ReddiCounterexample(INF), "Infinity"),
                c("Reparameterized(null)", () -> new Reparameterized(null, 1, 1)),
                c("Reparameterized(b empty)", () -> new Reparameterized(beale)),
                c("Reparameterized(b length)", () -> new Reparameterized(beale, 1, 2, 3), "3"),
                c("Reparameterized(b 0)", () -> new Reparameterized(beale, 1, 0), "0"),
                c("Reparameterized(b NaN)", () -> new Reparameterized(beale, 1, NaN), "NaN"),
                c("RotatedQuadratic(l1 0)", () -> new RotatedQuadratic(0, 1, 30), "0"),
                c("RotatedQuadratic(l2 NaN)", () -> new RotatedQuadratic(1, NaN, 30), "NaN"),
                c("RotatedQuadratic(deg Inf)", () -> new RotatedQuadratic(1, 2, INF), "Infinity"),
                c("Rosenbrock(a NaN)", () -> new Rosenbrock(NaN, 100), "NaN"),
                c("Rosenbrock(b Inf)", () -> new Rosenbrock(1, INF), "Infinity"),
                c("Sampling.minibatch(0)", () -> Sampling.minibatch(0), "0"),
                c("Beale.value(null)", () -> beale.value(null), "x"),
                c("Beale.value(3 elements)", () -> beale.value(new double[3]), "3"),
                c("Beale.gradient(grad short)", () -> beale.gradient(new double[2], new double[1]), "grad"),
                c("Rosenbrock.evaluate(x empty)", () -> new Rosenbrock().evaluate(new double[0], new double[2], 1)),
                c("LinearRegression.evaluate(x short)", () -> new LinearRegression(10, 2, 0.1, 1)
                        .evaluate(new double[1], new double[2], 1), "x"),
                c("LinearRegression.evaluate(step 0)", () -> new LinearRegression(10, 2, 0.1, 1)
                        .withSampling(Sampling.single()).evaluate(new double[2], new double[2], 0), "step"));
    }

    static List<Case> specs() {
        List<Case> l = new ArrayList<>();
        String[][] table = {
                // spec, a word the message must contain
                {"", "empty"},
                {"   ", "empty"},
                {"quadratic:", "quadratic"},
                {"quadratic:NaN", "NaN"},
                {"quadratic:-1", "-1"},
                {"quadratic:0", "0"},
                {"quadratic:inf", "inf"},
                {"quadratic:1,,2", "quadratic"},
                {"rotated:1,2", "rotated"},
                {"rotated:1,2,NaN", "NaN"},
                {"rosenbrock:1", "rosenbrock"},
                {"matrix:1,2;3", "matrix"},
                {"matrix:1,2;3,4", "symmetric"},
                {"matrix:1,0;0,1|1", "matrix b"},
                {"linreg:0,2,1", "n"},
                {"linreg:10,0,1", "d"},
                {"linreg:10,2,1.5", "seed"},
                {"linreg:10,2,1,-3", "batch"},
                {"linreg:10,2,1,20", "20"},
                {"linreg:10,2,1,noise=-1", "noise"},
                {"linreg:10,2,1,noise=NaN", "noise"},
                {"linreg:10,2,1,replace", "replace"},
                {"linreg:10,2,1,bogus=3", "bogus"},
                {"logreg:10,1,2", "2"},
                {"logreg:10,1,0.5/NaN", "NaN"},
                {"logreg:10,1,0.5,w=1/2", "w"},
                {"logreg:0,1,0.5", "n"},
                {"trap:0,1000,1", "delta"},
                {"trap:1,2", "trap"},
                {"reddi:1", "1"},
                {"reddi:inf", "inf"},
                {"jump:2,-1:beale", "jump"},
                {"jump:NaN,5:beale", "NaN"},
                {"jump:2,5", "jump"},
                {"reparam:0,1:beale", "0"},
                {"reparam:1:beale", "1"},
                {"reparam:1,1:nosuch", "nosuch"},
                {"nosuch", "nosuch"},
                {"beale:1", "beale"},
        };
        for (String[] row : table) l.add(c("fromSpec(\"" + row[0] + "\")", () -> Objectives.fromSpec(row[0]), row[1]));
        l.add(c("fromSpec(null)", () -> Objectives.fromSpec(null), "spec"));
        return l;
    }

    // ------------------------------------------------------------------ run

    static List<Case> run() {
        Objective bowl = new DiagonalQuadratic(1, 2);
        Optimizer sgd = new Sgd();
        Run r = Run.of(sgd, bowl);
        Trajectory t = Run.of(new Sgd(), bowl).steps(3).go();
        return List.of(
                c("Run.of(null, f)", () -> Run.of(null, bowl), "optimizer"),
                c("Run.of(o, null)", () -> Run.of(sgd, null), "objective"),
                c("Run.from(null)", () -> r.from((double[]) null), "start"),
                c("Run.from(empty)", () -> r.from(), "start", "0"),
                c("Run.from(3 elements)", () -> r.from(1, 2, 3), "start", "3"),
                c("Run.from(NaN)", () -> r.from(1, NaN), "start[1]", "NaN"),
                c("Run.from(-Inf)", () -> r.from(Double.NEGATIVE_INFINITY, 1), "start[0]", "-Infinity"),
                c("Run.steps(-1)", () -> r.steps(-1), "steps", "-1"),
                c("Run.steps(Long.MIN_VALUE)", () -> r.steps(Long.MIN_VALUE), "steps"),
                c("Run.record(null)", () -> r.record(null), "record"),
                c("Run.box(NaN, 1)", () -> r.box(NaN, 1), "box", "NaN"),
                c("Run.box(2, 1)", () -> r.box(2, 1), "box", "2"),
                c("Run.box(1, 1)", () -> r.box(1, 1), "box"),
                c("Run.resume(null)", () -> r.resume(null), "checkpoint"),
                c("Run.steps(huge).record(every 1)", () -> Run.of(new Sgd(), bowl).steps(Long.MAX_VALUE).go(), "steps"),
                c("Run start outside box", () -> Run.of(new Sgd(), bowl).from(5, 0).box(-1, 1).go(), "start[0]", "5"),
                c("Recording.every(0)", () -> Recording.every(0), "every", "0"),
                c("Recording.every(-3)", () -> Recording.every(-3), "every", "-3"),
                c("Trajectory.param(-1)", () -> t.param(-1), "index", "-1"),
                c("Trajectory.param(dim)", () -> t.param(2), "index", "2"),
                c("Trajectory.rate(5)", () -> t.rate(5), "5"),
                c("Trajectory.state(x, -1)", () -> t.state("m", -1), "-1"),
                c("Trajectory.gradient(row -1)", () -> t.gradient(-1), "row", "-1"),
                c("Trajectory.gradient(row size)", () -> t.gradient(t.size()), "row"),
                c("Trajectory.distanceTo(null)", () -> t.distanceTo(null), "point"),
                c("Trajectory.distanceTo(short)", () -> t.distanceTo(new double[1]), "point"),
                c("Checkpoint.of(null)", () -> Checkpoint.of((Optimizer) null), "optimizer"),
                c("Checkpoint.of(o, null, 0)", () -> Checkpoint.of(sgd, null, 0), "params"),
                c("Checkpoint.of(o, empty, 0)", () -> Checkpoint.of(sgd, new double[0], 0), "params"),
                c("Checkpoint.of(o, NaN, 0)", () -> Checkpoint.of(sgd, new double[]{NaN}, 0), "params[0]", "NaN"),
                c("Checkpoint.of(o, x, -1)", () -> Checkpoint.of(sgd, new double[]{1}, -1), "step", "-1"),
                c("Checkpoint.of(o, null trajectory)", () -> Checkpoint.of(sgd, (Trajectory) null), "trajectory"),
                c("Checkpoint.save(null)", () -> Checkpoint.of(sgd).save(null), "file"),
                c("Checkpoint.load(null)", () -> Checkpoint.load(null), "file"),
                c("Checkpoint.restoreInto(null)", () -> Checkpoint.of(sgd).restoreInto(null), "target"));
    }

    // ------------------------------------------------------------------ plot

    static List<Case> plot() {
        Objective beale = new Beale();
        Trajectory t = Run.of(new Sgd(), new DiagonalQuadratic(1, 2)).steps(3).go();
        Trajectory t3 = Run.of(new Sgd(), new DiagonalQuadratic(1, 2, 3)).steps(3).go();
        return List.of(
                c("Plots.paths(null objective)", () -> Plots.paths((Objective) null), "objective"),
                c("Plots.paths(3-D objective)", () -> Plots.paths(new DiagonalQuadratic(1, 2, 3)), "dimension"),
                c("Plots.paths(f, NaN window)", () -> Plots.paths((DoubleBinaryOperator) (x, y) -> x, NaN, 1, 0, 1), "NaN"),
                c("Plots.paths(f, xmin > xmax)", () -> Plots.paths((DoubleBinaryOperator) (x, y) -> x, 1, 0, 0, 1), "x"),
                c("Plots.paths(f, ymin = ymax)", () -> Plots.paths((DoubleBinaryOperator) (x, y) -> x, 0, 1, 2, 2), "y"),
                c("Plots.paths(f, Inf window)", () -> Plots.paths((DoubleBinaryOperator) (x, y) -> x, 0, INF, 0, 1), "Infinity"),
                c("Plots.paths(null f)", () -> Plots.paths((DoubleBinaryOperator) null, 0, 1, 0, 1), "f"),
                c("Plots.paths(beale, null run)", () -> Plots.paths(beale, (Trajectory) null), "trajectory"),
                c("Plots.paths(beale, 3-D run)", () -> Plots.paths(beale, t3), "dimension"),
                c("Plots.loss(null run)", () -> Plots.loss((Trajectory) null), "trajectory"),
                c("Plots.rates(run without rates)", () -> Plots.rates(t), "rates"),
                c("Plots.state(null name)", () -> Plots.state(null), "name"),
                c("Plots.state(absent)", () -> Plots.state("m", t), "m"),
                c("Plots.heatmap(null xs)", () -> Plots.heatmap(null, new double[]{1}, new double[][]{{1}}), "xs"),
                c("Plots.heatmap(empty)", () -> Plots.heatmap(new double[0], new double[0], new double[0][])),
                c("Plots.heatmap(rows mismatch)", () -> Plots.heatmap(new double[]{1, 2}, new double[]{1},
                        new double[][]{{1}, {2}}), "values"),
                c("Plots.save(null chart)", () -> Plots.save(null, "x.png"), "chart"),
                c("Plots.save(null path)", () -> Plots.save(Plots.loss(t).chart(), null), "path"),
                c("Plots.toPng(null)", () -> Plots.toPng(null), "chart"),
                c("CurvePlot.add(null values)", () -> Plots.loss().add("a", null), "values"),
                c("CurvePlot.add(lengths)", () -> Plots.loss().add("a", new double[]{1, 2}, new double[]{1}), "values"),
                c("CurvePlot.add(null steps)", () -> Plots.loss().add("a", null, new double[]{1}), "steps"),
                c("CurvePlot.add(blank label)", () -> Plots.loss().add(" ", new double[]{1}, new double[]{1}), "label"),
                c("CurvePlot.add(param -1)", () -> Plots.rates().add("a", -1, new double[]{1}, new double[]{1}), "param", "-1"),
                c("CurvePlot.size(0, 100)", () -> Plots.loss().size(0, 100), "width", "0"),
                c("CurvePlot.size(100, -1)", () -> Plots.loss().size(100, -1), "height", "-1"),
                c("CurvePlot.run(null)", () -> Plots.loss().run(null), "trajectory"),
                c("CurvePlot.run(t, 7)", () -> Plots.rates().run(t, 7), "params", "7"),
                c("Plots.curves().run(t)", () -> Plots.curves().run(t), "run"),
                c("PathPlot.path(lengths)", () -> Plots.paths(beale).path("a", new double[]{1, 2}, new double[]{1}), "ys"),
                c("PathPlot.path(null xs)", () -> Plots.paths(beale).path("a", null, new double[]{1}), "xs"),
                c("PathPlot.path(ragged points)", () -> Plots.paths(beale).path("a", new double[][]{{1, 2}, {3}}), "points"),
                c("PathPlot.path(null trajectory)", () -> Plots.paths(beale).path((Trajectory) null), "trajectory"),
                c("PathPlot.size(-5, 10)", () -> Plots.paths(beale).size(-5, 10), "width", "-5"),
                c("PathPlot.levels(0)", () -> Plots.paths(beale).levels(0), "0"),
                c("PathPlot.levels(NaN)", () -> Plots.paths(beale).levels(NaN), "NaN"),
                c("PathPlot.grid(1)", () -> Plots.paths(beale).grid(1), "1"),
                c("LevelSets.of(null objective)", () -> LevelSets.of((Objective) null), "objective"),
                c("LevelSets.grid(0)", () -> LevelSets.of(beale).grid(0), "0"),
                c("LevelSets.grid(-3)", () -> LevelSets.of(beale).grid(-3), "-3"),
                c("LevelSets.count(0)", () -> LevelSets.of(beale).count(0), "0"),
                c("LevelSets.quantile(NaN)", () -> LevelSets.of(beale).quantile(NaN), "quantile", "NaN"),
                c("LevelSets.quantile(1.5)", () -> LevelSets.of(beale).quantile(1.5), "quantile", "1.5"),
                c("LevelSets.at()", () -> LevelSets.of(beale).at(), "levels"),
                c("LevelSets.at(null)", () -> LevelSets.of(beale).at((double[]) null), "levels"),
                c("LevelSets.at(Inf)", () -> LevelSets.of(beale).at(1, INF), "Infinity"),
                c("LevelSets.trace(mismatch)", () -> LevelSets.trace(new double[]{0, 1}, new double[]{0, 1},
                        new double[][]{{0, 1}}, 0.5), "z"),
                c("LevelSets.logLevels(count 0)", () -> LevelSets.logLevels(new double[][]{{1, 2}, {3, 4}}, 0, 0.9), "count"),
                c("Polyline(lengths)", () -> new Polyline(1, new double[]{1, 2}, new double[]{1}, false), "ys"),
                c("Polyline(null)", () -> new Polyline(1, null, new double[]{1}, false), "xs"),
                c("LivePlot.fps(0)", () -> Plots.loss().live().fps(0), "fps", "0"),
                c("LivePlot.fps(NaN)", () -> Plots.loss().live().fps(NaN), "fps", "NaN"),
                c("LivePlot.sink(null)", () -> Plots.loss().live().sink(null), "sink"),
                c("LivePlot.on(null)", () -> Plots.loss().live().on(null), "label"),
                c("ProgressBar.of(0)", () -> ProgressBar.of(0), "total", "0"),
                c("ProgressBar.of(-1)", () -> ProgressBar.of(-1), "total", "-1"),
                c("ProgressBar.fps(NaN)", () -> ProgressBar.of(5).fps(NaN), "fps", "NaN"),
                c("ProgressBar.fps(Inf)", () -> ProgressBar.of(5).fps(INF), "fps", "Infinity"),
                c("ProgressBar.advance(-1)", () -> ProgressBar.of(5).advance(-1), "n", "-1"),
                c("ProgressBar.set(-1)", () -> ProgressBar.of(5).set(-1), "done", "-1"));
    }

    /** LinearRegression.fromData's data checks: each refusal names the array and the lengths. */
    static List<Case> linearRegressionData() {
        return List.of(
                c("LinearRegression.fromData(null)", () -> LinearRegression.fromData(null, new double[]{1}, 1), "features"),
                c("LinearRegression.fromData(lengths)", () -> LinearRegression.fromData(new double[][]{{1}, {2}},
                        new double[]{1}, 1), "targets", "1", "2"),
                c("LinearRegression.fromData(null row)", () -> LinearRegression.fromData(new double[][]{{1}, null},
                        new double[]{1, 2}, 1), "features[1]"));
    }

    @TestFactory
    Stream<DynamicTest> linearRegressionDataEntryPoints() {
        return linearRegressionData().stream().map(BadInputTest::check);
    }

    @TestFactory
    Stream<DynamicTest> objectiveEntryPoints() { return objectives().stream().map(BadInputTest::check); }

    @TestFactory
    Stream<DynamicTest> objectiveSpecs() { return specs().stream().map(BadInputTest::check); }

    @TestFactory
    Stream<DynamicTest> runEntryPoints() { return run().stream().map(BadInputTest::check); }

    @TestFactory
    Stream<DynamicTest> plotEntryPoints() { return plot().stream().map(BadInputTest::check); }

    // ------------------------------------------------------------------ schedules and half precision

    static List<Case> schedulesAndHalf() {
        return List.of(
                c("Schedules.step(every 0)", () -> adalab.optim.Schedules.step(0, 0.5), "every", "0"),
                c("Schedules.step(factor NaN)", () -> adalab.optim.Schedules.step(10, NaN), "factor", "NaN"),
                c("Schedules.exponential(NaN)", () -> adalab.optim.Schedules.exponential(NaN), "gamma", "NaN"),
                c("Schedules.exponential(-1)", () -> adalab.optim.Schedules.exponential(-1), "gamma", "-1"),
                c("Schedules.invSqrt(-2)", () -> adalab.optim.Schedules.invSqrt(-2), "offset", "-2"),
                c("Schedules.cosine(T 1)", () -> adalab.optim.Schedules.cosine(1, 0), "T", "1"),
                c("Schedules.cosine(min NaN)", () -> adalab.optim.Schedules.cosine(100, NaN), "min", "NaN"),
                c("Schedules.warmup(0)", () -> adalab.optim.Schedules.warmup(0), "w", "0"),
                c("Schedules.function(null label)", () -> adalab.optim.Schedules.function(null, t -> 1.0), "label"),
                c("HalfPrecision.of(null)", () -> adalab.optim.HalfPrecision.of(null, adalab.optim.HalfPrecision.Mode.ALL_FP16), "optimizer"),
                c("HalfPrecision.of(mode null)", () -> adalab.optim.HalfPrecision.of(new Sgd(), null), "mode"),
                c("HalfPrecision lengths differ", () -> adalab.optim.HalfPrecision.of(new Sgd(), adalab.optim.HalfPrecision.Mode.ALL_FP16)
                        .step(new float[2], new float[3]), "params", "grad"),
                c("CurvePlot.colour(null label)", () -> Plots.curves().colour(null, java.awt.Color.RED), "label"),
                c("PathPlot.colour(no colour)", () -> Plots.paths(new Rosenbrock()).colour("adam", null), "colour", "adam"));
    }

    @TestFactory
    Stream<DynamicTest> scheduleAndHalfPrecisionEntryPoints() { return schedulesAndHalf().stream().map(BadInputTest::check); }

    // ------------------------------------------------------------------ state untouched

    @Test
    void aRefusedRunSettingKeepsThePreviousOne() {
        Run r = Run.of(new Sgd().lr(0.1), new DiagonalQuadratic(2)).from(1).steps(5).record(Recording.every(2)).box(-3, 3);
        assertThrows(IllegalArgumentException.class, () -> r.steps(-1));
        assertThrows(IllegalArgumentException.class, () -> r.from(NaN));
        assertThrows(IllegalArgumentException.class, () -> r.record(null));
        assertThrows(IllegalArgumentException.class, () -> r.box(1, -1));
        assertThrows(IllegalArgumentException.class, () -> r.resume(null));
        Trajectory t = r.go();
        // SGD on x² (gradient 2x) with lr 0.1 from 1: x_s = 0.8^s; rows at 0, 2, 4, 5.
        assertArrayEquals(new long[]{0, 2, 4, 5}, t.steps());
        assertEquals(Math.pow(0.8, 5), t.lastParams()[0], 1e-15);
    }

    @Test
    void aRefusedStartDoesNotTouchTheOptimizer() {
        Optimizer o = new Sgd().lr(0.1);
        o.step(new double[]{1, 2}, new double[]{1, 1});
        Run r = Run.of(o, new DiagonalQuadratic(2, 2)).keepState().from(1, 1).box(-1, 2);
        assertThrows(IllegalArgumentException.class, () -> r.from(3, 0).go(), "start outside the box");
        assertEquals(1, o.step(), "the refused run took no step");
    }

    /**
     * Not errors on purpose: a diverged run's non-finite points and an empty series are drawn as
     * gaps, and the legend says so, rather than refusing the plot of a failed experiment.
     */
    @Test
    void nonFinitePointsArePlottedAsAnnouncedGaps() {
        CurvePlot cp = Plots.loss().add("a", new double[]{1, NaN, 3}, new double[]{1, 2, 3});
        String names = String.join("|", cp.chart().getSeriesMap().keySet());
        assertTrue(names.contains("(1 ") && names.contains("not finite, not shown"), names);
        PathPlot pp = Plots.paths(new Beale()).path("adam", new double[]{0, 1, NaN}, new double[]{0, 1, 1});
        String paths = String.join("|", pp.chart().getSeriesMap().keySet());
        assertTrue(paths.contains("adam (diverged)"), paths);
        assertEquals(1, Plots.loss().add("a", new double[0], new double[0]).chart().getSeriesMap().size());
        assertTrue(Plots.paths(new Beale()).path("b", new double[0], new double[0]).chart().getSeriesMap().keySet()
                .stream().anyMatch(k -> k.startsWith("b")));
    }

    @Test
    void refusedPlotSettingsKeepThePreviousOnes() {
        LevelSets ls = LevelSets.of(new Beale()).grid(31).count(5);
        double[] levels = ls.levels();
        assertThrows(IllegalArgumentException.class, () -> ls.grid(0));
        assertThrows(IllegalArgumentException.class, () -> ls.count(-2));
        assertThrows(IllegalArgumentException.class, () -> ls.quantile(NaN));
        assertThrows(IllegalArgumentException.class, () -> ls.at(NaN));
        assertEquals(31, ls.xs().length);
        assertArrayEquals(levels, ls.levels());

        ProgressBar p = ProgressBar.of(10).sink(new adalab.plot.DisplaySink() {
            @Override public String show(Object value) { return "id"; }
            @Override public void update(String id, Object value) { }
        }).clock(() -> 0);
        p.set(3);
        assertThrows(IllegalArgumentException.class, () -> p.set(-1));
        assertThrows(IllegalArgumentException.class, () -> p.advance(-4));
        assertEquals(3, p.count());

        CurvePlot cp = Plots.loss().add("a", new double[]{1, 2}, new double[]{3, 4});
        String before = Arrays.toString(cp.chart().getSeriesMap().keySet().toArray());
        assertThrows(IllegalArgumentException.class, () -> cp.add("b", new double[]{1}, new double[]{1, 2}));
        assertThrows(IllegalArgumentException.class, () -> cp.size(0, 0));
        assertEquals(before, Arrays.toString(cp.chart().getSeriesMap().keySet().toArray()), "no half-added curve");
        PathPlot pp = Plots.paths(new Beale()).path("a", new double[]{1, 2}, new double[]{1, 2});
        int n = pp.chart().getSeriesMap().size();
        assertThrows(IllegalArgumentException.class, () -> pp.path("b", new double[]{1, 2}, new double[]{1}));
        assertEquals(n, pp.chart().getSeriesMap().size());
        LivePlot lp = Plots.loss().live();
        assertThrows(IllegalArgumentException.class, () -> lp.fps(-1));
    }
}
