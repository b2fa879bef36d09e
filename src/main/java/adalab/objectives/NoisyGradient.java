package adalab.objectives;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * SGD's noise without data: the optimizer sees the wrapped objective's exact gradient plus independent
 * N(0, σ²) noise in every component, drawn from (seed, step), so a run is reproducible and two seeds
 * give two independent runs. {@link #value} and {@link #gradient} stay the wrapped objective's, exact.
 */
public final class NoisyGradient implements Objective {

    private final Objective inner;
    private final double sigma;
    private final long seed;

    public NoisyGradient(Objective inner, double sigma, long seed) {
        if (inner == null) throw new IllegalArgumentException("noisy gradient: the wrapped objective is null");
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("noisy gradient sigma = " + sigma + ": allowed >= 0 and finite");
        }
        this.inner = inner;
        this.sigma = sigma;
        this.seed = seed;
    }

    public Objective inner() { return inner; }

    public double sigma() { return sigma; }

    public long seed() { return seed; }

    /** The same objective and σ with another seed. */
    public NoisyGradient withSeed(long s) { return new NoisyGradient(inner, sigma, s); }

    @Override
    public double evaluate(double[] x, double[] grad, long step) {
        double loss = inner.evaluate(x, grad, step);
        SplittableRandom r = new SplittableRandom(Sampling.mix(seed, step));
        for (int i = 0; i < grad.length; i++) grad[i] += sigma * gaussian(r);
        return loss;
    }

    /** A standard normal by Box–Muller (SplittableRandom has no nextGaussian on Java 17). */
    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    @Override public String name() { return inner.name() + "+noise(σ=" + Specs.fmt(sigma) + ")"; }

    @Override public int dimension() { return inner.dimension(); }

    @Override public double value(double[] x) { return inner.value(x); }

    @Override public void gradient(double[] x, double[] grad) { inner.gradient(x, grad); }

    @Override public Optional<double[]> minimizer() { return inner.minimizer(); }

    @Override public double[] bounds() { return inner.bounds(); }

    @Override public double[] start() { return inner.start(); }
}
