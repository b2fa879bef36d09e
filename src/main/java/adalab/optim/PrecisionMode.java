package adalab.optim;

import java.util.ArrayList;
import java.util.List;

/**
 * Which format each part of a step uses: the gradient as it arrives, the state and its arithmetic
 * ("moments"), and the parameters with the update of θ. The pure modes do everything in one
 * format; the mixed ones keep float32 where training in low precision does:
 * <ul>
 * <li>{@code fp16-gradients}, {@code bf16-gradients}: the gradient is rounded to the low format,
 *     then the optimizer's float32 rule runs on float32 state and parameters.</li>
 * <li>{@code fp16-moments}, {@code bf16-moments}: the gradient and the state are in the low format
 *     and so is the state's arithmetic (g², (1−β₂)g², β₂v + …); the update of θ from the state is
 *     float32, with a float32 ε (document 000's account: g² underflows, v̂ = 0, the step is η·m̂/ε).</li>
 * </ul>
 */
public enum PrecisionMode {
    FP64("fp64", Format.FP64, Format.FP64, Format.FP64),
    FP32("fp32", Format.FP32, Format.FP32, Format.FP32),
    FP16("fp16", Format.FP16, Format.FP16, Format.FP16),
    BF16("bf16", Format.BF16, Format.BF16, Format.BF16),
    FP16_GRADIENTS("fp16-gradients", Format.FP16, Format.FP32, Format.FP32),
    BF16_GRADIENTS("bf16-gradients", Format.BF16, Format.FP32, Format.FP32),
    FP16_MOMENTS("fp16-moments", Format.FP16, Format.FP16, Format.FP32),
    BF16_MOMENTS("bf16-moments", Format.BF16, Format.BF16, Format.FP32);

    private final String label;
    private final Format gradient, moments, update;

    PrecisionMode(String label, Format gradient, Format moments, Format update) {
        this.label = label;
        this.gradient = gradient;
        this.moments = moments;
        this.update = update;
    }

    /** The name {@code ./adalab trace --precision} takes, e.g. "fp16-moments". */
    public String label() { return label; }

    /** The format the gradient is rounded to on arrival. */
    public Format gradient() { return gradient; }

    /** The format of the state and of its arithmetic. */
    public Format moments() { return moments; }

    /** The format of the parameters and of the update of θ. */
    public Format update() { return update; }

    public static List<String> labels() {
        List<String> l = new ArrayList<>();
        for (PrecisionMode p : values()) l.add(p.label);
        return l;
    }

    /** The mode named by its label; throws naming every accepted one. */
    public static PrecisionMode of(String label) {
        for (PrecisionMode p : values()) if (p.label.equals(label)) return p;
        throw new IllegalArgumentException("precision '" + label + "' is unknown: use one of " + String.join(", ", labels()));
    }

    @Override
    public String toString() { return label; }
}
