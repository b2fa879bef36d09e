package adalab.optim;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/**
 * Runs an optimizer in half precision (IEEE binary16, see {@link Half}), in one of three modes,
 * from least to most fp16. Each is a {@link PrecisionMode} of {@link RuleStepper}, so every
 * optimizer runs its one {@link ElementRule} in each, with every operation rounded to its format:
 * <ul>
 * <li>{@link Mode#FP16_GRADIENTS} ({@code fp16-gradients}) — each gradient is rounded to fp16,
 *     then the rule runs in float32 on float32 state. Only what the gradient lost in fp16 is
 *     lost: g = 1e-4 arrives as 1.00017e-4 and its square is not lost in float32.</li>
 * <li>{@link Mode#FP16_MOMENTS} ({@code fp16-moments}) — fp16 gradients and state, with fp16
 *     arithmetic for the state ((1−β₂)g·g, β₂v + …), while the update of θ (m̂, v̂, √v̂ + ε, the
 *     division, θ − step) is float32 with a float32 ε. This is document 000's account: g²
 *     underflows, v̂ = 0, the denominator is exactly ε and the step is η·m̂/ε.</li>
 * <li>{@link Mode#ALL_FP16} ({@code fp16}) — parameters, gradients, state and every operation in
 *     fp16. Hyperparameters and per-step scalars (1 − βᵗ, computed in double) are rounded to fp16,
 *     so ε = 1e-8 is 0 and a lost second moment gives x/0 or 0/0.</li>
 * </ul>
 * A step that makes an Inf or NaN from finite inputs (a value past ±65504, x/0, 0/0) is reported
 * like a non-finite gradient: a {@link HalfOverflowException} naming the step, the element and
 * the operation, with the state untouched; under {@code onNonFinite("skip")} it is skipped and
 * counted. The state lives in the optimizer (float arrays holding halves in the fp16 modes), so
 * {@code state("v")}, {@code snapshot()}, {@code restore()} work as usual. Do not mix modes on one
 * optimizer without {@code reset()}.
 *
 * <p>Storage: {@code short[]} fp16 bit patterns and ND4J HALF arrays keep the parameters in fp16
 * in every mode (a float32 update is rounded to fp16 and checked); {@code float[]} and ND4J FLOAT
 * parameters are float32 master weights, except in ALL_FP16, which rounds them to fp16. A plain
 * {@code optimizer.step(x, g)} on two ND4J HALF arrays runs {@link Mode#ALL_FP16}.
 */
public final class HalfPrecision {

    /** Which parts run in fp16. */
    public enum Mode {
        /** Gradients rounded to fp16; state and arithmetic in float32. */
        FP16_GRADIENTS(PrecisionMode.FP16_GRADIENTS, "fp16 gradients"),
        /** Gradients and state in fp16 with fp16 moment arithmetic; the update of θ in float32. */
        FP16_MOMENTS(PrecisionMode.FP16_MOMENTS, "fp16 moments"),
        /** Parameters, gradients, state and every arithmetic operation in fp16. */
        ALL_FP16(PrecisionMode.FP16, "all fp16");

        private final PrecisionMode precision;
        private final String label;

        Mode(PrecisionMode precision, String label) {
            this.precision = precision;
            this.label = label;
        }

        /** The {@link PrecisionMode} this mode is. */
        public PrecisionMode precision() { return precision; }
    }

    private final Optimizer o;
    private final Mode mode;
    // Float32 parameters (master weights, or fp16 in ALL_FP16) and fp16 parameters.
    private RuleStepper floats, halves; // made on first use: a step needs one of them
    private double[] xs, gs;

    private HalfPrecision(Optimizer o, Mode mode) {
        if (o == null) throw new IllegalArgumentException("optimizer is null");
        if (mode == null) throw new IllegalArgumentException("mode is null: use FP16_GRADIENTS, FP16_MOMENTS or ALL_FP16");
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
        StepArguments.checkNonEmpty(x, g, x == null ? 0 : x.length, g == null ? 0 : g.length);
        load(x.length);
        for (int i = 0; i < x.length; i++) {
            xs[i] = x[i];
            gs[i] = g[i];
        }
        if (run(floats())) for (int i = 0; i < x.length; i++) x[i] = (float) xs[i];
    }

    /** One step on fp16 bit patterns, x updated in place; the parameters stay fp16 in every mode. */
    public void step(short[] x, short[] g) {
        StepArguments.checkNonEmpty(x, g, x == null ? 0 : x.length, g == null ? 0 : g.length);
        load(x.length);
        for (int i = 0; i < x.length; i++) {
            xs[i] = Half.toFloat(x[i]);
            gs[i] = Half.toFloat(g[i]);
        }
        if (run(halves())) for (int i = 0; i < x.length; i++) x[i] = Half.fromFloat((float) xs[i]);
    }

    /**
     * One step on contiguous ND4J arrays, each HALF or FLOAT, updating x in its own memory. HALF
     * parameters stay fp16 in every mode; FLOAT ones are handled as in {@link #step(float[], float[])}.
     */
    public void step(INDArray x, INDArray g) {
        int n = NdArrays.checkedLength(x, "params", DataType.HALF, DataType.FLOAT), ng = NdArrays.checkedLength(g, "grad", DataType.HALF, DataType.FLOAT);
        StepArguments.checkNonEmpty(x, g, n, ng);
        load(n);
        read(x, xs, n);
        read(g, gs, n);
        if (run(x.dataType() == DataType.HALF ? halves() : floats())) write(xs, x, n);
    }

    /** NdArrays' dispatch for HALF parameters: {@code optimizer.step(x, g)} runs all fp16. */
    static void stepNd(Optimizer o, INDArray x, INDArray g) {
        new HalfPrecision(o, Mode.ALL_FP16).step(x, g);
    }

    /** θ in float32 (master weights), or in fp16 in ALL_FP16. */
    private RuleStepper floats() {
        if (floats == null) floats = RuleStepper.of(o, mode.precision);
        return floats;
    }

    /** θ stored in fp16 in every mode (short[] and HALF parameters). */
    private RuleStepper halves() {
        if (halves == null) halves = RuleStepper.of(o, mode.precision, Format.FP16);
        return halves;
    }

    /** The step through the rule; a fault is rethrown as the half-precision exception it has always been. */
    private boolean run(RuleStepper s) {
        try {
            return s.step(xs, gs);
        } catch (ArithmeticFaultException e) {
            throw new HalfOverflowException(o.name() + " (" + mode.label + ")", e.step(), e.element(),
                    e.operation() + epsNote(e.operation()), e.value());
        }
    }

    /** Why a denominator can be 0: ε is 0, or rounds to 0 in fp16. */
    private String epsNote(String operation) {
        if (!operation.contains("division by zero") && !operation.contains("0/0")) return "";
        if (o.hyperparameters().stream().noneMatch(p -> p.name().equals("eps"))) return "";
        double e = o.get("eps");
        if (e == 0) return " (ε = 0)";
        boolean half = mode == Mode.ALL_FP16 && Half.round(e) == 0;
        return half ? " (ε = " + e + " is 0 in fp16: below half the smallest subnormal, 2⁻²⁵ ≈ 2.98e-8)" : "";
    }

    // ---------------------------------------------------------------- input handling

    private void load(int n) {
        if (xs == null || xs.length != n) {
            xs = new double[n];
            gs = new double[n];
        }
    }

    private static ShortBuffer shorts(INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder()).asShortBuffer();
    }

    private static void read(INDArray a, double[] out, int n) {
        int off = (int) a.offset();
        if (a.dataType() == DataType.HALF) {
            ShortBuffer b = shorts(a);
            for (int i = 0; i < n; i++) out[i] = Half.toFloat(b.get(off + i));
        } else {
            FloatBuffer b = a.data().asNioFloat();
            for (int i = 0; i < n; i++) out[i] = b.get(off + i);
        }
    }

    /** Writes back bit for bit (ND4J's own putScalar on HALF rounds ties away and saturates). */
    private static void write(double[] in, INDArray a, int n) {
        int off = (int) a.offset();
        if (a.dataType() == DataType.HALF) {
            ShortBuffer b = shorts(a);
            for (int i = 0; i < n; i++) b.put(off + i, Half.fromFloat((float) in[i]));
        } else {
            FloatBuffer b = a.data().asNioFloat();
            for (int i = 0; i < n; i++) b.put(off + i, (float) in[i]);
        }
    }
}
