package adalab.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Named schedules: values from the formulas by hand (mostly powers of two, so exact), labels, validation. */
class SchedulesTest {

    @Test
    void constantIsTheBase() {
        Schedule s = Schedules.constant();
        assertEquals(0.3, s.rate(1, 0.3));
        assertEquals(0.3, s.rate(1_000_000, 0.3));
    }

    @Test
    void stepDropsByTheFactorAfterEveryKSteps() {
        // η f^⌊(t−1)/k⌋ with k = 3, f = 1/2: three steps at each level.
        Schedule s = Schedules.step(3, 0.5);
        double[] want = {0.8, 0.8, 0.8, 0.4, 0.4, 0.4, 0.2};
        for (int t = 1; t <= 7; t++) assertEquals(want[t - 1], s.rate(t, 0.8), 0.0, "t = " + t);
    }

    @Test
    void exponentialIsGammaToTheTMinusOne() {
        Schedule s = Schedules.exponential(0.5);
        assertEquals(0.8, s.rate(1, 0.8), 0.0);
        assertEquals(0.1, s.rate(4, 0.8), 0.0); // 0.8 / 8
        assertEquals(0.9 * Math.pow(0.99, 99), Schedules.exponential(0.99).rate(100, 0.9), 1e-15);
    }

    @Test
    void invSqrtIsEtaOverRootTExactly() {
        Schedule s = Schedules.invSqrt();
        assertEquals(0.6, s.rate(1, 0.6), 0.0);
        assertEquals(0.3, s.rate(4, 0.6), 0.0);
        assertEquals(0.15, s.rate(16, 0.6), 0.0);
        assertEquals(0.6 / 1000, s.rate(1_000_000, 0.6), 0.0);
        // With offset s = 3: η√(4/(t+3)): η at t = 1, η/2 at t = 13.
        Schedule o = Schedules.invSqrt(3);
        assertEquals(0.6, o.rate(1, 0.6), 0.0);
        assertEquals(0.3, o.rate(13, 0.6), 0.0);
    }

    @Test
    void cosineReachesItsFloorAtT() {
        // min + (η−min)(1 + cos(π(t−1)/(T−1)))/2, T = 5, η = 1.1, min = 0.1
        Schedule s = Schedules.cosine(5, 0.1);
        assertEquals(1.1, s.rate(1, 1.1), 1e-15);
        assertEquals(0.1 + (1 + Math.sqrt(0.5)) / 2, s.rate(2, 1.1), 1e-15); // cos(π/4) = √½
        assertEquals(0.6, s.rate(3, 1.1), 1e-15);                           // cos(π/2) = 0
        assertEquals(0.1, s.rate(5, 1.1), 0.0);                             // the floor at T
        assertEquals(0.1, s.rate(1000, 1.1), 0.0);                          // and after
        for (int t = 1; t < 5; t++) assertTrue(s.rate(t + 1, 1.1) < s.rate(t, 1.1), "decreasing at t = " + t);
    }

    @Test
    void warmupRampsLinearlyAroundAnyInnerSchedule() {
        Schedule w = Schedules.warmup(4);
        double[] want = {0.25, 0.5, 0.75, 1, 1, 1};
        for (int t = 1; t <= 6; t++) assertEquals(want[t - 1], w.rate(t, 1.0), 0.0, "t = " + t);
        // around step(2, ½): inner 1, 1, ½, ½, ¼ times t/4 up to t = 4
        Schedule ws = Schedules.step(2, 0.5).withWarmup(4);
        double[] want2 = {0.25, 0.5, 0.375, 0.5, 0.25};
        for (int t = 1; t <= 5; t++) assertEquals(want2[t - 1], ws.rate(t, 1.0), 0.0, "t = " + t);
    }

    @Test
    void userFunctions() {
        Schedule f = Schedules.function("halving", (t, base) -> base / (1L << Math.min(t - 1, 60)));
        assertEquals(0.125, f.rate(4, 1.0), 0.0);
        assertEquals("halving", f.label());
        Schedule g = Schedules.function("fixed 1/t", t -> 1.0 / t);
        assertEquals(0.25, g.rate(4, 123.0), 0.0);
    }

    @Test
    void labelsAreReadable() {
        assertEquals("constant", Schedules.constant().label());
        assertEquals("step(every=30, factor=0.1)", Schedules.step(30, 0.1).label());
        assertEquals("exponential(gamma=0.99)", Schedules.exponential(0.99).toString());
        assertEquals("exponential(gamma=0.997699)", Schedules.exponential(Math.pow(0.01, 1.0 / 1999)).toString());
        assertEquals("invsqrt(offset=0)", Schedules.invSqrt().label());
        assertEquals("invsqrt(offset=10)", Schedules.invSqrt(10).label());
        assertEquals("cosine(T=1000, min=0)", Schedules.cosine(1000, 0).label());
        assertEquals("cosine(T=1000, min=0.0001)", Schedules.cosine(1000, 1e-4).label());
        assertEquals("warmup(w=100, cosine(T=1000, min=0))", Schedules.cosine(1000, 0).withWarmup(100).label());
        Schedule lambda = (t, b) -> b;
        assertEquals("custom", lambda.label());
        assertEquals("none", Schedules.label(null));
    }

    private static void refused(Runnable r, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should contain '" + p + "'");
    }

    @Test
    void badParametersAreRefusedNamingParameterValueAndRange() {
        refused(() -> Schedules.step(0, 0.5), "step", "every = 0", "integer >= 1");
        refused(() -> Schedules.step(2, 0), "factor = 0", "(0, 1]");
        refused(() -> Schedules.step(2, 1.5), "factor = 1.5", "(0, 1]");
        refused(() -> Schedules.step(2, Double.NaN), "factor = NaN");
        refused(() -> Schedules.exponential(0), "exponential", "gamma = 0", "(0, 1]");
        refused(() -> Schedules.exponential(1.01), "gamma = 1.01");
        refused(() -> Schedules.invSqrt(-1), "invsqrt", "offset = -1", ">= 0");
        refused(() -> Schedules.invSqrt(Double.POSITIVE_INFINITY), "offset = Infinity", "finite");
        refused(() -> Schedules.cosine(1, 0), "cosine", "T = 1", "integer >= 2");
        refused(() -> Schedules.cosine(10, -0.5), "min = -0.5", ">= 0");
        refused(() -> Schedules.cosine(10, Double.NaN), "min = NaN");
        refused(() -> Schedules.warmup(0), "warmup", "w = 0", "integer >= 1");
        refused(() -> Schedules.warmup(3, null), "warmup", "null");
        refused(() -> Schedules.function(" ", (t, b) -> b), "label");
        refused(() -> Schedules.function("f", (Schedule) null), "null");
        refused(() -> Schedules.constant().rates(-1, 1), "n = -1");
        refused(() -> Schedules.constant().rates(3, 0), "base = 0");
    }

    @Test
    void ratesListsStepsOneToN() {
        assertArrayEquals(new double[]{1, 0.5, 0.25}, Schedules.exponential(0.5).rates(3, 1), 0.0);
    }

    @Test
    void everyOptimizerWithALearningRateTakesASchedule() {
        int withLr = 0;
        for (String name : Optimizers.names()) {
            Optimizer o = Optimizers.create(name);
            boolean hasLr = o.hyperparameters().stream().anyMatch(h -> h.name().equals("lr"));
            if (!hasLr) {
                refused(() -> o.schedule(Schedules.constant()), name, "no learning rate");
                continue;
            }
            withLr++;
            // Every method scales its whole step (and any velocity it builds) by the rate: a
            // schedule that is 0 everywhere keeps the parameters still; without it they move.
            o.schedule(Schedules.function("zero", (t, b) -> 0.0));
            double[] x = {1.0, -2.0};
            for (int k = 0; k < 3; k++) o.step(x, new double[]{0.5, -0.25});
            assertArrayEquals(new double[]{1.0, -2.0}, x, 0.0, name + ": a zero rate must not move the parameters");
            o.schedule(null).reset();
            for (int k = 0; k < 3; k++) o.step(x, new double[]{0.5, -0.25});
            assertNotEquals(1.0, x[0], name + ": the base rate must move");
        }
        assertEquals(11, withLr, "all but AdaDelta and Rprop have an lr");
    }

    @Test
    void sgdAppliesTheScheduledRateEachStep() {
        // f = ½x², g = x: x_t = Π (1 − η_t) x₀ with η = ½, ½, ¼, ¼, ⅛ (step(2, ½) on η = ½).
        Sgd o = new Sgd().lr(0.5);
        o.schedule(Schedules.step(2, 0.5));
        double[] x = {1.0};
        for (int t = 0; t < 5; t++) o.step(x, new double[]{x[0]});
        assertEquals(0.5 * 0.5 * 0.75 * 0.75 * 0.875, x[0], 0.0);
    }

    @Test
    void adamsFirstStepUnderWarmupIsEtaOverW() {
        // Adam's first step is η·g/(|g| + ε) ≈ η·sign(g); under warmup(w) it is η/w.
        Adam a = new Adam().lr(0.1);
        a.schedule(Schedules.warmup(10));
        double[] x = {0.0};
        a.step(x, new double[]{3.0});
        assertEquals(-0.01, x[0], 1e-9);
    }

    @Test
    void aNegativeScheduledRateIsRefusedAtItsStepWithStateUntouched() {
        Sgd o = new Sgd().lr(0.1);
        o.schedule(Schedules.function("goes negative", (t, b) -> t < 3 ? b : -1));
        double[] x = {1.0};
        o.step(x, new double[]{1});
        o.step(x, new double[]{1});
        double[] before = x.clone();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.step(x, new double[]{1}));
        assertTrue(e.getMessage().contains("step 3"), e.getMessage());
        assertEquals(2, o.step());
        assertArrayEquals(before, x, 0.0);
    }
}
