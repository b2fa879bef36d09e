package adalab.optim;

import java.util.ArrayList;
import java.util.List;

/**
 * Parameter groups (document 002's "different learning rates for different layers or parameter
 * groups"; PyTorch's param_groups): the parameter vector is cut into consecutive blocks and each
 * block is stepped by its own optimizer, with its own hyperparameters and state.
 *
 * <pre>{@code
 * var groups = new ParameterGroups().add(1, new Sgd().lr(1)).add(1, new Sgd().lr(0.01));
 * groups.step(x, objective);
 * }</pre>
 *
 * The optimizers' rules are elementwise, so giving every block an optimizer with the same settings
 * reproduces one optimizer over the whole vector bit for bit. A step that meets a NaN or infinite
 * gradient element is refused before any block moves.
 */
public final class ParameterGroups {

    private record Group(int from, int size, Optimizer optimizer) { }

    private final List<Group> groups = new ArrayList<>();
    private int size;
    private long steps;
    private double[] point, grad;

    /** Adds the next {@code size} parameters as a group stepped by {@code optimizer}. */
    public ParameterGroups add(int size, Optimizer optimizer) {
        if (size < 1) throw new IllegalArgumentException("group size = " + size + " is out of range: allowed an integer >= 1");
        if (optimizer == null) throw new IllegalArgumentException("group optimizer is null");
        for (Group g : groups) {
            if (g.optimizer() == optimizer) {
                throw new IllegalArgumentException("this " + optimizer.name() + " already steps another group: give each group its own optimizer");
            }
        }
        if (steps > 0) throw new IllegalStateException("groups cannot be added after the first step");
        groups.add(new Group(this.size, size, optimizer));
        this.size += size;
        return this;
    }

    /** Total number of parameters over all groups. */
    public int size() { return size; }

    public int groupCount() { return groups.size(); }

    /** The optimizer of group k (0-based), e.g. to read its state or change its learning rate. */
    public Optimizer optimizer(int k) {
        if (k < 0 || k >= groups.size()) {
            throw new IllegalArgumentException("group " + k + " is out of range: allowed 0 to " + (groups.size() - 1));
        }
        return groups.get(k).optimizer();
    }

    /** Steps taken so far. */
    public long step() { return steps; }

    /** One step with the gradient g at x (every group's method must take its gradient at x: not NAG). */
    public void step(double[] x, double[] g) {
        check(x, "params");
        check(g, "grad");
        for (Group gr : groups) {
            if (gr.optimizer().usesLookahead()) {
                throw new IllegalArgumentException(gr.optimizer().name() + " takes its gradient at a look-ahead point: use step(x, oracle)");
            }
        }
        refuseNonFinite(g);
        stepGroups(x, g);
    }

    /**
     * One step that asks the oracle once for the gradient at the point each group asks for (its
     * slice of x, or NAG's look-ahead); returns the loss the oracle reported.
     */
    public double step(double[] x, GradientOracle oracle) {
        check(x, "params");
        if (oracle == null) throw new IllegalArgumentException("the gradient oracle is null");
        if (point == null) {
            point = new double[size];
            grad = new double[size];
        }
        for (Group gr : groups) {
            double[] in = slice(x, gr), out = new double[gr.size()];
            gr.optimizer().gradientPoint(in, out);
            System.arraycopy(out, 0, point, gr.from(), gr.size());
        }
        double loss = oracle.evaluate(point, grad, steps + 1);
        refuseNonFinite(grad);
        stepGroups(x, grad);
        return loss;
    }

    private void stepGroups(double[] x, double[] g) {
        for (Group gr : groups) {
            double[] xs = slice(x, gr), gs = slice(g, gr);
            gr.optimizer().step(xs, gs);
            System.arraycopy(xs, 0, x, gr.from(), gr.size());
        }
        steps++;
    }

    private static double[] slice(double[] a, Group gr) {
        double[] s = new double[gr.size()];
        System.arraycopy(a, gr.from(), s, 0, gr.size());
        return s;
    }

    private void refuseNonFinite(double[] g) {
        for (int i = 0; i < g.length; i++) {
            if (!Double.isFinite(g[i])) throw new NonFiniteGradientException("parameter groups", steps + 1, i, g[i]);
        }
    }

    private void check(double[] a, String what) {
        if (groups.isEmpty()) throw new IllegalStateException("no groups: add(size, optimizer) first");
        if (a == null) throw new IllegalArgumentException(what + " is null");
        if (a.length != size) {
            throw new IllegalArgumentException(what + " has " + a.length + " elements but the groups cover " + size + ": they must match");
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("ParameterGroups[");
        for (int k = 0; k < groups.size(); k++) {
            Group g = groups.get(k);
            b.append(k == 0 ? "" : ", ").append(g.from()).append("..").append(g.from() + g.size() - 1).append(": ").append(g.optimizer());
        }
        return b.append(']').toString();
    }
}
