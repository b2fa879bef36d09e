package adalab.optim.compose;

import adalab.optim.Arithmetic;
import adalab.optim.Element;
import adalab.optim.ElementRule;
import adalab.optim.Format;
import adalab.optim.Hyperparameter;
import adalab.optim.Optimizer;
import adalab.optim.RAdam;
import adalab.optim.Schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer made of {@link Parts}, optax's chain done exactly: the parts run in the given order
 * on each element, each operation rounded by the arithmetic in use, so a chain that lists the
 * operations of a named optimizer in its order gives that optimizer's bits (see
 * {@link NamedChains}). A chain no one named is an optimizer like any other: it runs, sweeps,
 * plots and checkpoints by its name, and through {@link adalab.optim.RuleStepper} in every
 * precision. Prints as its structure:
 * <pre>
 *   first_moment(β₁=0.9) → second_moment(β₂=0.999) → bias_correction → scale(−η, η=0.001) → divide(ε=1e-8, outside)
 * </pre>
 * Its hyperparameters are its parts' (beta1, beta2, eps, eps_placement, lr, …; see
 * {@link ChainLayout} for clashes), settable with set() and range-checked; a schedule acts on
 * scale's η. The fused double/float loops run the same composed code in FP64/FP32 arithmetic:
 * slower than a named optimizer's kernel, the same bits as its rule.
 */
public final class Chain extends Optimizer {
    /** What {@code Optimizers.create} recognises a chain's text by. */
    public static final String PREFIX = "chain:";

    private final List<Part> built;
    private final ChainLayout layout;
    private final ChainStep step;
    private final Hyperparameter[][] hp;
    private final StepValues values = new StepValues();
    private final boolean rectifies;
    private final int buffer; // momentum's state index, for NAG's look-ahead
    private int seen = -1;
    private double threshold;
    private String fallback, policy = "error";

    private Chain(List<Part> parts, ChainLayout layout) {
        super(layout.name(), layout.stateNames(), 0);
        this.built = parts;
        this.layout = layout;
        this.step = new ChainStep(parts, layout.stateIndex());
        hp = new Hyperparameter[parts.size()][];
        int b = -1;
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            List<Param> ps = p.kind().params();
            hp[i] = new Hyperparameter[ps.size()];
            for (int j = 0; j < ps.size(); j++) {
                Param q = ps.get(j);
                String key = layout.keys()[i][j], v = p.values().get(j);
                hp[i][j] = q.isChoice() ? choice(key, v, q.choices().toArray(new String[0]))
                        : number(key, Double.parseDouble(v), q.range());
            }
            if (p.kind() == PartKind.MOMENTUM) b = layout.stateIndex()[i];
        }
        buffer = b;
        rectifies = find(PartKind.RECTIFY) >= 0;
    }

    /** A chain of these parts, in this order; throws naming the first rule they break (see {@link ChainRules}). */
    public static Chain of(Part... parts) {
        return of(parts == null ? null : java.util.Arrays.asList(parts));
    }

    public static Chain of(List<Part> parts) {
        ChainRules.check(parts);
        List<Part> ps = List.copyOf(parts);
        return new Chain(ps, ChainLayout.of(ps));
    }

    /** A chain from its printed structure or its ASCII form (see {@link ChainParser}). */
    public static Chain parse(String text) { return ChainParser.parse(text); }

    /** The parts with the values in force now. */
    public List<Part> parts() {
        List<Part> out = new ArrayList<>();
        for (int i = 0; i < built.size(); i++) {
            PartKind k = built.get(i).kind();
            Map<String, String> v = new LinkedHashMap<>();
            for (int j = 0; j < hp[i].length; j++) v.put(k.params().get(j).key(), hp[i][j].text());
            out.add(Part.of(k, v));
        }
        return out;
    }

    /** The structure with the values in force: {@code first_moment(β₁=0.9) → … → divide(ε=1e-8, outside)}. */
    public String structure() { return structure(parts()); }

    static String structure(List<Part> parts) {
        StringBuilder b = new StringBuilder();
        for (Part p : parts) b.append(b.length() == 0 ? "" : " → ").append(p);
        return b.toString();
    }

    /** The ASCII text with the values in force, which {@code Optimizers.create} reads back. */
    public String spec() {
        StringBuilder b = new StringBuilder(PREFIX);
        for (Part p : parts()) b.append(b.length() == PREFIX.length() ? "" : "->").append(p.ascii());
        return b.toString();
    }

    @Override
    public String toString() { return structure(); }

    @Override
    public Chain set(String key, double value) {
        super.set(key, value);
        return this;
    }

    @Override
    public Chain set(String key, String value) {
        super.set(key, value);
        return this;
    }

    @Override
    public Chain onNonFinite(String policy) {
        super.onNonFinite(policy); // throws on a bad policy before it is recorded
        this.policy = policy;
        return this;
    }

    /** The same parts, hyperparameters, schedule, policy and state. */
    @Override
    public Chain copy() {
        Chain c = new Chain(built, layout);
        for (Hyperparameter h : hyperparameters()) c.set(h.name(), h.text());
        Schedule s = schedule();
        if (s != null) c.schedule(s);
        c.onNonFinite(policy);
        c.restore(snapshot());
        return c;
    }

    private int find(PartKind k) {
        for (int i = 0; i < built.size(); i++) if (built.get(i).kind() == k) return i;
        return -1;
    }

    private Hyperparameter param(PartKind k, String key) {
        int i = find(k);
        return i < 0 ? null : hp[i][Part.index(k, key)];
    }

    private double valueOf(PartKind k, String key, double otherwise) {
        Hyperparameter h = param(k, key);
        return h == null ? otherwise : h.value();
    }

    /** Reads the hyperparameters into the step's values (only after a set()). */
    private void read() {
        StepValues s = values;
        s.b1 = valueOf(PartKind.FIRST_MOMENT, "beta1", 0);
        s.b2 = valueOf(PartKind.SECOND_MOMENT, "beta2", 0);
        s.eps = valueOf(PartKind.DIVIDE, "eps", 0);
        Hyperparameter placement = param(PartKind.DIVIDE, "eps_placement");
        s.inside = placement != null && placement.selected().equals("inside");
        s.l2 = valueOf(PartKind.L2, "weight_decay", 0);
        s.decay = valueOf(PartKind.DECAY, "weight_decay", 0);
        s.gamma = valueOf(PartKind.MOMENTUM, "gamma", 0);
        threshold = valueOf(PartKind.RECTIFY, "threshold", 4);
        Hyperparameter fb = param(PartKind.RECTIFY, "fallback");
        fallback = fb == null ? null : fb.selected();
    }

    @Override
    protected void prepare(long t) {
        double eta = lrAt(t); // first: it may throw, and nothing may change before it does
        if (seen != hyperparameterVersion()) {
            read();
            seen = hyperparameterVersion();
        }
        StepValues s = values;
        s.eta = eta;
        s.c1 = step.usesC1() ? 1 - Math.pow(s.b1, t) : 1; // the bits of OneMinusPow and of every named optimizer
        s.c2 = step.usesC2() ? 1 - Math.pow(s.b2, t) : 1;
        if (rectifies) {
            boolean above = RAdam.rho(t, s.b2) > threshold;
            s.rectified = above || fallback.equals("adam");
            s.r = above ? RAdam.rectification(t, s.b2) : 1;
            s.skipDivide = !s.rectified && fallback.equals("momentum");
            s.noStep = !s.rectified && fallback.equals("none");
        }
    }

    @Override
    protected void update(double[] p, double[] g, double[][] st, int from, int to) {
        Arithmetic a = new Arithmetic(Format.FP64); // one per call: ranges run on several threads
        double[] s = new double[st.length];
        for (int i = from; i < to; i++) {
            for (int k = 0; k < s.length; k++) s[k] = st[k][i];
            p[i] = step.run(values, a, a, p[i], g[i], s);
            for (int k = 0; k < s.length; k++) st[k][i] = s[k];
        }
    }

    @Override
    protected void update(float[] p, float[] g, float[][] st, int from, int to) {
        Arithmetic a = new Arithmetic(Format.FP32);
        double[] s = new double[st.length];
        for (int i = from; i < to; i++) {
            for (int k = 0; k < s.length; k++) s[k] = st[k][i];
            p[i] = (float) step.run(values, a, a, p[i], g[i], s); // exact: every value is a float's
            for (int k = 0; k < s.length; k++) st[k][i] = (float) s[k];
        }
    }

    @Override
    public ElementRule rule() {
        double[] s = new double[stateNames().size()];
        return new ElementRule() {
            @Override
            public void apply(Arithmetic m, Arithmetic u, Element e) {
                for (int k = 0; k < s.length; k++) s[k] = e.s(k);
                double x = step.run(values, m, u, e.x(), e.g(), s);
                for (int k = 0; k < s.length; k++) e.s(k, s[k]);
                e.x(x);
            }

            /** NAG: θ − γv, with the γ in force now (as Nag). */
            @Override
            public double gradientPoint(Arithmetic u, Element e) {
                return usesLookahead() ? u.sub(e.x(), u.mul(u.k(gammaNow()), e.s(buffer))) : e.x();
            }
        };
    }

    private double gammaNow() { return param(PartKind.MOMENTUM, "gamma").value(); }

    @Override
    public boolean usesLookahead() { return step.lookahead(); }

    /** out = x − γv in double, as Nag's fused look-ahead. */
    @Override
    protected void lookahead(double[] x, double[] out) {
        if (!usesLookahead() || (ds == null && fs == null)) {
            System.arraycopy(x, 0, out, 0, x.length);
            return;
        }
        double gam = gammaNow();
        if (ds != null) {
            double[] v = ds[buffer];
            for (int i = 0; i < x.length; i++) out[i] = x[i] - gam * v[i];
        } else {
            float[] v = fs[buffer];
            for (int i = 0; i < x.length; i++) out[i] = x[i] - gam * v[i];
        }
    }
}
