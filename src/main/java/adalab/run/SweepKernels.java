package adalab.run;

import adalab.objectives.Objective;
import adalab.objectives.Rosenbrock;
import adalab.optim.Adam;
import adalab.optim.Optimizer;

import java.util.function.BooleanSupplier;

/**
 * The sweep's lean path: many cells of Adam on 2-D Rosenbrock stepped at once, one array per
 * quantity indexed by cell ("lanes"), so that C2 vectorizes each step across cells instead of
 * waiting on one cell's dependency chain (divide, square root, divide) after another.
 *
 * <p>Bit-identical to {@code Run}: per element the same IEEE operations in the same order as
 * {@link Rosenbrock#gradient}/{@link Rosenbrock#value} and Adam's double kernel (Java never fuses
 * or reorders floating-point operations, vectorized or not), the same 1 − βᵗ values
 * ({@link adalab.optim.BiasCorrections}), and the same stop rule as Run: a step whose gradient
 * is not finite leaves the cell as it was and stops it. Anything else takes the general path.
 */
final class SweepKernels {

    /** Cells stepped together: their arrays (~20 of 64 doubles) stay in L1. */
    static final int LANES = Integer.getInteger("adalab.sweep.lanes", 64);
    /** Longest run the lanes take (the 1 − βᵗ tables are per sweep, 8 bytes a step per β). */
    static final long MAX_STEPS = 1 << 16;

    private SweepKernels() { }

    /** Whether the lanes reproduce o: Adam's own rule ({@link Adam#hasAdamRule()}: not AdamW's), no schedule. */
    static boolean lanesAdam(Optimizer o) {
        return LANES > 0 && o instanceof Adam a && a.hasAdamRule() && o.schedule() == null;
    }

    /**
     * {a, b} when f is a {@link Rosenbrock}, else null: a final class whose gradient and value are
     * the lanes' closed form, operation for operation (SweepLanesTest holds them to the same bits).
     */
    static double[] rosenbrock(Objective f) {
        return f instanceof Rosenbrock r ? new double[]{r.a(), r.b()} : null;
    }

    /**
     * Up to a fixed number of Adam cells on one Rosenbrock with one ε placement. Lanes are packed:
     * a cell that stops is swapped out (its results saved by slot), so the loops always run over
     * [0, n) without a branch per cell.
     */
    static final class AdamRosenbrock {
        private final double a, b, fb, tb;
        private final boolean inside;
        private int n;
        // per lane
        private final double[] x0, x1, m0, m1, v0, v1, g0, g1, eta, b1, a1, b2, a2, eps, lam;
        // per lane, scratch of one step (not moved when a lane retires): 1 − β₁ᵗ, 1 − β₂ᵗ, m̂, v̂, loss
        private final double[] c1, c2, h, q, loss;
        private final double[][] t1, t2;
        private final int[] slot;
        private final long[] tolLane;
        // per slot (the order cells were added), read after run()
        final double[] rx0, rx1;
        final long[] taken, toTol;
        final boolean[] stopped;

        AdamRosenbrock(double a, double b, boolean inside, int capacity) {
            this.a = a;
            this.b = b;
            this.fb = 4 * b;
            this.tb = 2 * b;
            this.inside = inside;
            x0 = new double[capacity]; x1 = new double[capacity];
            m0 = new double[capacity]; m1 = new double[capacity];
            v0 = new double[capacity]; v1 = new double[capacity];
            g0 = new double[capacity]; g1 = new double[capacity];
            c1 = new double[capacity]; c2 = new double[capacity];
            h = new double[capacity]; q = new double[capacity];
            eta = new double[capacity]; b1 = new double[capacity]; a1 = new double[capacity];
            b2 = new double[capacity]; a2 = new double[capacity]; eps = new double[capacity];
            lam = new double[capacity]; loss = new double[capacity];
            t1 = new double[capacity][]; t2 = new double[capacity][];
            slot = new int[capacity];
            tolLane = new long[capacity];
            rx0 = new double[capacity]; rx1 = new double[capacity];
            taken = new long[capacity]; toTol = new long[capacity];
            stopped = new boolean[capacity];
        }

        int size() { return n; }

        /**
         * Adds a cell from x with o's hyperparameters; c1Table/c2Table hold 1 − βᵗ for t = 1 … steps
         * (all ones with bias_correction off). Returns its slot.
         */
        int add(double[] x, Optimizer o, double[] c1Table, double[] c2Table, long toTolerance) {
            return add(x, o.get("lr"), o.get("beta1"), o.get("beta2"), o.get("eps"), o.get("weight_decay"),
                    c1Table, c2Table, toTolerance);
        }

        /** Adds a cell from x with these hyperparameters (the values Adam's step reads); returns its slot. */
        int add(double[] x, double lr, double beta1, double beta2, double epsilon, double weightDecay,
                double[] c1Table, double[] c2Table, long toTolerance) {
            int k = n++;
            x0[k] = x[0];
            x1[k] = x[1];
            eta[k] = lr;
            b1[k] = beta1;
            b2[k] = beta2;
            a1[k] = 1 - beta1;
            a2[k] = 1 - beta2;
            eps[k] = epsilon;
            lam[k] = weightDecay;
            t1[k] = c1Table;
            t2[k] = c2Table;
            slot[k] = k;
            tolLane[k] = toTolerance;
            return k;
        }

        /** Runs every cell for steps steps; false when cancelled (results then incomplete). */
        boolean run(long steps, double tolerance, BooleanSupplier cancelled) {
            boolean tol = !Double.isNaN(tolerance);
            boolean same1 = true, same2 = true;
            for (int k = 1; k < n; k++) {
                same1 &= t1[k] == t1[0];
                same2 &= t2[k] == t2[0];
            }
            for (long s = 1; s <= steps && n > 0; s++) {
                if (cancelled.getAsBoolean()) return false;
                gradient(n);
                // A non-finite gradient stops the cell with its state as it was (Optimizer refuses it;
                // Run stops there). Run does not check the loss by default, nor do the lanes.
                if (!allFinite(n)) {
                    for (int k = n - 1; k >= 0; k--) {
                        if (!(Math.abs(g0[k]) <= Double.MAX_VALUE) || !(Math.abs(g1[k]) <= Double.MAX_VALUE)) {
                            retire(k, s - 1, true);
                        }
                    }
                }
                int ti = (int) (s - 1);
                boolean one1 = corrections(n, t1, c1, ti, same1), one2 = corrections(n, t2, c2, ti, same2);
                coordinate(n, x0, m0, v0, g0, one1, one2);
                coordinate(n, x1, m1, v1, g1, one1, one2);
                if (tol) {
                    lossAll(n);
                    for (int k = 0; k < n; k++) {
                        if (tolLane[k] < 0 && loss[k] <= tolerance) tolLane[k] = s;
                    }
                }
            }
            while (n > 0) retire(n - 1, steps, false);
            return true;
        }

        /**
         * Writes step ti's 1 − βᵗ of every lane into c; returns whether all are 1. Lanes that share
         * one table (Sweep groups cells by β) take a fill; others a gather.
         */
        private static boolean corrections(int n, double[][] t, double[] c, int ti, boolean same) {
            if (same && n > 0) {
                double u = t[0][ti];
                if (u == 1) return true;
                java.util.Arrays.fill(c, 0, n, u);
                return false;
            }
            boolean one = true;
            for (int k = 0; k < n; k++) {
                double u = t[k][ti];
                c[k] = u;
                one &= u == 1;
            }
            return one;
        }

        /** Whether every gradient component is finite: g·0 is 0 for finite g, NaN otherwise (two independent sums). */
        private boolean allFinite(int n) {
            final double[] g0 = this.g0, g1 = this.g1;
            double s0 = 0, s1 = 0;
            for (int k = 0; k < n; k++) {
                s0 += g0[k] * 0.0;
                s1 += g1[k] * 0.0;
            }
            return s0 + s1 == 0;
        }

        /** Saves lane k's results under its slot and moves the last lane into k. */
        private void retire(int k, long stepsTaken, boolean stop) {
            int s = slot[k];
            rx0[s] = x0[k];
            rx1[s] = x1[k];
            taken[s] = stepsTaken;
            toTol[s] = tolLane[k];
            stopped[s] = stop;
            int last = --n;
            if (k == last) return;
            x0[k] = x0[last]; x1[k] = x1[last];
            m0[k] = m0[last]; m1[k] = m1[last];
            v0[k] = v0[last]; v1[k] = v1[last];
            g0[k] = g0[last]; g1[k] = g1[last];
            eta[k] = eta[last]; b1[k] = b1[last]; a1[k] = a1[last];
            b2[k] = b2[last]; a2[k] = a2[last]; eps[k] = eps[last]; lam[k] = lam[last];
            t1[k] = t1[last]; t2[k] = t2[last];
            slot[k] = slot[last];
            tolLane[k] = tolLane[last];
        }

        // Rosenbrock.gradient, operation by operation: -2 * (a - x) - 4 * b * x * w and 2 * b * w.
        private void gradient(int n) {
            final double a = this.a, fb = this.fb, tb = this.tb;
            final double[] x0 = this.x0, x1 = this.x1, g0 = this.g0, g1 = this.g1;
            for (int k = 0; k < n; k++) {
                double p0 = x0[k], p1 = x1[k];
                double w = p1 - p0 * p0;
                g0[k] = -2 * (a - p0) - fb * p0 * w;
                g1[k] = tb * w;
            }
        }

        private void lossAll(int n) {
            final double a = this.a, b = this.b;
            final double[] x0 = this.x0, x1 = this.x1, loss = this.loss;
            for (int k = 0; k < n; k++) {
                double p0 = x0[k];
                double u = a - p0, w = x1[k] - p0 * p0;
                loss[k] = u * u + b * w * w;
            }
        }

        /**
         * Adam's double kernel for one coordinate, operation by operation, as four short loops: C2
         * unrolls (and so vectorizes) only small loop bodies, and one loop with the whole step ran
         * scalar, 3× slower. h and q carry m̂ and v̂ between loops; g takes g + λθ.
         * x / 1 is x exactly, so a division by a 1 − βᵗ that is 1 in every lane is left out.
         */
        private void coordinate(int n, double[] x, double[] m, double[] v, double[] g, boolean one1, boolean one2) {
            final double[] c1 = this.c1, c2 = this.c2, eta = this.eta, b1 = this.b1, a1 = this.a1;
            final double[] b2 = this.b2, a2 = this.a2, eps = this.eps, lam = this.lam, h = this.h, q = this.q;
            for (int k = 0; k < n; k++) g[k] = g[k] + lam[k] * x[k];
            if (one1) {
                for (int k = 0; k < n; k++) {
                    double mj = b1[k] * m[k] + a1[k] * g[k];
                    m[k] = mj;
                    h[k] = mj;
                }
            } else {
                for (int k = 0; k < n; k++) {
                    double mj = b1[k] * m[k] + a1[k] * g[k];
                    m[k] = mj;
                    h[k] = mj / c1[k];
                }
            }
            if (one2) {
                for (int k = 0; k < n; k++) {
                    double gj = g[k];
                    double vj = b2[k] * v[k] + a2[k] * gj * gj;
                    v[k] = vj;
                    q[k] = vj;
                }
            } else {
                for (int k = 0; k < n; k++) {
                    double gj = g[k];
                    double vj = b2[k] * v[k] + a2[k] * gj * gj;
                    v[k] = vj;
                    q[k] = vj / c2[k];
                }
            }
            if (inside) {
                for (int k = 0; k < n; k++) {
                    double d = Math.sqrt(q[k] + eps[k]);
                    // ε = 0 and v̂ = 0 (so m̂ = 0): 0, not 0/0, as Adam
                    x[k] = x[k] - eta[k] * h[k] / Math.max(d, Double.MIN_VALUE);
                }
            } else {
                for (int k = 0; k < n; k++) {
                    double d = Math.sqrt(q[k]) + eps[k];
                    x[k] = x[k] - eta[k] * h[k] / Math.max(d, Double.MIN_VALUE);
                }
            }
        }
    }
}
