package adalab.cli;

import adalab.objectives.Objective;
import adalab.objectives.Objectives;
import adalab.optim.Hyperparameter;
import adalab.optim.PrecisionMode;
import adalab.optim.Optimizer;
import adalab.optim.Optimizers;

import java.io.PrintStream;
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
        TraceRun setup;
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

    private static TraceRun setUp(String[] args) throws Bad {
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
            return new TraceRun(opt, steps, every, inFormat(start, precision), f, null, precision);
        }
        if (opt.usesLookahead()) {
            throw new Bad(opt.name() + " takes its gradient at a look-ahead point, which a gradient file cannot supply:"
                    + " use --objective SPEC --start X0,X1,... instead");
        }
        GradientFile g = GradientFile.open(file, steps, start == null ? -1 : start.length);
        if (start == null) start = new double[g.width];
        return new TraceRun(opt, steps, every, inFormat(start, precision), null, g, precision);
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
