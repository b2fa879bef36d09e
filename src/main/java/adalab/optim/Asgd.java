package adalab.optim;

import adalab.optim.Hyperparameter.Range;

/**
 * Averaged SGD with the moving average of doc 004's pseudo-code. At step t = 1, 2, ...:
 * <pre>
 *   θ ← θ − η g
 *   if t ≥ avg_start:  θ̄ ← α θ̄ + (1−α) θ      (θ̄ starts as the initial parameters θ₀)
 *   else:              θ̄ ← θ
 * </pre>
 * {@code average=arithmetic} keeps instead the arithmetic mean of the iterates from avg_start on,
 * θ̄_t = (1/(t−k+1)) Σ_{i=k}^{t} θ_i with k = avg_start (doc 004's first formula, Polyak–Ruppert
 * averaging; computed as θ̄ ← θ̄ + (θ − θ̄)/(t−k+1), α unused): the form its convergence claim is
 * about. The answer of the method is θ̄: state "avg", also {@link #average()}. The parameters passed to
 * step() are the instantaneous SGD iterate θ. α = 0.99 and avg_start = 1000 are doc 004's
 * examples; the documents give no learning rate, 0.01 is used.
 */
public class Asgd extends Optimizer {
    final Hyperparameter lr = number("lr", 0.01, Range.positive());
    final Hyperparameter alpha = number("alpha", 0.99, Range.unitHalfOpen());
    final Hyperparameter avgStart = number("avg_start", 1000, Range.integerAtLeast(1));
    final Hyperparameter average = choice("average", "moving", "moving", "arithmetic");

    double eta, a, count; // count: iterates in the arithmetic mean, t − avg_start + 1
    boolean averaging, first, arithmetic;

    public Asgd() { super("asgd", new String[]{"avg"}, 0); }

    public Asgd lr(double x) { set("lr", x); return this; }
    public Asgd alpha(double x) { set("alpha", x); return this; }
    public Asgd avgStart(long step) { set("avg_start", step); return this; }
    /** "moving" (θ̄ ← αθ̄ + (1−α)θ, the default) or "arithmetic" (the mean of the iterates). */
    public Asgd average(String kind) { set("average", kind); return this; }

    /** The running average θ̄ (the method's answer), or null before the first step. */
    public double[] average() { return state("avg"); }

    @Override
    public boolean averagesIterates() { return true; }

    /** θ̄, which Run's trajectories, Sweep's cells and trace report beside θ. */
    @Override
    public double[] averagedIterate() { return average(); }

    @Override
    protected void prepare(long t) {
        eta = lrAt(t);
        a = alpha.value();
        averaging = t >= avgStart.value();
        first = t == 1;
        arithmetic = average.selected().equals("arithmetic");
        count = t - avgStart.value() + 1;
    }

    // two loops: see Optimizer.SHORT
    @Override
    protected void update(double[] p, double[] g, double[][] st, int from, int to) {
        final double[] avg = st[0];
        if (to - from < SHORT) for (int i = from; i < to; i++) at(i, p, g, avg);
        else for (int i = from; i < to; i++) at(i, p, g, avg);
    }

    private void at(int i, double[] p, double[] g, double[] avg) {
        double old = p[i];
        double x = old - eta * g[i];
        p[i] = x;
        if (averaging && arithmetic) {
            avg[i] = count == 1 ? x : avg[i] + (x - avg[i]) / count;
        } else if (averaging) {
            // θ̄ before step 1 is θ₀ itself (doc 004: "initialised to params")
            double prev = first ? old : avg[i];
            avg[i] = a * prev + (1 - a) * x;
        } else {
            avg[i] = x;
        }
    }

    @Override
    protected void update(float[] p, float[] g, float[][] st, int from, int to) {
        final float[] avg = st[0];
        if (to - from < SHORT) for (int i = from; i < to; i++) at(i, p, g, avg);
        else for (int i = from; i < to; i++) at(i, p, g, avg);
    }

    private void at(int i, float[] p, float[] g, float[] avg) {
        float old = p[i];
        float x = old - (float) eta * g[i];
        p[i] = x;
        if (averaging && arithmetic) {
            avg[i] = count == 1 ? x : avg[i] + (x - avg[i]) / (float) count;
        } else if (averaging) {
            float prev = first ? old : avg[i];
            avg[i] = (float) a * prev + (float) (1 - a) * x;
        } else {
            avg[i] = x;
        }
    }

    /** η for every parameter, the rate that multiplied the gradient at the last step. */
    @Override
    public double[] effectiveRates() { return uniformRates(); }

    @Override
    public ElementRule rule() { return new AsgdRule(this); }
}
