package adalab.optim;

/**
 * One parameter element as an {@link ElementRule} sees it: its value θ, its gradient g and its
 * per-parameter state (in the optimizer's order of {@code stateNames()}), all carried in doubles
 * that hold values of the arithmetic in use. A cursor over arrays: {@link #at(int)} moves it.
 */
public final class Element {
    private double[] x, g;
    private double[][] state;
    private int i;

    Element() { }

    Element over(double[] x, double[] g, double[][] state) {
        this.x = x;
        this.g = g;
        this.state = state;
        return this;
    }

    Element at(int index) {
        i = index;
        return this;
    }

    public int index() { return i; }

    /** θ. */
    public double x() { return x[i]; }

    /** Writes θ and returns it. */
    public double x(double value) { return x[i] = value; }

    /** The gradient. */
    public double g() { return g[i]; }

    /** State array k (as numbered by the optimizer's state names). */
    public double s(int k) { return state[k][i]; }

    /** Writes state k and returns the value. */
    public double s(int k, double value) { return state[k][i] = value; }
}
