package adalab.cli;

import adalab.optim.Optimizers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class TraceTest {

    @TempDir
    Path dir;

    /** What one call of the command left behind. */
    record Result(int code, String out, String err) {
        List<String> rows() { return out.isEmpty() ? List.of() : List.of(out.split("\n")); }

        List<String> errLines() { return err.isEmpty() ? List.of() : List.of(err.split("\\R")); }

        double[] row(int i) {
            String[] f = rows().get(i).split(",");
            double[] v = new double[f.length];
            for (int k = 0; k < f.length; k++) v[k] = Double.parseDouble(f[k]);
            return v;
        }
    }

    static Result trace(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code;
        try (PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            code = Main.run(prepend("trace", args), out, err);
        }
        return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    private static String[] prepend(String first, String[] rest) {
        String[] a = new String[rest.length + 1];
        a[0] = first;
        System.arraycopy(rest, 0, a, 1, rest.length);
        return a;
    }

    private String file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p.toString();
    }

    private static void assertRel(double expected, double actual, double tol, String what) {
        double scale = Math.max(Math.abs(expected), 1e-300);
        assertTrue(Math.abs(actual - expected) / scale <= tol,
                what + ": expected " + expected + " but was " + actual);
    }

    @AfterEach
    void restoreLimit() { Trace.inMemoryLimit = 1L << 24; }

    // ------------------------------------------------------------------ output shape

    @Test
    void headerStepZeroRowAndOneRowPerStep() {
        Result r = trace("--optimizer", "adam", "--steps", "4", "--objective", "quadratic:1,10", "--start", "1.5,-2");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        List<String> rows = r.rows();
        assertEquals(6, rows.size());
        assertEquals("step,x0,x1", rows.get(0));
        assertEquals("0,1.5,-2.0", rows.get(1));
        for (int k = 1; k <= 4; k++) assertTrue(rows.get(k + 1).startsWith(k + ","), rows.get(k + 1));
        assertTrue(r.out().endsWith("\n"));
    }

    @Test
    void everyKeepsRowsWhoseStepIsAMultipleOfK() {
        Result all = trace("--optimizer", "adam", "--steps", "10", "--objective", "rosenbrock", "--start", "-1.2,1");
        Result some = trace("--optimizer", "adam", "--steps", "10", "--objective", "rosenbrock", "--start", "-1.2,1",
                "--every", "3");
        assertEquals(0, some.code(), some.err());
        List<String> rows = some.rows();
        assertEquals(List.of("step,x0,x1"), rows.subList(0, 1));
        assertEquals(5, rows.size()); // header, 0, 3, 6, 9
        for (int i = 0; i < 4; i++) {
            int step = 3 * i;
            assertEquals(all.rows().get(step + 1), rows.get(i + 1), "step " + step);
        }
    }

    @Test
    void zeroStepsPrintsTheStartOnly() {
        Result r = trace("--optimizer", "adam", "--steps", "0", "--objective", "quadratic:1", "--start", "0.25");
        assertEquals(0, r.code(), r.err());
        assertEquals("step,x0\n0,0.25\n", r.out());
    }

    @Test
    void optionsAlsoAcceptTheEqualsForm() {
        Result a = trace("--optimizer=adam", "--steps=2", "--objective=quadratic:2", "--start=1");
        Result b = trace("--optimizer", "adam", "--steps", "2", "--objective", "quadratic:2", "--start", "1");
        assertEquals(0, a.code(), a.err());
        assertEquals(b.out(), a.out());
    }

    // ------------------------------------------------------------------ numbers against hand algebra

    @Test
    void adamOnAQuadraticMatchesAStraightforwardReference() {
        // f = ½(2x² + 0.5y²): gradient (2x, 0.5y). A separate float64 Adam written from the formula.
        double lr = 0.05, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        double[] a = {2, 0.5}, x = {1, -3}, m = new double[2], v = new double[2];
        int steps = 6;
        Result r = trace("--optimizer", "adam", "--set", "lr=0.05", "--steps", "" + steps,
                "--objective", "quadratic:2,0.5", "--start", "1,-3");
        assertEquals(0, r.code(), r.err());
        for (int t = 1; t <= steps; t++) {
            for (int i = 0; i < 2; i++) {
                double g = a[i] * x[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mh = m[i] / (1 - Math.pow(b1, t)), vh = v[i] / (1 - Math.pow(b2, t));
                x[i] -= lr * mh / (Math.sqrt(vh) + eps);
            }
            double[] row = r.row(t + 1);
            assertEquals(t, row[0]);
            assertRel(x[0], row[1], 1e-12, "x0 at step " + t);
            assertRel(x[1], row[2], 1e-12, "x1 at step " + t);
        }
        // First step by hand: m̂ = g and v̂ = g², so each coordinate moves by lr·g/(|g|+ε) ≈ lr.
        assertRel(1 - 0.05 * 2 / (2 + 1e-8), r.row(2)[1], 1e-15, "first step x0");
    }

    @Test
    void sgdOnAQuadraticIsGeometric() {
        // x_k = x0·(1 − lr·a)^k for ½a x², lr = 0.1, a = 3: factor 0.7.
        Result r = trace("--optimizer", "sgd", "--set", "lr=0.1", "--steps", "20",
                "--objective", "quadratic:3", "--start", "2");
        assertEquals(0, r.code(), r.err());
        for (int k = 0; k <= 20; k++) assertRel(2 * Math.pow(0.7, k), r.row(k + 1)[1], 1e-13, "step " + k);
    }

    @Test
    void firstAdamStepRatioWithAndWithoutBiasCorrection() throws IOException {
        // Doc 003: with m̂ = m/(1−β₁), v̂ = v/(1−β₂) the first step is η; without, η(1−β₁)/√(1−β₂).
        String g = file("g.csv", "1\n1\n1\n");
        Result on = trace("--optimizer", "adam", "--set", "eps=0", "--steps", "1", "--gradients", g);
        Result off = trace("--optimizer", "adam", "--set", "eps=0", "--set", "bias_correction=off",
                "--steps", "1", "--gradients", g);
        assertEquals(0, on.code(), on.err());
        assertEquals(0, off.code(), off.err());
        assertEquals("0,0.0", on.rows().get(1)); // start defaults to zeros
        double stepOn = -on.row(2)[1], stepOff = -off.row(2)[1];
        assertRel(1e-3, stepOn, 1e-15, "corrected first step");
        assertRel(1e-3 * 0.1 / Math.sqrt(0.001), stepOff, 1e-14, "uncorrected first step");
        assertEquals(3.1622776601683795, stepOff / stepOn, 1e-12);
    }

    @Test
    void gradientFileRowsAreTakenInOrderFromTheGivenStart() throws IOException {
        // SGD: x_k = x0 − lr·Σ g_i, with a byte-order mark, whitespace, CRLF and exponents in the file.
        String g = file("g.csv", "\uFEFF1, -2\r\n 0.5e1 ,4E-1\r\n-1,+0\r\n9,9\r\n");
        Result r = trace("--optimizer", "sgd", "--set", "lr=0.5", "--steps", "3", "--gradients", g, "--start", "1,1");
        assertEquals(0, r.code(), r.err());
        double[][] expect = {{1, 1}, {0.5, 2}, {-2, 1.8}, {-1.5, 1.8}};
        for (int k = 0; k <= 3; k++) {
            double[] row = r.row(k + 1);
            assertEquals(expect[k][0], row[1], 1e-15, "x0 at step " + k);
            assertEquals(expect[k][1], row[2], 1e-15, "x1 at step " + k);
        }
    }

    @Test
    void largeFilesAreReadTwiceWithTheSameResult() throws IOException {
        StringBuilder b = new StringBuilder();
        Random rnd = new Random(7);
        for (int i = 0; i < 50; i++) b.append(rnd.nextGaussian()).append(',').append(rnd.nextGaussian()).append('\n');
        String g = file("g.csv", b.toString());
        Result inMemory = trace("--optimizer", "adam", "--steps", "50", "--gradients", g);
        Trace.inMemoryLimit = 10;
        Result streamed = trace("--optimizer", "adam", "--steps", "50", "--gradients", g);
        assertEquals(0, streamed.code(), streamed.err());
        assertEquals(52, streamed.rows().size());
        assertEquals(inMemory.out(), streamed.out());
        // The first pass still refuses a bad row before anything is printed.
        String bad = file("bad.csv", b + "1,x\n");
        Result r = trace("--optimizer", "adam", "--steps", "51", "--gradients", bad);
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("line 51, column 2"), r.err());
    }

    @Test
    void asgdAddsItsAverageColumns() throws IOException {
        // lr 0.1, α 0.5, averaging from step 1, g = 1: x = −0.1, −0.2; θ̄ = ½·0 + ½·(−0.1) = −0.05,
        // then ½(−0.05) + ½(−0.2) = −0.125. Step 0 shows θ̄ = θ₀.
        String g = file("g.csv", "1\n1\n");
        Result r = trace("--optimizer", "asgd", "--set", "lr=0.1", "--set", "alpha=0.5", "--set", "avg_start=1",
                "--steps", "2", "--gradients", g);
        assertEquals(0, r.code(), r.err());
        assertEquals("step,x0,avg0", r.rows().get(0));
        assertEquals("0,0.0,0.0", r.rows().get(1));
        assertEquals(-0.1, r.row(2)[1], 1e-15);
        assertEquals(-0.05, r.row(2)[2], 1e-15);
        assertEquals(-0.2, r.row(3)[1], 1e-15);
        assertEquals(-0.125, r.row(3)[2], 1e-15);
    }

    @Test
    void standardInputServesAsTheGradientFile() {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream("2\n2\n".getBytes(StandardCharsets.US_ASCII)));
            Result r = trace("--optimizer", "sgd", "--set", "lr=0.25", "--steps", "2", "--gradients", "-");
            assertEquals(0, r.code(), r.err());
            assertEquals("step,x0\n0,0.0\n1,-0.5\n2,-1.0\n", r.out());
        } finally {
            System.setIn(saved);
        }
    }

    // ------------------------------------------------------------------ help

    @Test
    void helpListsOptimizersKeysAndObjectivesAndExitsZero() {
        Result r = trace("--help");
        assertEquals(0, r.code());
        assertEquals("", r.err());
        for (String name : Optimizers.names()) assertTrue(r.out().contains("\n  " + name + "\n"), name);
        for (String s : List.of("--optimizer NAME", "--gradients FILE", "--every K", "quadratic:", "rosenbrock",
                "beta2", "0.999", "[0, 1)")) {
            assertTrue(r.out().contains(s), s);
        }
        // --help wins over anything else on the line
        assertEquals(0, trace("--optimizer", "nope", "--help").code());
    }

    // ------------------------------------------------------------------ bad input: exit 2, one line, no stdout

    private void assertBad(String phrase, String... args) {
        Result r = trace(args);
        assertEquals(2, r.code(), "exit code for " + Arrays.toString(args) + ", stderr: " + r.err());
        assertEquals("", r.out(), "stdout for " + Arrays.toString(args));
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), "stderr lines: " + r.err());
        assertTrue(lines.get(0).startsWith("adalab trace: "), lines.get(0));
        assertTrue(lines.get(0).contains(phrase), "'" + phrase + "' not in: " + lines.get(0));
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    private static final String[] Q = {"--objective", "quadratic:1,2", "--start", "1,1"};

    private static String[] with(String[] tail, String... head) {
        String[] a = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, a, head.length, tail.length);
        return a;
    }

    @Test
    void badOptionsAndValues() {
        assertBad("unknown optimizer 'adamx'", with(Q, "--optimizer", "adamx", "--steps", "1"));
        assertBad("adam", with(Q, "--optimizer", "adamx", "--steps", "1")); // the accepted names
        assertBad("no hyperparameter 'gamma'", with(Q, "--optimizer", "adam", "--set", "gamma=0.9", "--steps", "1"));
        assertBad("beta1", with(Q, "--optimizer", "adam", "--set", "gamma=0.9", "--steps", "1")); // the keys
        assertBad("lr = -1.0 is out of range: allowed > 0", with(Q, "--optimizer", "adam", "--set", "lr=-1", "--steps", "1"));
        assertBad("beta2", with(Q, "--optimizer", "adam", "--set", "beta2=1", "--steps", "1"));
        assertBad("not a number", with(Q, "--optimizer", "adam", "--set", "lr=fast", "--steps", "1"));
        assertBad("eps_placement", with(Q, "--optimizer", "adam", "--set", "eps_placement=middle", "--steps", "1"));
        assertBad("not KEY=VALUE", with(Q, "--optimizer", "adam", "--set", "lr", "--steps", "1"));
        assertBad("unknown option '--step'", with(Q, "--optimizer", "adam", "--step", "1"));
        assertBad("unexpected argument 'adam'", with(Q, "adam", "--steps", "1"));
        assertBad("--steps needs a value", "--optimizer", "adam", "--steps");
        assertBad("--optimizer is given twice", with(Q, "--optimizer", "adam", "--optimizer", "sgd", "--steps", "1"));
        assertBad("missing --optimizer", with(Q, "--steps", "1"));
        assertBad("missing --steps", with(Q, "--optimizer", "adam"));
        assertBad("missing --gradients FILE or --objective SPEC", "--optimizer", "adam", "--steps", "1");
        assertBad("--steps = -1 is out of range", with(Q, "--optimizer", "adam", "--steps", "-1"));
        assertBad("--steps = '-99999999999999999999' is out of range", with(Q, "--optimizer", "adam", "--steps", "-99999999999999999999"));
        assertBad("--steps = '1.5' is not a whole number", with(Q, "--optimizer", "adam", "--steps", "1.5"));
        assertBad("--steps = 'ten' is not a whole number", with(Q, "--optimizer", "adam", "--steps", "ten"));
        assertBad("--steps = '99999999999999999999' is out of range", with(Q, "--optimizer", "adam", "--steps", "99999999999999999999"));
        assertBad("--every = 0 is out of range: allowed an integer >= 1", with(Q, "--optimizer", "adam", "--steps", "1", "--every", "0"));
        assertBad("--every = '2.5' is not a whole number", with(Q, "--optimizer", "adam", "--steps", "1", "--every", "2.5"));
    }

    @Test
    void badObjectiveOrStart() {
        assertBad("unknown objective 'bowl'", "--optimizer", "adam", "--steps", "1", "--objective", "bowl", "--start", "1");
        assertBad("accepted objectives: quadratic, ", "--optimizer", "adam", "--steps", "1", "--objective", "bowl", "--start", "1");
        assertBad("rosenbrock", "--optimizer", "adam", "--steps", "1", "--objective", "bowl", "--start", "1");
        assertBad("expected quadratic:", "--optimizer", "adam", "--steps", "1", "--objective", "quadratic:1,-2", "--start", "1,1");
        assertBad("--objective needs --start", "--optimizer", "adam", "--steps", "1", "--objective", "rosenbrock");
        assertBad("--start has 3 numbers but", "--optimizer", "adam", "--steps", "1", "--objective", "rosenbrock",
                "--start", "1,2,3");
        assertBad("--start component 2 'y' is not a number", "--optimizer", "adam", "--steps", "1",
                "--objective", "rosenbrock", "--start", "1,y");
        assertBad("--start component 1 'NaN' is not finite", "--optimizer", "adam", "--steps", "1",
                "--objective", "quadratic:1", "--start", "NaN");
        assertBad("not both", "--optimizer", "adam", "--steps", "1", "--objective", "rosenbrock", "--start", "1,1",
                "--gradients", "g.csv");
    }

    @Test
    void badGradientFiles() throws IOException {
        String ok = file("ok.csv", "1,2\n3,4\n");
        assertBad("not found", "--optimizer", "adam", "--steps", "1", "--gradients", dir.resolve("missing.csv").toString());
        assertBad("is a directory", "--optimizer", "adam", "--steps", "1", "--gradients", dir.toString());
        assertBad("has 2 rows but --steps is 3", "--optimizer", "adam", "--steps", "3", "--gradients", ok);
        assertBad("line 1, column 1: 'g0' is not a number (the file has no header row)", "--optimizer", "adam",
                "--steps", "1", "--gradients", file("header.csv", "g0,g1\n1,2\n"));
        assertBad("line 2, column 1: 'abc' is not a number", "--optimizer", "adam", "--steps", "2",
                "--gradients", file("a.csv", "1,2\nabc,4\n"));
        assertBad("line 1, column 2: '' is empty", "--optimizer", "adam", "--steps", "1",
                "--gradients", file("b.csv", "1,\n"));
        assertBad("line 2, column 2: 'NaN' is not finite", "--optimizer", "adam", "--steps", "2",
                "--gradients", file("c.csv", "1,2\n3,NaN\n"));
        assertBad("line 1, column 1: '-inf' is not finite", "--optimizer", "adam", "--steps", "1",
                "--gradients", file("d.csv", "-inf,2\n"));
        assertBad("line 1, column 2: '1e999' overflows to Infinity", "--optimizer", "adam", "--steps", "1",
                "--gradients", file("e.csv", "1,1e999\n"));
        assertBad("line 3, column 1: '0x1p3' is not a number", "--optimizer", "adam", "--steps", "3",
                "--gradients", file("f.csv", "1\n2\n0x1p3\n"));
        assertBad("line 2 has 3 numbers but expected 2 (as on line 1)", "--optimizer", "adam", "--steps", "2",
                "--gradients", file("g.csv", "1,2\n1,2,3\n"));
        assertBad("line 1 has 2 numbers but expected 3 (the width of --start)", "--optimizer", "adam", "--steps", "2",
                "--gradients", ok, "--start", "0,0,0");
        assertBad("line 2 is empty", "--optimizer", "adam", "--steps", "3",
                "--gradients", file("h.csv", "1\n\n2\n"));
        assertBad("is empty", "--optimizer", "adam", "--steps", "0", "--gradients", file("empty.csv", ""));
        assertBad("nag takes its gradient at a look-ahead point", "--optimizer", "nag", "--steps", "1", "--gradients", ok);
        assertBad("--objective", "--optimizer", "nag", "--steps", "1", "--gradients", ok);
    }

    @Test
    void multiLineMessagesFromOtherModulesBecomeOneLine() {
        assertEquals("a: b; c, d", Trace.oneLine("a:\n  b\n\nc,  \n d\n"));
        assertEquals("x?y", Trace.oneLine("x\u0007y"));
    }

    // ------------------------------------------------------------------ numerical faults: exit 1

    @Test
    void divergenceStopsWithExitOneNamingTheStep() {
        // x_{k+1} = x_k(1 − lr·a) with lr = 1e200, a = 1: x1 = −1e200 (finite), x2 overflows.
        Result r = trace("--optimizer", "sgd", "--set", "lr=1e200", "--steps", "5",
                "--objective", "quadratic:1", "--start", "1");
        assertEquals(1, r.code());
        assertEquals(List.of("step,x0", "0,1.0", "1,-1.0E200"), r.rows());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("adalab trace: step 2: x0 became "), r.err());
    }

    @Test
    void nonFiniteGradientStopsWithExitOneNamingTheStep() {
        // Rosenbrock's gradient has 400x³: at x = 1e110 it overflows on the first step.
        Result r = trace("--optimizer", "adam", "--steps", "3", "--objective", "rosenbrock", "--start", "1e110,0");
        assertEquals(1, r.code());
        assertEquals(List.of("step,x0,x1", "0,1.0E110,0.0"), r.rows());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("adalab trace: step 1: the gradient"), r.err());
    }

    // ------------------------------------------------------------------ dispatch

    @Test
    void mainRejectsUnknownCommands() {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code = Main.run(new String[]{"trcae"}, new PrintStream(o), new PrintStream(e));
        assertEquals(2, code);
        assertEquals(0, o.size());
        assertTrue(e.toString().contains("unknown command 'trcae'"), e.toString());
        assertEquals(2, Main.run(new String[0], new PrintStream(o), new PrintStream(e)));
    }

    // ------------------------------------------------------------------ fuzz

    @Test
    void fuzzedFilesAndOptionListsNeverEscapeTheContract() throws IOException {
        Random rnd = new Random(20261123);
        String[] tokens = {"1", "-2.5", "0", "1e-3", "3E+2", ".5", "5.", "", " ", "x", "NaN", "inf", "-Infinity",
                "1e999", "1e-999", "--", "+", "1,2", "0x10", "１", "\u0000", "\"3\"", "1 2", "-0"};
        String[] names = {"--optimizer", "--set", "--steps", "--gradients", "--objective", "--start", "--every",
                "--bogus", "adam", "sgd", "nag", "asgd", "rprop", "lr=0.1", "lr=-1", "gamma=2", "eps_placement=inside",
                "3", "-1", "0", "2.5", "quadratic:1,2", "rosenbrock", "quadratic:", "1,1", "1", "nan,1", "G", "="};
        String[] everys = {"1", "2", "3", "0", "-1", "2.5"};
        String[] sets = {"lr=0.1", "lr=-1", "gamma=2", "eps_placement=inside", "lr=1e200", "lr=1e300", "rho=0.5"};
        String[] optimizers = Optimizers.names().toArray(new String[0]);
        int[] codes = new int[3];
        for (int c = 0; c < 300; c++) {
            // a malformed-ish gradient file
            StringBuilder f = new StringBuilder();
            int lines = rnd.nextInt(8);
            int width = 1 + rnd.nextInt(3);
            for (int l = 0; l < lines; l++) {
                int w = rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(4) : width;
                for (int k = 0; k < w; k++) {
                    if (k > 0) f.append(rnd.nextInt(20) == 0 ? ";" : ",");
                    f.append(rnd.nextInt(c % 3 == 0 ? 4 : 60) == 0 ? tokens[rnd.nextInt(tokens.length)] : Double.toString(rnd.nextGaussian()));
                }
                f.append(rnd.nextInt(8) == 0 ? "\r\n" : "\n");
            }
            String g = file("fuzz" + c + ".csv", f.toString());
            List<String> args = new ArrayList<>();
            if (c % 2 == 0) {
                // mostly well-formed command lines over the random file or an objective
                args.addAll(List.of("--optimizer", optimizers[rnd.nextInt(optimizers.length)],
                        "--steps", Integer.toString(rnd.nextInt(6))));
                if (rnd.nextBoolean()) args.addAll(List.of("--gradients", g));
                else args.addAll(List.of("--objective", rnd.nextBoolean() ? "rosenbrock" : "quadratic:1,4",
                        "--start", rnd.nextBoolean() ? "-1.2,1" : tokens[rnd.nextInt(tokens.length)]));
                if (rnd.nextInt(3) == 0) args.addAll(List.of("--set", sets[rnd.nextInt(sets.length)]));
                if (rnd.nextInt(4) == 0) args.addAll(List.of("--every", everys[rnd.nextInt(everys.length)]));
                if (c % 50 == 0) args = new ArrayList<>(List.of("--optimizer", "sgd", "--set", "lr=1e300",
                        "--steps", "3", "--objective", "quadratic:1,4", "--start", "1," + rnd.nextGaussian()));
            } else {
                int n = rnd.nextInt(9);
                for (int k = 0; k < n; k++) args.add(rnd.nextInt(6) == 0 ? g : names[rnd.nextInt(names.length)]);
            }
            Result r;
            try {
                r = trace(args.toArray(new String[0]));
            } catch (Throwable t) {
                fail("case " + c + " " + args + " threw " + t);
                return;
            }
            assertTrue(r.code() == 0 || r.code() == 1 || r.code() == 2, "case " + c + " " + args + ": code " + r.code());
            assertTrue(r.errLines().size() <= 1, "case " + c + " " + args + ": " + r.err());
            assertEquals(r.code() == 0, r.err().isEmpty(), "case " + c + " " + args + ": " + r.err());
            if (r.code() == 2) assertEquals("", r.out(), "case " + c + " " + args);
            if (r.code() == 0) assertTrue(r.out().startsWith("step,x0"), "case " + c + " " + args);
            codes[r.code()]++;
        }
        // the cases reach successful runs, numerical faults and refusals, not only one kind
        assertTrue(codes[0] >= 40 && codes[1] >= 6 && codes[2] >= 50, Arrays.toString(codes));
    }
}
