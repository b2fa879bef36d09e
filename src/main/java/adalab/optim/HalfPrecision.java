package adalab.optim;

import adalab.optim.OptimizerState.Precision;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/**
 * Runs an optimizer in half precision (IEEE binary16, see {@link Half}), in one of three modes,
 * from least to most fp16:
 * <ul>
 * <li>{@link Mode#FP16_GRADIENTS} — fp16 gradients, float32 optimizer arithmetic: each gradient
 *     is rounded to fp16, then the optimizer's own float32 rule runs on float32 state. Only what
 *     the gradient lost in fp16 is lost: g = 1e-4 arrives as 1.00017e-4 and squares to 1.0003e-8
 *     in float32, so v is not lost. Works for every optimizer.</li>
 * <li>{@link Mode#FP16_MOMENTS} — fp16 gradients and moments, float32 update: the state is
 *     stored in fp16 and its update (g², (1−β₂)g², β₂v + …) is fp16 arithmetic, while the update
 *     of θ (m̂, v̂, √v̂ + ε, the division, θ − step) is float32 with a float32 ε. This is document
 *     000's account: g² underflows, v̂ = 0, the denominator is exactly ε and the step is
 *     η·m̂/ε.</li>
 * <li>{@link Mode#ALL_FP16} — everything in fp16: parameters, gradients, state and every
 *     operation. Hyperparameters and the bias corrections 1 − βᵗ (computed in double) are rounded
 *     to fp16 once per step, so ε = 1e-8 is 0 and a lost second moment gives x/0 or 0/0.</li>
 * </ul>
 * FP16_MOMENTS and ALL_FP16 have rules for adam, adamw, sgd, momentum, adagrad and rmsprop.
 * "fp16 arithmetic" means: compute in float and round the result to fp16, which for +, −, ×, ÷
 * and √ of fp16 operands is exactly the correctly rounded fp16 result (see {@link Half}).
 * Operation order follows the library's rules: θ − η·(m̂/(√v̂ + ε)) for Adam.
 *
 * <p>Every mode computes the step into scratch copies and commits it only when every new
 * parameter and state value is finite. An Inf or NaN made from finite inputs (a value past
 * ±65504, x/0, 0/0) is reported like a non-finite gradient: a {@link HalfOverflowException}
 * naming the step, the element and the operation, with the state untouched; under the
 * optimizer's {@code onNonFinite("skip")} the step is skipped and counted in
 * {@code skippedSteps()} instead. A gradient that is already NaN or infinite is refused as
 * usual ({@link NonFiniteGradientException}).
 *
 * <p>The state lives in the optimizer itself (float state; in the fp16 modes every value is a
 * half), so {@code state("v")}, {@code snapshot()}, {@code restore()} and {@code step()} work
 * as usual. Do not mix modes, or float and half steps, on one optimizer without {@code reset()}.
 * Loops run on the calling thread: this is for teaching sizes, not speed.
 *
 * <p>Storage: {@code short[]} fp16 bit patterns and ND4J HALF arrays keep the parameters in fp16
 * in every mode; {@code float[]} and ND4J FLOAT parameters are float32 master weights, except in
 * ALL_FP16, which rounds them to fp16. A plain {@code optimizer.step(x, g)} on two ND4J HALF
 * arrays runs {@link Mode#ALL_FP16}.
 */
public final class HalfPrecision {

    /** Which parts run in fp16. */
    public enum Mode {
        /** Gradients rounded to fp16; state and arithmetic in float32 (the optimizer's own rule). */
        FP16_GRADIENTS,
        /** Gradients and state in fp16 with fp16 moment arithmetic; the update of θ in float32. */
        FP16_MOMENTS,
        /** Parameters, gradients, state and every arithmetic operation in fp16. */
        ALL_FP16
    }

    private static final java.util.List<String> FP16_RULES = java.util.List.of("adam", "adamw", "sgd", "momentum", "adagrad", "rmsprop");

    private final Optimizer o;
    private final Mode mode;
    // Scratch for the step in progress: parameters, gradient and state, committed at the end.
    private float[] ps, gs;
    private float[][] sts;
    // The first non-finite operation of the element being computed, else null.
    private String fault;
    private float faultValue;

    private HalfPrecision(Optimizer o, Mode mode) {
        if (o == null) throw new IllegalArgumentException("optimizer is null");
        if (mode == null) throw new IllegalArgumentException("mode is null: use FP16_GRADIENTS, FP16_MOMENTS or ALL_FP16");
        if (mode != Mode.FP16_GRADIENTS && !FP16_RULES.contains(o.name())) {
            throw new IllegalArgumentException("optimizer = " + o.name() + ": mode " + mode + " has rules for "
                    + String.join(", ", FP16_RULES) + " (FP16_GRADIENTS works for every optimizer)");
        }
        this.o = o;
        this.mode = mode;
    }

    /** Runs o in the given mode; the optimizer keeps its hyperparameters, state and policy. */
    public static HalfPrecision of(Optimizer o, Mode mode) { return new HalfPrecision(o, mode); }

    /** fp16 gradients, float32 optimizer arithmetic. */
    public static HalfPrecision fp16Gradients(Optimizer o) { return new HalfPrecision(o, Mode.FP16_GRADIENTS); }

    /** fp16 gradients and moments, float32 update (document 000's account). */
    public static HalfPrecision fp16Moments(Optimizer o) { return new HalfPrecision(o, Mode.FP16_MOMENTS); }

    /** Everything in fp16. */
    public static HalfPrecision allFp16(Optimizer o) { return new HalfPrecision(o, Mode.ALL_FP16); }

    public Optimizer optimizer() { return o; }

    public Mode mode() { return mode; }

    /**
     * One step on float arrays, x updated in place. The gradient is rounded to fp16. In ALL_FP16
     * the parameters are rounded to fp16 too; otherwise they are float32 master weights.
     */
    public void step(float[] x, float[] g) {
        checkPair(x == null ? -1 : x.length, g == null ? -1 : g.length, x == null, g == null);
        load(x.length);
        System.arraycopy(x, 0, ps, 0, x.length);
        System.arraycopy(g, 0, gs, 0, g.length);
        if (run(x.length, mode == Mode.ALL_FP16)) System.arraycopy(ps, 0, x, 0, x.length);
    }

    /** One step on fp16 bit patterns, x updated in place; the parameters stay fp16 in every mode. */
    public void step(short[] x, short[] g) {
        checkPair(x == null ? -1 : x.length, g == null ? -1 : g.length, x == null, g == null);
        load(x.length);
        for (int i = 0; i < x.length; i++) {
            ps[i] = Half.toFloat(x[i]);
            gs[i] = Half.toFloat(g[i]);
        }
        if (run(x.length, true)) {
            for (int i = 0; i < x.length; i++) x[i] = Half.fromFloat(ps[i]);
        }
    }

    /**
     * One step on contiguous ND4J arrays, each HALF or FLOAT, updating x in its own memory. HALF
     * parameters stay fp16 in every mode; FLOAT ones are handled as in {@link #step(float[], float[])}.
     */
    public void step(INDArray x, INDArray g) {
        int n = NdArrays.checkedLength(x, "params", DataType.HALF, DataType.FLOAT), ng = NdArrays.checkedLength(g, "grad", DataType.HALF, DataType.FLOAT);
        checkPair(n, ng, false, false);
        load(n);
        boolean halfX = x.dataType() == DataType.HALF;
        read(x, ps, n);
        read(g, gs, n);
        if (run(n, halfX || mode == Mode.ALL_FP16)) write(ps, x, n);
    }

    /** NdArrays' dispatch for HALF parameters: {@code optimizer.step(x, g)} runs all fp16. */
    static void stepNd(Optimizer o, INDArray x, INDArray g) {
        new HalfPrecision(o, Mode.ALL_FP16).step(x, g);
    }

    // ---------------------------------------------------------------- the step

    /**
     * Computes the step into the scratch arrays and commits it when all results are finite.
     * ps holds the parameters, gs the raw gradient. Returns whether the step was taken.
     */
    private boolean run(int n, boolean halfParams) {
        o.ndCheckState(Precision.FLOAT, n);
        // A gradient that arrives non-finite is refused as usual (or skipped under "skip").
        int nonFinite = Optimizer.firstNonFinite(gs, 0, n);
        if (nonFinite >= 0 && !o.ndAcceptNonFinite(nonFinite, gs[nonFinite])) return false;
        long step = o.step() + 1;
        for (int i = 0; i < n; i++) {
            float r = Half.round(gs[i]);
            if (Float.isInfinite(r)) {
                return refuse(step, i, "gradient " + gs[i] + " rounds to " + r + " in fp16: past the largest fp16, 65504", r);
            }
            gs[i] = r;
        }
        if (halfParams) {
            for (int i = 0; i < n; i++) {
                float r = Half.round(ps[i]);
                if (Float.isInfinite(r)) {
                    return refuse(step, i, "parameter " + ps[i] + " rounds to " + r + " in fp16: past the largest fp16, 65504", r);
                }
                ps[i] = r;
            }
        }
        // State: allocated now if this is the first step (so initState() runs), put back on a refusal.
        boolean fresh = o.size() < 0;
        OptimizerState before = fresh ? o.snapshot() : null;
        double[] scalarsBefore = o.scalars().clone();
        o.ndEnsureState(Precision.FLOAT, n);
        int k = o.fs.length;
        if (sts == null || sts.length != k || (k > 0 && sts[0].length < n)) sts = new float[k][n];
        for (int s = 0; s < k; s++) {
            System.arraycopy(o.fs[s], 0, sts[s], 0, n);
            if (mode != Mode.FP16_GRADIENTS) {
                for (int i = 0; i < n; i++) sts[s][i] = Half.round(sts[s][i]); // fp16 storage
            }
        }
        int bad;
        try {
            o.ndBeginStep(); // the optimizer's per-step scalars (learning rate, bias corrections)
            if (mode == Mode.FP16_GRADIENTS) {
                o.update(ps, gs, sts, 0, n);
                bad = checkUpdate(n, k, halfParams);
            } else {
                bad = fp16Rule(step, n);
                if (bad < 0 && mode == Mode.FP16_MOMENTS) bad = checkUpdate(n, 0, halfParams);
            }
        } catch (RuntimeException e) { // e.g. a schedule that gave a bad rate: nothing committed
            undo(fresh, before, scalarsBefore);
            fault = null;
            throw e;
        }
        if (bad >= 0) {
            undo(fresh, before, scalarsBefore);
            String what = fault;
            fault = null;
            return refuse(step, bad, what, faultValue);
        }
        for (int s = 0; s < k; s++) System.arraycopy(sts[s], 0, o.fs[s], 0, n);
        o.ndEndStep();
        return true;
    }

    private void undo(boolean fresh, OptimizerState before, double[] scalarsBefore) {
        if (fresh) o.restore(before);
        System.arraycopy(scalarsBefore, 0, o.scalars(), 0, scalarsBefore.length);
    }

    /**
     * After a float32 update: rounds fp16 parameters and checks the parameters and the first k
     * state arrays for non-finite values; returns the first bad element or -1.
     */
    private int checkUpdate(int n, int k, boolean halfParams) {
        for (int i = 0; i < n; i++) {
            float raw = ps[i];
            if (halfParams) ps[i] = Half.round(raw);
            if (!Float.isFinite(ps[i])) {
                fault = "the float32 update gives θ = " + raw
                        + (halfParams && Float.isFinite(raw) ? ", " + ps[i] + " in fp16: past the largest fp16, 65504" : "");
                faultValue = ps[i];
                return i;
            }
            for (int s = 0; s < k; s++) {
                if (!Float.isFinite(sts[s][i])) {
                    fault = "the float32 update gives " + o.stateNames().get(s) + " = " + sts[s][i];
                    faultValue = sts[s][i];
                    return i;
                }
            }
        }
        return -1;
    }

    /** Reports a fault like a non-finite gradient: throws, or counts a skip under "skip". */
    private boolean refuse(long step, int i, String what, float value) {
        try {
            o.ndAcceptNonFinite(i, value); // counts the skip, or throws under "error"
        } catch (NonFiniteGradientException e) {
            String m = switch (mode) {
                case FP16_GRADIENTS -> "fp16 gradients";
                case FP16_MOMENTS -> "fp16 moments";
                case ALL_FP16 -> "all fp16";
            };
            throw new HalfOverflowException(o.name() + " (" + m + ")", step, i, what, value);
        }
        return false;
    }

    // ---------------------------------------------------------------- fp16 rules

    /**
     * Runs the rule of o over the scratch, the moments in fp16 and the update in fp16 (ALL_FP16)
     * or float32 (FP16_MOMENTS); returns the first faulty element or -1.
     */
    private int fp16Rule(long t, int n) {
        final boolean all = mode == Mode.ALL_FP16; // whether the update's operations round to fp16 too
        double lr = o.lrAt(t);
        float eta = all ? Half.round(lr) : (float) lr;
        switch (o.name()) {
            case "sgd" -> {
                for (int i = 0; i < n; i++) {
                    ps[i] = sub(all, ps[i], mul(all, eta, gs[i], "η·g"), "θ − η·g");
                    if (fault != null) return i;
                }
            }
            case "momentum" -> {
                float etaH = Half.round(lr), gam = Half.round(o.get("gamma"));
                float[] v = sts[0];
                for (int i = 0; i < n; i++) {
                    float vj = add(true, mul(true, gam, v[i], "γ·v"), mul(true, etaH, gs[i], "η·g"), "v = γv + ηg");
                    v[i] = vj;
                    ps[i] = sub(all, ps[i], vj, "θ − v");
                    if (fault != null) return i;
                }
            }
            case "adagrad", "rmsprop" -> {
                boolean rms = o.name().equals("rmsprop");
                double epsD = o.get("eps");
                float eps = all ? Half.round(epsD) : (float) epsD;
                float rho = rms ? Half.round(o.get("rho")) : 0, a = rms ? Half.round(1 - o.get("rho")) : 0;
                boolean inside = o.getChoice("eps_placement").equals("inside");
                String acc = rms ? "v" : "G";
                float[] st = sts[0];
                for (int i = 0; i < n; i++) {
                    float gj = gs[i];
                    float gg = mul(true, gj, gj, "g²");
                    float s = rms ? add(true, mul(true, rho, st[i], "ρ·v"), mul(true, a, gg, "(1−ρ)·g²"), "v = ρv + (1−ρ)g²")
                            : add(true, st[i], gg, "G + g²");
                    st[i] = s;
                    float den = inside ? sqrt(all, add(all, s, eps, acc + " + ε"), "√(" + acc + " + ε)")
                            : add(all, sqrt(all, s, "√" + acc), eps, "√" + acc + " + ε");
                    float u = div(all, gj, den, inside ? "g/√(" + acc + " + ε)" : "g/(√" + acc + " + ε)");
                    ps[i] = sub(all, ps[i], mul(all, eta, u, "η·g/denominator"), "θ − step");
                    if (fault != null) return i;
                }
            }
            default -> { // adam, adamw
                boolean decoupled = o.name().equals("adamw");
                double b1d = o.get("beta1"), b2d = o.get("beta2"), epsD = o.get("eps"), lamD = o.get("weight_decay");
                boolean corrected = o.getChoice("bias_correction").equals("on");
                double c1d = corrected ? 1 - Math.pow(b1d, t) : 1, c2d = corrected ? 1 - Math.pow(b2d, t) : 1;
                float eps = all ? Half.round(epsD) : (float) epsD;
                float c1 = all ? Half.round(c1d) : (float) c1d, c2 = all ? Half.round(c2d) : (float) c2d;
                float b1 = Half.round(b1d), b2 = Half.round(b2d), a1 = Half.round(1 - b1d), a2 = Half.round(1 - b2d);
                float lamH = Half.round(lamD); // coupled L2 enters the gradient: an fp16 operation
                float etaLam = decoupled ? mul(all, eta, all ? Half.round(lamD) : (float) lamD, "η·λ") : 0;
                boolean inside = o.getChoice("eps_placement").equals("inside");
                float[] m = sts[0], v = sts[1];
                for (int i = 0; i < n; i++) {
                    float old = ps[i], gj = gs[i];
                    if (!decoupled && lamH != 0) gj = add(true, gj, mul(true, lamH, Half.round(old), "λ·θ"), "g + λθ");
                    float mj = add(true, mul(true, b1, m[i], "β₁·m"), mul(true, a1, gj, "(1−β₁)·g"), "m = β₁m + (1−β₁)g");
                    float vj = add(true, mul(true, b2, v[i], "β₂·v"), mul(true, a2, mul(true, gj, gj, "g²"), "(1−β₂)·g²"),
                            "v = β₂v + (1−β₂)g²");
                    m[i] = mj;
                    v[i] = vj;
                    float mHat = corrected ? div(all, mj, c1, "m̂ = m/(1−β₁ᵗ)") : mj;
                    float vHat = corrected ? div(all, vj, c2, "v̂ = v/(1−β₂ᵗ)") : vj;
                    float den = inside ? sqrt(all, add(all, vHat, eps, "v̂ + ε"), "√(v̂ + ε)")
                            : add(all, sqrt(all, vHat, "√v̂"), eps, "√v̂ + ε");
                    float u = div(all, mHat, den, inside ? "m̂/√(v̂ + ε)" : "m̂/(√v̂ + ε)");
                    float p = sub(all, old, mul(all, eta, u, "η·m̂/denominator"), "θ − step");
                    if (decoupled) p = sub(all, p, mul(all, etaLam, old, "ηλ·θ"), "θ − ηλθ");
                    ps[i] = p;
                    if (fault != null) return i;
                }
            }
        }
        return -1;
    }

    // Each operation computes in float; with h it rounds the result to fp16, which for half
    // operands is exact fp16 arithmetic (Half's class note). The first non-finite result of an
    // element is remembered with what produced it.

    private static float r(float exact, boolean h) { return h ? Half.round(exact) : exact; }

    private float mul(boolean h, float a, float b, String what) {
        return note(r(a * b, h), h, what, a, " × ", b, null);
    }

    private float add(boolean h, float a, float b, String what) {
        return note(r(a + b, h), h, what, a, " + ", b, null);
    }

    private float sub(boolean h, float a, float b, String what) {
        return note(r(a - b, h), h, what, a, " − ", b, null);
    }

    private float div(boolean h, float a, float b, String what) {
        String why = b != 0 ? null : a == 0 ? "0/0" : "division by zero" + epsNote(h);
        return note(r(a / b, h), h, what, a, " / ", b, why);
    }

    private float sqrt(boolean h, float a, String what) {
        return note(r((float) Math.sqrt(a), h), h, what, a, null, 0, a < 0 ? "square root of a negative number" : null);
    }

    /** Why a denominator can be 0: ε is 0, or rounds to 0 in fp16. */
    private String epsNote(boolean h) {
        if (!o.hyperparameters().stream().anyMatch(p -> p.name().equals("eps"))) return "";
        double e = o.get("eps");
        if (e == 0) return " (ε = 0)";
        return h && Half.round(e) == 0 ? " (ε = " + e + " is 0 in fp16: below half the smallest subnormal, 2⁻²⁵ ≈ 2.98e-8)" : "";
    }

    private float note(float y, boolean h, String what, float a, String op, float b, String why) {
        if (fault == null && !Float.isFinite(y)) {
            String args = op == null ? "√" + a : a + op + b;
            fault = what + " = " + args + " = " + y + (h ? " in fp16: " : " in float32: ")
                    + (why != null ? why : Float.isNaN(y) ? "not a number"
                    : h ? "past the largest fp16, 65504" : "past the largest float");
            faultValue = y;
        }
        return y;
    }

    // ---------------------------------------------------------------- input handling

    private void load(int n) {
        if (ps == null || ps.length < n) {
            ps = new float[n];
            gs = new float[n];
        }
        fault = null;
    }

    private static void checkPair(int nx, int ng, boolean xNull, boolean gNull) {
        if (xNull) throw new IllegalArgumentException("params is null");
        if (gNull) throw new IllegalArgumentException("grad is null");
        if (nx != ng) throw new IllegalArgumentException("params has " + nx + " elements but grad has " + ng + ": they must match");
        if (nx == 0) throw new IllegalArgumentException("params is empty: an optimizer needs at least one parameter");
    }

    private static ShortBuffer shorts(INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder()).asShortBuffer();
    }

    private static void read(INDArray a, float[] out, int n) {
        int off = (int) a.offset();
        if (a.dataType() == DataType.HALF) {
            ShortBuffer b = shorts(a);
            for (int i = 0; i < n; i++) out[i] = Half.toFloat(b.get(off + i));
        } else {
            a.data().asNioFloat().get(off, out, 0, n);
        }
    }

    /** Writes back bit for bit (ND4J's own putScalar on HALF rounds ties away and saturates). */
    private static void write(float[] in, INDArray a, int n) {
        int off = (int) a.offset();
        if (a.dataType() == DataType.HALF) {
            ShortBuffer b = shorts(a);
            for (int i = 0; i < n; i++) b.put(off + i, Half.fromFloat(in[i]));
        } else {
            FloatBuffer b = a.data().asNioFloat();
            b.put(off, in, 0, n);
        }
    }
}
