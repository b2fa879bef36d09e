package adalab.objectives;

import java.util.Optional;
import java.util.Random;

/**
 * Least squares on seeded synthetic data: features xᵢ ~ N(0, 1) (times an optional per-feature
 * scale), targets yᵢ = xᵢ·w* + σ·noise. The loss is ½·mean((xᵢ·w − yᵢ)²) over all n examples;
 * {@link #value} and {@link #gradient} are always that full-data loss, while {@link #evaluate}
 * reports the gradient on the step's sample or mini-batch (see {@link Sampling}).
 */
public final class LinearRegression extends DataObjective {

    private final double[][] x;
    private final double[] y, trueW;
    private final double noise;
    private final double[] minimizer;   // null when XᵀX is singular

    /** n examples, d features, true weights drawn N(0, 1) from the seed, noise σ. */
    public LinearRegression(int n, int d, double noise, long seed) {
        this(n, drawWeights(d, seed), noise, seed);
    }

    /** n examples with the given true weights and noise σ; features N(0, 1). */
    public LinearRegression(int n, double[] trueWeights, double noise, long seed) {
        this(n, trueWeights, null, noise, seed, Sampling.full());
    }

    /**
     * @param scales per-feature standard deviations (null = all 1): ill-conditioned data for
     *               the preconditioning notebooks
     */
    public LinearRegression(int n, double[] trueWeights, double[] scales, double noise, long seed, Sampling sampling) {
        super(checkArguments(n, trueWeights, scales, noise), seed, sampling);
        int d = trueWeights.length;
        Random r = new Random(seed);
        double[][] xs = new double[n][d];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) xs[i][j] = r.nextGaussian() * (scales == null ? 1 : scales[j]);
            ys[i] = LinAlg.dot(xs[i], trueWeights) + noise * r.nextGaussian();
        }
        this.x = xs;
        this.y = ys;
        this.trueW = trueWeights.clone();
        this.noise = noise;
        this.minimizer = leastSquares(xs, ys);
    }

    /** Checks the generator's arguments before anything is drawn; returns n. */
    private static int checkArguments(int n, double[] trueWeights, double[] scales, double noise) {
        if (n < 1) throw new IllegalArgumentException("linreg n = " + n + ": allowed an integer >= 1");
        if (trueWeights == null || trueWeights.length < 1) {
            throw new IllegalArgumentException("linreg true weights: need at least one");
        }
        int d = trueWeights.length;
        for (int j = 0; j < d; j++) Specs.finite("linreg true weight w" + j, trueWeights[j]);
        if (scales != null) {
            if (scales.length != d) {
                throw new IllegalArgumentException("linreg scales has " + scales.length + " elements: need " + d);
            }
            for (int j = 0; j < d; j++) Specs.positive("linreg scale " + j, scales[j]);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("linreg noise = " + noise + ": allowed >= 0 and finite");
        }
        return n;
    }

    private LinearRegression(double[][] x, double[] y, double[] trueW, double noise, long seed, Sampling s, double[] min) {
        super(y.length, seed, s);
        this.x = x;
        this.y = y;
        this.trueW = trueW;
        this.noise = noise;
        this.minimizer = min;
    }

    /** Least squares on given data (copied); the seed drives the sampling only. */
    public static LinearRegression fromData(double[][] features, double[] targets, long seed) {
        if (features == null) throw new IllegalArgumentException("features is null: need at least one row");
        if (targets == null) throw new IllegalArgumentException("targets is null: need one per feature row");
        if (features.length == 0) throw new IllegalArgumentException("features has no rows: need at least one");
        if (features.length != targets.length) {
            throw new IllegalArgumentException("features has " + features.length + " rows but targets has "
                    + targets.length + " values: they must match");
        }
        for (int i = 0; i < features.length; i++) {
            if (features[i] == null) throw new IllegalArgumentException("features[" + i + "] is null");
        }
        int d = features[0].length;
        if (d == 0) throw new IllegalArgumentException("features[0] is empty: need at least one feature");
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != d) {
                throw new IllegalArgumentException("linreg data: row " + i + " has " + features[i].length + " features, row 0 has " + d);
            }
            for (int j = 0; j < d; j++) Specs.finite("feature[" + i + "][" + j + "]", features[i][j]);
            Specs.finite("target[" + i + "]", targets[i]);
        }
        double[][] xs = LinAlg.copy(features);
        double[] ys = targets.clone();
        return new LinearRegression(xs, ys, null, Double.NaN, seed, Sampling.full(), leastSquares(xs, ys));
    }

    /** The same data with another sampling; draws depend only on (seed, step), so runs stay reproducible. */
    public LinearRegression withSampling(Sampling s) {
        return new LinearRegression(x, y, trueW, noise, seed(), s, minimizer);
    }

    private static double[] drawWeights(int d, long seed) {
        if (d < 1) throw new IllegalArgumentException("linreg d = " + d + ": allowed an integer >= 1");
        Random r = new Random(Sampling.mix(seed, -1));
        double[] w = new double[d];
        for (int j = 0; j < d; j++) w[j] = r.nextGaussian();
        return w;
    }

    /** Solves the normal equations XᵀX w = Xᵀy; null when XᵀX is singular. */
    private static double[] leastSquares(double[][] x, double[] y) {
        int d = x[0].length;
        double[][] a = new double[d][d];
        double[] b = new double[d];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < d; j++) {
                b[j] += x[i][j] * y[i];
                for (int k = 0; k < d; k++) a[j][k] += x[i][j] * x[i][k];
            }
        }
        return LinAlg.solve(a, b);
    }

    // ---------------------------------------------------------------- data for notebooks

    @Override public int examples() { return y.length; }

    /** The feature matrix (a copy), n rows of d. */
    public double[][] features() { return LinAlg.copy(x); }

    public double[] targets() { return y.clone(); }

    /** The weights the data were generated from, or null for {@link #fromData} objectives. */
    public double[] trueWeights() { return trueW == null ? null : trueW.clone(); }

    public double noise() { return noise; }

    // ---------------------------------------------------------------- Objective

    @Override
    public String name() {
        return "linreg(n=" + y.length + ",d=" + dimension() + "," + sampling() + ")";
    }

    @Override public int dimension() { return x[0].length; }

    @Override
    protected double exampleLoss(int i, double[] w) { return LinAlg.halfSquaredResidual(x[i], y[i], w); }

    @Override
    protected double accumulate(int i, double[] w, double[] grad) { return LinAlg.accumulateSquaredResidual(x[i], y[i], w, grad); }

    /** The least-squares solution (normal equations), when XᵀX is invertible. */
    @Override
    public Optional<double[]> minimizer() { return Optional.ofNullable(minimizer == null ? null : minimizer.clone()); }

    @Override
    public double[] bounds() {
        if (minimizer == null || minimizer.length != 2) return super.bounds();
        return new double[]{minimizer[0] - 3, minimizer[0] + 3, minimizer[1] - 3, minimizer[1] + 3};
    }
}
