package adalab.objectives;

import java.util.Random;

/**
 * Least squares with a training, a validation and a test set drawn from one seeded distribution:
 * features xⱼ ~ N(0, sⱼ²), targets y = x·w* + σ·noise. The optimizer sees only the training loss
 * ½·mean((xᵢ·w − yᵢ)²); {@link #validationLoss} is for choosing hyperparameters, {@link #heldOutLoss}
 * for the final score, both in the same form. With more features than training examples the training
 * loss has many minimisers, and which one an optimizer reaches decides the held-out loss.
 */
public final class SplitRegression extends DataObjective implements HeldOut {

    private final double[][] x, xVal, xTest;
    private final double[] y, yVal, yTest, trueW;

    /**
     * @param scales per-feature standard deviations sⱼ (null = all 1)
     */
    public SplitRegression(int nTrain, int nValidation, int nTest, double[] trueWeights, double[] scales,
                           double noise, long seed, Sampling sampling) {
        super(checkArguments(nTrain, nValidation, nTest, trueWeights, scales, noise), seed, sampling);
        Random r = new Random(seed);
        int d = trueWeights.length;
        this.trueW = trueWeights.clone();
        this.x = new double[nTrain][d];
        this.y = new double[nTrain];
        this.xVal = new double[nValidation][d];
        this.yVal = new double[nValidation];
        this.xTest = new double[nTest][d];
        this.yTest = new double[nTest];
        fill(r, x, y, scales, noise);
        fill(r, xVal, yVal, scales, noise);
        fill(r, xTest, yTest, scales, noise);
    }

    private SplitRegression(SplitRegression o, Sampling s) {
        super(o.y.length, o.seed(), s);
        this.x = o.x;
        this.y = o.y;
        this.xVal = o.xVal;
        this.yVal = o.yVal;
        this.xTest = o.xTest;
        this.yTest = o.yTest;
        this.trueW = o.trueW;
    }

    /** The same data with another sampling. */
    public SplitRegression withSampling(Sampling s) { return new SplitRegression(this, s); }

    private static int checkArguments(int nTrain, int nValidation, int nTest, double[] trueWeights, double[] scales, double noise) {
        if (nTrain < 1) throw new IllegalArgumentException("split regression nTrain = " + nTrain + ": allowed an integer >= 1");
        if (nValidation < 1) throw new IllegalArgumentException("split regression nValidation = " + nValidation + ": allowed an integer >= 1");
        if (nTest < 1) throw new IllegalArgumentException("split regression nTest = " + nTest + ": allowed an integer >= 1");
        if (trueWeights == null || trueWeights.length < 1) {
            throw new IllegalArgumentException("split regression true weights: need at least one");
        }
        for (int j = 0; j < trueWeights.length; j++) Specs.finite("split regression true weight w" + j, trueWeights[j]);
        if (scales != null) {
            if (scales.length != trueWeights.length) {
                throw new IllegalArgumentException("split regression scales has " + scales.length + " elements: need " + trueWeights.length);
            }
            for (int j = 0; j < scales.length; j++) Specs.positive("split regression scale " + j, scales[j]);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("split regression noise = " + noise + ": allowed >= 0 and finite");
        }
        return nTrain;
    }

    private void fill(Random r, double[][] xs, double[] ys, double[] scales, double noise) {
        for (int i = 0; i < ys.length; i++) {
            for (int j = 0; j < trueW.length; j++) xs[i][j] = r.nextGaussian() * (scales == null ? 1 : scales[j]);
            ys[i] = LinAlg.dot(xs[i], trueW) + noise * r.nextGaussian();
        }
    }

    private static double meanLoss(double[][] xs, double[] ys, double[] w) {
        double s = 0;
        for (int i = 0; i < ys.length; i++) {
            double r = LinAlg.dot(xs[i], w) - ys[i];
            s += 0.5 * r * r;
        }
        return s / ys.length;
    }

    // ---------------------------------------------------------------- the three sets

    @Override public int examples() { return y.length; }

    /** ½·mean squared error on the validation set. */
    public double validationLoss(double[] w) {
        Specs.checkLength(w, dimension(), "x");
        return meanLoss(xVal, yVal, w);
    }

    /** ½·mean squared error on the test set. */
    @Override
    public double heldOutLoss(double[] w) {
        Specs.checkLength(w, dimension(), "x");
        return meanLoss(xTest, yTest, w);
    }

    @Override public int heldOutExamples() { return yTest.length; }

    public int validationExamples() { return yVal.length; }

    /** Training features (a copy), nTrain rows of d. */
    public double[][] features() { return LinAlg.copy(x); }

    public double[] targets() { return y.clone(); }

    public double[][] testFeatures() { return LinAlg.copy(xTest); }

    public double[] testTargets() { return yTest.clone(); }

    public double[] trueWeights() { return trueW.clone(); }

    // ---------------------------------------------------------------- Objective

    @Override
    public String name() { return "split-regression(n=" + y.length + ",d=" + trueW.length + "," + sampling() + ")"; }

    @Override public int dimension() { return trueW.length; }

    @Override
    protected double exampleLoss(int i, double[] w) { return LinAlg.halfSquaredResidual(x[i], y[i], w); }

    @Override
    protected double accumulate(int i, double[] w, double[] grad) { return LinAlg.accumulateSquaredResidual(x[i], y[i], w, grad); }
}
