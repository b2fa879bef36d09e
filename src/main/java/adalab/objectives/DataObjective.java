package adalab.objectives;

import java.util.Arrays;

/**
 * An objective that is a mean over n examples, f(w) = (1/n) Σ ℓᵢ(w), with the step's examples drawn by a
 * {@link Sampling}: the full set, one example, or a mini-batch. Subclasses say what one example
 * contributes; the full-data and per-step loops live here once.
 */
public abstract class DataObjective implements Objective {

    private final long seed;
    private final Sampling sampling;
    private final ThreadLocal<Sampling.Sampler> sampler;   // per thread: parallel runs may share one objective

    /** n examples; the subclass has checked n and its own arguments already (they come first in messages). */
    protected DataObjective(int n, long seed, Sampling sampling) {
        if (sampling == null) throw new IllegalArgumentException("sampling is null: use Sampling.full(), single() or minibatch(b)");
        this.seed = seed;
        this.sampling = sampling;
        this.sampler = Sampling.Sampler.perThread(n, seed, sampling);
    }

    /** The number of examples n. */
    public abstract int examples();

    /** Example i's loss ℓᵢ(w). */
    protected abstract double exampleLoss(int i, double[] w);

    /** Adds example i's gradient ∇ℓᵢ(w) to grad and returns ℓᵢ(w). */
    protected abstract double accumulate(int i, double[] w, double[] grad);

    public final long seed() { return seed; }

    public final Sampling sampling() { return sampling; }

    /** The indices of the examples step t uses (a copy); all of them for full sampling. */
    public final int[] batch(long step) { return sampler.get().draw(step).clone(); }

    /** Gradient of example i's loss alone. */
    public final void exampleGradient(int i, double[] w, double[] grad) {
        Specs.checkLength(w, dimension(), "x");
        Specs.checkLength(grad, dimension(), "grad");
        if (i < 0 || i >= examples()) {
            throw new IllegalArgumentException("example i = " + i + ": allowed 0 to " + (examples() - 1));
        }
        Arrays.fill(grad, 0);
        accumulate(i, w, grad);
    }

    /** The mean loss over all examples. */
    @Override
    public final double value(double[] w) {
        Specs.checkLength(w, dimension(), "x");
        int n = examples();
        double s = 0;
        for (int i = 0; i < n; i++) s += exampleLoss(i, w);
        return s / n;
    }

    /** The full-data gradient. */
    @Override
    public final void gradient(double[] w, double[] grad) {
        Specs.checkLength(w, dimension(), "x");
        Specs.checkLength(grad, dimension(), "grad");
        Arrays.fill(grad, 0);
        int n = examples();
        for (int i = 0; i < n; i++) accumulate(i, w, grad);
        for (int j = 0; j < grad.length; j++) grad[j] /= n;
    }

    /** The step's sample or mini-batch gradient; returns that batch's mean loss (the full loss for full sampling). */
    @Override
    public final double evaluate(double[] w, double[] grad, long step) {
        if (sampling.mode() == Sampling.Mode.FULL) {
            gradient(w, grad);
            return value(w);
        }
        Specs.checkLength(w, dimension(), "x");
        Specs.checkLength(grad, dimension(), "grad");
        int[] b = sampler.get().draw(step);
        Arrays.fill(grad, 0);
        double loss = 0;
        for (int i : b) loss += accumulate(i, w, grad);
        for (int j = 0; j < grad.length; j++) grad[j] /= b.length;
        return loss / b.length;
    }

    @Override public double[] start() { return new double[dimension()]; }
}
