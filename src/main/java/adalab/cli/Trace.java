package adalab.cli;

import adalab.objectives.Objective;
import adalab.objectives.Objectives;
import adalab.optim.Hyperparameter;
import adalab.optim.ArithmeticFaultException;
import adalab.optim.NonFiniteGradientException;
import adalab.optim.PrecisionMode;
import adalab.optim.RuleStepper;
import adalab.optim.Optimizer;
import adalab.optim.Optimizers;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code adalab trace}: runs one optimizer and prints its trajectory as CSV.
 *
 * <p>Exit codes: 0 done, 1 a numerical fault during the run (rows up to the last good step are
 * printed), 2 bad input (nothing is printed on stdout). Every error is one line on stderr.
 */
public final class Trace {

    static final String PREFIX = "adalab trace: ";

    static final String SYNOPSIS =
            "usage: ./adalab trace --optimizer NAME [--set KEY=VALUE]... --steps N\n"
          + "                      (--gradients FILE | --objective SPEC --start X0,X1,...) [--every K]\n"
          + "                      [--precision NAME]\n";

    private static final List<String> OPTIONS =
            List.of("--optimizer", "--set", "--steps", "--gradients", "--objective", "--start", "--every", "--precision", "--help");

    /**
     * Gradient files up to this many numbers (128 MB) are parsed once into memory; larger ones are
     * checked in a first pass and read again while running. Tests lower it to reach that path.
     */
    static long inMemoryLimit = 1L << 24;

    private Trace() { }

    /** Bad input: exit 2. */
    static final class Bad extends Exception {
        Bad(String message) { super(message, null, false, false); }
    }

    /** A numerical fault during the run: exit 1. */
    static final class Fault extends Exception {
        Fault(String message) { super(message, null, false, false); }
    }

    /** Runs the command; returns the exit code. Never throws for any input. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Setup setup;
        try {
            for (String a : args) {
                if (a.equals("--help") || a.equals("-h")) {
                    out.print(help());
                    out.flush();
                    return 0;
                }
            }
            setup = setUp(args);
        } catch (Bad e) {
            return fail(err, e.getMessage(), 2);
        } catch (IllegalArgumentException e) {
            return fail(err, e.getMessage(), 2);
        } catch (RuntimeException | OutOfMemoryError e) {
            return fail(err, "cannot set up the run: " + e, 2);
        }
        try {
            return setup.execute(out);
        } catch (Fault e) {
            return fail(err, e.getMessage(), 1);
        } catch (RuntimeException | OutOfMemoryError e) {
            return fail(err, "the run stopped: " + e, 1);
        }
    }

    private static int fail(PrintStream err, String message, int code) {
        err.println(PREFIX + oneLine(message));
        err.flush();
        return code;
    }

    /** Messages from other modules may span lines (accepted-spec lists); the contract is one line. */
    static String oneLine(String message) {
        if (message == null) return "unknown error";
        String[] lines = message.strip().split("\\R");
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            String l = line.strip().replaceAll("\\s{2,}", " ");
            if (l.isEmpty()) continue;
            if (b.length() > 0) b.append(":,;".indexOf(b.charAt(b.length() - 1)) >= 0 ? " " : "; ");
            b.append(l);
        }
        for (int i = 0; i < b.length(); i++) {
            if (Character.isISOControl(b.charAt(i))) b.setCharAt(i, '?');
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ parsing

    private static Setup setUp(String[] args) throws Bad {
        Map<String, String> single = new LinkedHashMap<>();
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new Bad("unexpected argument '" + quote(a) + "': options start with -- (see ./adalab trace --help)");
            }
            String name = a, value = null;
            int eq = a.indexOf('=');
            if (eq >= 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (!OPTIONS.contains(name)) {
                throw new Bad("unknown option '" + quote(name) + "': use one of " + String.join(", ", OPTIONS));
            }
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new Bad(name + " needs a value: " + SYNOPSIS.lines().findFirst().orElse("").trim());
                }
                value = args[++i];
            }
            if (name.equals("--set")) {
                sets.add(value);
            } else if (single.put(name, value) != null) {
                throw new Bad(name + " is given twice: give it once");
            }
        }

        String optName = single.get("--optimizer");
        if (optName == null) throw new Bad("missing --optimizer NAME: use one of " + String.join(", ", Optimizers.names()));
        Optimizer opt = Optimizers.create(optName.trim());
        for (String kv : sets) {
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new Bad("--set '" + quote(kv) + "' is not KEY=VALUE: keys of " + opt.name() + ": " + keys(opt));
            opt.set(kv.substring(0, eq).trim(), kv.substring(eq + 1));
        }

        String stepsText = single.get("--steps");
        if (stepsText == null) throw new Bad("missing --steps N (a whole number >= 0)");
        long steps = wholeNumber("--steps", stepsText, 0);
        long every = single.containsKey("--every") ? wholeNumber("--every", single.get("--every"), 1) : 1;

        String file = single.get("--gradients"), spec = single.get("--objective"), startText = single.get("--start");
        if (file != null && spec != null) throw new Bad("give either --gradients FILE or --objective SPEC, not both");
        if (file == null && spec == null) throw new Bad("missing --gradients FILE or --objective SPEC (see ./adalab trace --help)");
        double[] start = startText == null ? null : numberList("--start", startText);
        PrecisionMode precision = precision(single.get("--precision"));

        if (spec != null) {
            Objective f;
            try {
                f = Objectives.fromSpec(spec);
            } catch (IllegalArgumentException e) {
                throw new Bad(shortSpecError(spec, e.getMessage()));
            }
            if (start == null) {
                throw new Bad("--objective needs --start X0,X1,... (" + f.dimension() + " numbers for " + f.name() + ")");
            }
            if (start.length != f.dimension()) {
                throw new Bad("--start has " + start.length + " numbers but " + f.name() + " has dimension " + f.dimension());
            }
            return new Setup(opt, steps, every, inFormat(start, precision), f, null, precision);
        }
        if (opt.usesLookahead()) {
            throw new Bad(opt.name() + " takes its gradient at a look-ahead point, which a gradient file cannot supply:"
                    + " use --objective SPEC --start X0,X1,... instead");
        }
        GradientFile g = GradientFile.open(file, steps, start == null ? -1 : start.length);
        if (start == null) start = new double[g.width];
        return new Setup(opt, steps, every, inFormat(start, precision), null, g, precision);
    }

    private static PrecisionMode precision(String name) throws Bad {
        if (name == null) return PrecisionMode.FP64;
        try {
            return PrecisionMode.of(name.trim());
        } catch (IllegalArgumentException e) {
            throw new Bad("--precision '" + quote(name) + "' is unknown: use one of " + String.join(", ", PrecisionMode.labels()));
        }
    }

    /** The start as the mode's parameter format holds it: the row printed for step 0 is what the run starts from. */
    private static double[] inFormat(double[] start, PrecisionMode p) throws Bad {
        double[] x = start.clone();
        for (int i = 0; i < x.length; i++) {
            x[i] = p.update().round(start[i]);
            if (Double.isInfinite(x[i])) {
                throw new Bad("--start: x" + i + " = " + start[i] + " is past the largest " + p.update().label()
                        + ", " + p.update().max());
            }
        }
        return x;
    }

    /**
     * The objectives' own message lists every spec in full; one line names them instead, or shows
     * just the line of the kind that was given.
     */
    static String shortSpecError(String spec, String message) {
        String m = message == null ? "bad objective spec" : message;
        int cut = m.indexOf("Accepted specs:");
        if (cut < 0) return m;
        String given = spec.strip().split("[\\s:\\[]", 2)[0].toLowerCase(java.util.Locale.ROOT);
        List<String> kinds = new ArrayList<>();
        String usage = null;
        for (String line : Objectives.specHelp().split("\\R")) {
            if (line.isEmpty() || Character.isWhitespace(line.charAt(0)) || line.startsWith("Objective specs")) continue;
            String k = line.split("[\\s:\\[]", 2)[0];
            if (k.isEmpty()) continue;
            kinds.add(k);
            if (k.equals(given)) usage = line.strip().replaceAll("\\s{2,}", "  ");
        }
        String head = m.substring(0, cut).strip();
        if (head.endsWith(".")) head = head.substring(0, head.length() - 1);
        if (usage != null && !head.contains("unknown objective")) return head + "; expected " + usage;
        return head + "; accepted objectives: " + String.join(", ", kinds)
                + " (./adalab trace --help shows their arguments)";
    }

    private static String keys(Optimizer opt) {
        List<String> k = new ArrayList<>();
        for (Hyperparameter h : opt.hyperparameters()) k.add(h.name());
        return String.join(", ", k);
    }

    private static long wholeNumber(String option, String text, long min) throws Bad {
        String t = text.trim();
        if (!t.matches("[+-]?[0-9]+")) {
            throw new Bad(option + " = '" + quote(text) + "' is not a whole number: allowed an integer >= " + min);
        }
        long v;
        try {
            v = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new Bad(option + " = '" + quote(text) + "' is out of range: allowed an integer >= " + min
                    + " and <= " + Long.MAX_VALUE);
        }
        if (v < min) throw new Bad(option + " = " + v + " is out of range: allowed an integer >= " + min);
        return v;
    }

    private static double[] numberList(String option, String text) throws Bad {
        String[] parts = text.split(",", -1);
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            String why = Numbers.check(p);
            if (why != null) {
                throw new Bad(option + " component " + (i + 1) + " '" + quote(p) + "' " + why
                        + ": give comma-separated finite numbers, e.g. -1.2,1");
            }
            v[i] = Double.parseDouble(p);
            if (!Double.isFinite(v[i])) {
                throw new Bad(option + " component " + (i + 1) + " '" + quote(p) + "' overflows to " + v[i]
                        + ": give finite numbers");
            }
        }
        return v;
    }

    /** Keeps echoed input short. */
    static String quote(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    // ------------------------------------------------------------------ numbers

    /** A strict decimal number grammar: what a CSV of gradients should hold. */
    static final class Numbers {
        private Numbers() { }

        /** Null when s is a decimal number; otherwise why it is not (non-finite or malformed). */
        static String check(String s) {
            int n = s.length(), i = 0;
            if (n == 0) return "is empty, not a number";
            if (s.charAt(0) == '+' || s.charAt(0) == '-') i++;
            if (i < n && Character.isLetter(s.charAt(i))) {
                String rest = s.substring(i).toLowerCase(java.util.Locale.ROOT);
                if (rest.equals("nan") || rest.equals("inf") || rest.equals("infinity")) return "is not finite";
                return "is not a number";
            }
            int digits = 0;
            while (i < n && isDigit(s.charAt(i))) { i++; digits++; }
            if (i < n && s.charAt(i) == '.') {
                i++;
                while (i < n && isDigit(s.charAt(i))) { i++; digits++; }
            }
            if (digits == 0) return "is not a number";
            if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                i++;
                if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
                int exp = 0;
                while (i < n && isDigit(s.charAt(i))) { i++; exp++; }
                if (exp == 0) return "is not a number";
            }
            return i == n ? null : "is not a number";
        }

        private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }
    }

    // ------------------------------------------------------------------ the gradient file

    /** Rows of gradients, checked in full (up to the rows needed) before the run prints anything. */
    static final class GradientFile {
        final String name;
        final long steps;
        int width;
        private double[] rows;          // all needed rows when they fit in memory
        private BufferedReader second;  // otherwise the file is read again while running
        private long lineNo;
        private long next;
        private boolean inMemory;
        private String widthFrom = "the width of --start";

        private GradientFile(String name, long steps, int width) {
            this.name = name;
            this.steps = steps;
            this.width = width;
        }

        static GradientFile open(String name, long steps, int width) throws Bad {
            GradientFile g = new GradientFile(name, steps, width);
            g.checkAll();
            return g;
        }

        private BufferedReader reader() throws Bad {
            if (name.equals("-")) return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
            Path p;
            try {
                p = Paths.get(name);
            } catch (InvalidPathException e) {
                throw new Bad("--gradients '" + quote(name) + "' is not a valid file name");
            }
            if (Files.isDirectory(p)) throw new Bad("--gradients '" + quote(name) + "' is a directory, not a file");
            try {
                InputStream in = Files.newInputStream(p);
                return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            } catch (NoSuchFileException e) {
                throw new Bad("--gradients file '" + quote(name) + "' not found");
            } catch (IOException | SecurityException e) {
                throw new Bad("--gradients file '" + quote(name) + "' cannot be read: " + e.getMessage());
            }
        }

        /** First pass: every needed row parsed and checked; kept when small enough. */
        private void checkAll() throws Bad {
            boolean stdin = name.equals("-");
            double[] row = null;
            double[] kept = null;
            boolean keep = false;
            long have = 0;
            try (BufferedReader r = reader()) {
                lineNo = 0;
                // With no steps and no --start, the first line still tells the dimension.
                while (have < steps || width < 0) {
                    String line = r.readLine();
                    if (line == null) break;
                    lineNo++;
                    if (width < 0) {
                        width = countFields(line);
                        widthFrom = "as on line 1";
                    }
                    if (row == null) {
                        row = new double[width];
                        keep = steps <= inMemoryLimit / width;
                        if (stdin && !keep) {
                            throw new Bad("--gradients - (standard input) holds at most " + inMemoryLimit
                                    + " numbers: for " + steps + " steps of " + width + " use a file");
                        }
                        if (keep) kept = new double[(int) Math.min(steps * width, 1 << 16)];
                    }
                    parse(line, row);
                    if (have == steps) break; // the line only told the width
                    if (keep) {
                        int at = (int) (have * width);
                        if (at + width > kept.length) {
                            kept = java.util.Arrays.copyOf(kept, (int) Math.min(steps * width, 2L * kept.length + width));
                        }
                        System.arraycopy(row, 0, kept, at, width);
                    }
                    have++;
                }
            } catch (IOException e) {
                throw new Bad("--gradients file '" + quote(name) + "' cannot be read: " + e.getMessage());
            }
            if (have < steps) {
                throw new Bad("--gradients file '" + quote(name) + "' has " + have + " row" + (have == 1 ? "" : "s")
                        + " but --steps is " + steps + ": give at least one row per step");
            }
            if (width < 0) {
                throw new Bad("--gradients file '" + quote(name) + "' is empty: with --steps 0 give --start to set the dimension");
            }
            rows = keep ? kept : new double[0];
            inMemory = keep || steps == 0;
        }

        private static int countFields(String line) {
            int n = 1;
            for (int i = 0; i < line.length(); i++) if (line.charAt(i) == ',') n++;
            return n;
        }

        private void parse(String line, double[] row) throws Bad {
            if (lineNo == 1 && line.startsWith("\uFEFF")) line = line.substring(1); // a spreadsheet's byte-order mark
            int fields = countFields(line);
            if (line.isBlank()) {
                throw new Bad("--gradients line " + lineNo + " is empty: expected " + width + " comma-separated numbers");
            }
            if (fields != width) {
                throw new Bad("--gradients line " + lineNo + " has " + fields + " number" + (fields == 1 ? "" : "s")
                        + " but expected " + width + " (" + widthFrom + ")");
            }
            int col = 0, from = 0;
            for (int i = 0; i <= line.length(); i++) {
                if (i == line.length() || line.charAt(i) == ',') {
                    String tok = line.substring(from, i).strip();
                    String why = Numbers.check(tok);
                    if (why != null) {
                        throw new Bad("--gradients line " + lineNo + ", column " + (col + 1) + ": '" + quote(tok) + "' " + why
                                + (lineNo == 1 && why.equals("is not a number") ? " (the file has no header row)" : ""));
                    }
                    double v = Double.parseDouble(tok);
                    if (!Double.isFinite(v)) {
                        throw new Bad("--gradients line " + lineNo + ", column " + (col + 1) + ": '" + quote(tok)
                                + "' overflows to " + v + " (not finite)");
                    }
                    row[col++] = v;
                    from = i + 1;
                }
            }
        }

        /** The gradient for the next step. */
        void next(double[] row) throws IOException, Bad {
            if (inMemory) {
                System.arraycopy(rows, (int) (next * width), row, 0, width);
            } else {
                if (second == null) {
                    second = reader();
                    lineNo = 0;
                }
                String line = second.readLine();
                lineNo++;
                if (line == null) throw new IOException("--gradients file '" + name + "' changed while it was read");
                parse(line, row);
            }
            next++;
        }

        void close() {
            try {
                if (second != null) second.close();
            } catch (IOException ignored) {
                // read-only: nothing to lose
            }
        }
    }

    // ------------------------------------------------------------------ the run

    private static final class Setup {
        final Optimizer opt;
        final long steps, every;
        final double[] x;
        final Objective objective;
        final GradientFile file;
        final boolean averaged;
        /** The rule run in the chosen precision; null for fp64, which runs the fused loop (the same bits, faster). */
        final RuleStepper stepper;

        Setup(Optimizer opt, long steps, long every, double[] start, Objective objective, GradientFile file, PrecisionMode precision) {
            this.stepper = precision == PrecisionMode.FP64 ? null : RuleStepper.of(opt, precision);
            this.opt = opt;
            this.steps = steps;
            this.every = every;
            this.x = start;
            this.objective = objective;
            this.file = file;
            this.averaged = opt.stateNames().contains("avg");
        }

        int execute(PrintStream out) throws Fault {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 1 << 16);
            int n = x.length;
            double[] g = new double[n];
            try {
                try {
                    StringBuilder h = new StringBuilder("step");
                    for (int i = 0; i < n; i++) h.append(",x").append(i);
                    if (averaged) for (int i = 0; i < n; i++) h.append(",avg").append(i);
                    w.write(h.append('\n').toString());
                    row(w, 0, x, averaged ? x : null);
                    long printed = 0;
                    for (long k = 1; k <= steps; k++) {
                        try {
                            if (objective != null) {
                                if (stepper != null) stepper.step(x, objective);
                                else opt.step(x, objective);
                            } else {
                                file.next(g);
                                if (stepper != null) stepper.step(x, g);
                                else opt.step(x, g);
                            }
                        } catch (ArithmeticFaultException e) {
                            throw fault(w, "step " + k + ", element " + e.element() + ": " + e.operation()
                                    + " (in " + e.mode() + "); stopped before the step");
                        } catch (NonFiniteGradientException e) {
                            throw fault(w, "step " + k + ": the gradient's element " + e.element() + " is " + e.value()
                                    + " (the objective overflowed or left its domain); stopped before the step");
                        } catch (IllegalArgumentException | ArithmeticException | Bad e) {
                            throw fault(w, "step " + k + ": " + e.getMessage());
                        }
                        for (int i = 0; i < n; i++) {
                            if (!Double.isFinite(x[i])) {
                                throw fault(w, "step " + k + ": x" + i + " became " + x[i]
                                        + " (the run diverged; a smaller lr may help)");
                            }
                        }
                        if (k % every == 0) {
                            row(w, k, x, averaged ? opt.state("avg") : null);
                            if ((++printed & 0x3fff) == 0 && out.checkError()) return 1; // reader went away
                        }
                    }
                    w.flush();
                    out.flush();
                    return out.checkError() ? 1 : 0;
                } finally {
                    if (file != null) file.close();
                }
            } catch (IOException e) {
                throw new Fault("cannot read or write: " + e.getMessage());
            }
        }

        /** Prints what was computed before the fault, then reports it. */
        private static Fault fault(Writer w, String message) throws IOException {
            w.flush();
            return new Fault(message);
        }

        private static void row(Writer w, long step, double[] x, double[] avg) throws IOException {
            w.write(Long.toString(step));
            for (double v : x) {
                w.write(',');
                w.write(Double.toString(v));
            }
            if (avg != null) {
                for (double v : avg) {
                    w.write(',');
                    w.write(Double.toString(v));
                }
            }
            w.write('\n');
        }
    }

    // ------------------------------------------------------------------ help

    static String help() {
        StringBuilder b = new StringBuilder(SYNOPSIS);
        b.append("\nRuns one optimizer for N steps and prints its trajectory as CSV on stdout: a header\n"
                + "step,x0,x1,... (an optimizer that keeps a running average, asgd, adds avg0,avg1,...),\n"
                + "a row for the start (step 0), then one row per step. Numbers are Java's Double.toString\n"
                + "(round-trip exact).\n\n"
                + "  --optimizer NAME   one of " + String.join(", ", Optimizers.names()) + "\n"
                + "  --set KEY=VALUE    set a hyperparameter; repeat for several (keys below)\n"
                + "  --steps N          number of steps, an integer >= 0\n"
                + "  --gradients FILE   one row per step, comma-separated gradient components, no header\n"
                + "                     (- reads standard input). The gradient does not depend on the\n"
                + "                     parameters, so nag needs --objective. Rows after the N-th are\n"
                + "                     ignored. Start: --start if given, else zeros.\n"
                + "  --objective SPEC   take the gradient from an objective (specs below), once per step\n"
                + "  --start X0,X1,...  the starting point (required with --objective)\n"
                + "  --every K          print only the rows whose step is a multiple of K (default 1)\n"
                + "  --precision NAME   the arithmetic: fp64 (default), fp32, fp16, bf16 (every operation\n"
                + "                     rounded to that format), fp16-gradients, bf16-gradients (gradients\n"
                + "                     rounded, float32 optimizer), fp16-moments, bf16-moments (gradients\n"
                + "                     and state in the low format, the update of x in float32). The\n"
                + "                     start is rounded to the parameters' format; every number printed\n"
                + "                     is a value of that format. An operation that makes Inf or NaN\n"
                + "                     from finite numbers (x/0, 0/0, overflow) stops the run (exit 1).\n"
                + "  --help             this text\n\n"
                + "Exit status: 0 done; 1 a numerical fault during the run (the rows before it are printed);\n"
                + "2 bad input (nothing is printed). Errors are one line on stderr.\n\n"
                + "Optimizers, their keys, defaults and allowed values:\n");
        for (String name : Optimizers.names()) {
            Optimizer o;
            try {
                o = Optimizers.create(name);
            } catch (RuntimeException e) {
                b.append("  ").append(name).append("  (cannot be created: ").append(e.getMessage()).append(")\n");
                continue;
            }
            b.append("  ").append(name).append('\n');
            for (Hyperparameter h : o.hyperparameters()) {
                String def = !h.isChoice() && h.range().integer() ? Long.toString((long) h.value()) : h.text();
                b.append(String.format("      %-16s %-12s %s%n", h.name(), def, h.allowed()));
            }
        }
        String specs = Objectives.specHelp().strip();
        if (!specs.startsWith("Objective specs")) b.append("\nObjective specs:");
        b.append('\n');
        for (String line : specs.split("\\R")) {
            b.append(line.startsWith("Objective specs") ? "" : "  ").append(line).append('\n');
        }
        b.append("\nExamples:\n"
                + "  ./adalab trace --optimizer adam --set lr=0.1 --steps 100 --every 10 \\\n"
                + "                 --objective rosenbrock --start -1.2,1\n"
                + "  printf '1\\n1\\n1\\n' > g.csv\n"
                + "  ./adalab trace --optimizer adam --set bias_correction=off --steps 1 --gradients g.csv\n");
        return b.toString();
    }
}
