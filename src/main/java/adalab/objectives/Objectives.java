package adalab.objectives;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds objectives from short text specs such as "quadratic:1,10", "rotated:0.2,4,45" or "rosenbrock". */
public final class Objectives {
    private Objectives() { }

    /** The accepted specs, one per line. */
    public static String specHelp() {
        return String.join("\n",
                "quadratic:a1,a2,...              ½Σ aᵢxᵢ², every aᵢ > 0 (dimension = number of aᵢ)",
                "rotated:l1,l2,deg                2-D ½xᵀAx, A = R diag(l1,l2) Rᵀ, R = rotation by deg degrees",
                "matrix:a11,a12;a21,a22[|b1,b2]   ½xᵀAx − bᵀx, A symmetric (rows separated by ';')",
                "rosenbrock[:a,b]                 (a−x)² + b(y−x²)², default a=1 b=100, start (−1.2, 1), min (a, a²)",
                "beale                            Beale's function, start (3, 4), min (3, 0.5)",
                "saddle                           x² − y², no minimiser",
                "doublewell:a                     (x² − 1)² + a·x, |a| < 8/(3√3): a local and a global minimum",
                "himmelblau                       (x² + y − 11)² + (x + y² − 7)², four minima with f = 0",
                "rastrigin:d[,A]                  A·d + Σ(xᵢ² − A cos 2πxᵢ), default A = 10, global minimum 0 at 0",
                "linreg:n,d,seed[,batch][,noise=s][,replace]",
                "                                 least squares on seeded N(0,1) data, noise s (default 0.1);",
                "                                 batch 0 = full (default), 1 = one example, B = mini-batch;",
                "                                 'replace' draws with replacement (default: reshuffled epochs)",
                "logreg:n,seed,p1/p2/...[,batch][,w=w1/w2/...][,replace]",
                "                                 logistic regression, binary feature j present with probability pj,",
                "                                 true weights w (default all 1); batch as for linreg",
                "trap[:delta,inner,outer]         doc 003's Adam trap: slope inner for |x| ≤ delta, outer beyond",
                "                                 (default 0.1,1000,1), start delta/2",
                "reddi[:C]                        Reddi et al.'s online problem, Cx at t mod 3 = 1 else −x, C > 2 (default 3)",
                "jump:factor,step:SPEC            SPEC with gradient and loss times factor from that step on",
                "reparam:b1,b2,...:SPEC           SPEC in z with θ = b∘z (every bᵢ ≠ 0)");
    }

    public static Objective fromSpec(String spec) {
        if (spec == null || spec.isBlank()) throw bad("spec is empty", spec);
        try {
            return parse(spec.trim());
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().contains("Accepted specs:")) throw e;
            throw bad(e.getMessage(), spec);
        }
    }

    private static Objective parse(String s) {
        int colon = s.indexOf(':');
        String kind = (colon < 0 ? s : s.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        String args = colon < 0 ? "" : s.substring(colon + 1).trim();
        switch (kind) {
            case "quadratic":
                return new DiagonalQuadratic(numbers(kind, args, 1, Integer.MAX_VALUE));
            case "rotated": {
                double[] v = numbers(kind, args, 3, 3);
                return new RotatedQuadratic(v[0], v[1], v[2]);
            }
            case "matrix":
                return matrix(args);
            case "rosenbrock": {
                double[] v = numbers(kind, args, 0, 2);
                if (v.length == 1) throw new IllegalArgumentException("rosenbrock takes no numbers or two (a,b), got '" + args + "'");
                return v.length == 0 ? new Rosenbrock() : new Rosenbrock(v[0], v[1]);
            }
            case "beale":
                numbers(kind, args, 0, 0);
                return new Beale();
            case "saddle":
                numbers(kind, args, 0, 0);
                return new Saddle();
            case "doublewell":
                return new TiltedDoubleWell(numbers(kind, args, 1, 1)[0]);
            case "himmelblau":
                numbers(kind, args, 0, 0);
                return new Himmelblau();
            case "rastrigin": {
                double[] v = numbers(kind, args, 1, 2);
                int d = integer("rastrigin d", v[0]);
                return v.length == 1 ? new Rastrigin(d) : new Rastrigin(d, v[1]);
            }
            case "linreg":
                return linreg(args);
            case "logreg":
                return logreg(args);
            case "trap": {
                double[] v = numbers(kind, args, 0, 3);
                if (v.length == 0) return new Doc003Trap();
                if (v.length != 3) throw new IllegalArgumentException("trap takes no numbers or three (delta,inner,outer), got '" + args + "'");
                return new Doc003Trap(v[0], v[1], v[2]);
            }
            case "reddi": {
                double[] v = numbers(kind, args, 0, 1);
                return v.length == 0 ? new ReddiCounterexample() : new ReddiCounterexample(v[0]);
            }
            case "jump": {
                String[] p = nested(kind, args, "jump:factor,step:SPEC");
                double[] v = numbers(kind, p[0], 2, 2);
                return new NonStationary(parse(p[1]), v[0], integer("jump step", v[1]));
            }
            case "reparam": {
                String[] p = nested(kind, args, "reparam:b1,b2,...:SPEC");
                return new Reparameterized(parse(p[1]), numbers(kind, p[0], 1, Integer.MAX_VALUE));
            }
            default:
                throw new IllegalArgumentException("unknown objective '" + kind + "'");
        }
    }

    private static IllegalArgumentException bad(String what, String spec) {
        return new IllegalArgumentException("objective spec '" + spec + "': " + what + ". Accepted specs:\n" + specHelp());
    }

    private static String[] nested(String kind, String args, String form) {
        int c = args.indexOf(':');
        if (c < 0) throw new IllegalArgumentException(kind + " needs the wrapped objective after a second ':' (" + form + ")");
        return new String[]{args.substring(0, c).trim(), args.substring(c + 1).trim()};
    }

    private static Objective matrix(String args) {
        String rowsPart = args, bPart = null;
        int bar = args.indexOf('|');
        if (bar >= 0) {
            rowsPart = args.substring(0, bar);
            bPart = args.substring(bar + 1);
        }
        if (rowsPart.isBlank()) throw new IllegalArgumentException("matrix needs the rows of A, e.g. matrix:2,1;1,3");
        String[] rows = rowsPart.split(";", -1);
        double[][] a = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) a[i] = numbers("matrix row " + (i + 1), rows[i].trim(), rows.length, rows.length);
        double[] b = bPart == null ? null : numbers("matrix b", bPart.trim(), rows.length, rows.length);
        return new Quadratic(a, b);
    }

    private static Objective linreg(String args) {
        Parsed p = Parsed.of("linreg", args);
        p.allow("noise", "replace");
        double[] v = p.positional;
        if (v.length < 3 || v.length > 4) {
            throw new IllegalArgumentException("linreg takes n,d,seed and optionally a batch size, got " + v.length + " numbers");
        }
        int n = integer("linreg n", v[0]);
        int d = integer("linreg d", v[1]);
        long seed = (long) integerLong("linreg seed", v[2]);
        double noise = p.number("noise", 0.1);
        Sampling s = sampling(v.length > 3 ? integer("linreg batch", v[3]) : 0, p.flags.contains("replace"));
        return new LinearRegression(n, d, noise, seed).withSampling(s);
    }

    private static Objective logreg(String args) {
        Parsed p = Parsed.of("logreg", args);
        p.allow("w", "replace");
        String[] raw = p.raw;
        if (raw.length < 3) throw new IllegalArgumentException("logreg takes n,seed,p1/p2/... and optionally a batch size");
        int n = integer("logreg n", number("logreg", raw[0]));
        long seed = integerLong("logreg seed", number("logreg", raw[1]));
        double[] freq = slashList("logreg frequencies", raw[2]);
        int batch = raw.length > 3 ? integer("logreg batch", number("logreg", raw[3])) : 0;
        if (raw.length > 4) throw new IllegalArgumentException("logreg takes at most n,seed,p1/p2/...,batch; got '" + raw[4] + "' too");
        double[] w = p.options.containsKey("w") ? slashList("logreg w", p.options.get("w")) : null;
        if (w == null) {
            w = new double[freq.length];
            java.util.Arrays.fill(w, 1);
        }
        return new LogisticRegression(n, freq, w, seed, sampling(batch, p.flags.contains("replace")));
    }

    private static Sampling sampling(int batch, boolean replace) {
        if (batch < 0) throw new IllegalArgumentException("batch = " + batch + ": allowed 0 (full), 1 (one example) or a mini-batch size");
        Sampling s = batch == 0 ? Sampling.full() : batch == 1 ? Sampling.single() : Sampling.minibatch(batch);
        if (replace && batch == 0) throw new IllegalArgumentException("'replace' needs a batch size >= 1");
        return replace ? s.withReplacement() : s;
    }

    private static double[] slashList(String what, String text) {
        String[] parts = text.split("/", -1);
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) v[i] = number(what, parts[i].trim());
        return v;
    }

    private static int integer(String what, double v) {
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " = " + v + ": allowed a whole number");
        }
        return (int) v;
    }

    private static long integerLong(String what, double v) {
        if (v != Math.rint(v) || Math.abs(v) > 9.0e15) throw new IllegalArgumentException(what + " = " + v + ": allowed a whole number");
        return (long) v;
    }

    private static double number(String kind, String p) {
        try {
            return Double.parseDouble(p.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(kind + ": '" + p.trim() + "' is not a number");
        }
    }

    /** Parses comma-separated numbers; min..max of them allowed. */
    static double[] numbers(String kind, String args, int min, int max) {
        List<Double> out = new ArrayList<>();
        if (!args.isEmpty()) {
            for (String part : args.split(",", -1)) out.add(number(kind, part));
        }
        if (out.size() < min || out.size() > max) {
            String want = min == max ? (min == 0 ? "no" : "" + min)
                    : max == Integer.MAX_VALUE ? "at least " + min : min + " to " + max;
            throw new IllegalArgumentException(kind + " takes " + want + " numbers, got " + out.size()
                    + (args.isEmpty() ? "" : " ('" + args + "')"));
        }
        double[] v = new double[out.size()];
        for (int i = 0; i < v.length; i++) v[i] = out.get(i);
        return v;
    }

    /** Positional arguments, key=value options and bare flags of a comma-separated list. */
    private static final class Parsed {
        final String kind;
        String[] raw;
        double[] positional;
        final Map<String, String> options = new LinkedHashMap<>();
        final List<String> flags = new ArrayList<>();

        private Parsed(String kind) { this.kind = kind; }

        static Parsed of(String kind, String args) {
            Parsed p = new Parsed(kind);
            List<String> pos = new ArrayList<>();
            if (!args.isEmpty()) {
                for (String part : args.split(",", -1)) {
                    String t = part.trim();
                    int eq = t.indexOf('=');
                    if (eq >= 0) p.options.put(t.substring(0, eq).trim().toLowerCase(Locale.ROOT), t.substring(eq + 1).trim());
                    else if (!t.isEmpty() && Character.isLetter(t.charAt(0)) && !t.equalsIgnoreCase("nan")
                            && !t.toLowerCase(Locale.ROOT).startsWith("inf")) p.flags.add(t.toLowerCase(Locale.ROOT));
                    else pos.add(t);
                }
            }
            p.raw = pos.toArray(new String[0]);
            return p;
        }

        void allow(String... names) {
            List<String> ok = List.of(names);
            for (String k : options.keySet()) {
                if (!ok.contains(k)) throw new IllegalArgumentException(kind + " has no option '" + k + "': use " + String.join(", ", ok));
            }
            for (String f : flags) {
                if (!ok.contains(f)) throw new IllegalArgumentException(kind + " has no option '" + f + "': use " + String.join(", ", ok));
            }
            if (kind.equals("linreg")) {
                positional = new double[raw.length];
                for (int i = 0; i < raw.length; i++) positional[i] = Objectives.number(kind, raw[i]);
            }
        }

        double number(String key, double dflt) {
            String v = options.get(key);
            return v == null ? dflt : Objectives.number(kind + " " + key, v);
        }
    }
}
