package adalab.objectives;

/** Small dense linear algebra in plain Java for the objectives (package-private). */
final class LinAlg {
    private LinAlg() { }

    /**
     * Solves A x = b by Gaussian elimination with partial pivoting; null when A is singular to
     * working precision (a pivot below 1e-12 times the largest entry). A and b are not changed.
     */
    static double[] solve(double[][] a0, double[] b0) {
        int n = b0.length;
        double[][] a = new double[n][];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            a[i] = a0[i].clone();
            for (double v : a[i]) scale = Math.max(scale, Math.abs(v));
        }
        double[] b = b0.clone();
        if (scale == 0) return null;
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
            if (Math.abs(a[p][c]) <= 1e-12 * scale) return null;
            double[] tr = a[c]; a[c] = a[p]; a[p] = tr;
            double tb = b[c]; b[c] = b[p]; b[p] = tb;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                if (f == 0) continue;
                for (int k = c; k < n; k++) a[r][k] -= f * a[c][k];
                b[r] -= f * b[c];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) s -= a[r][k] * x[k];
            x[r] = s / a[r][r];
        }
        return x;
    }

    /** Whether a symmetric matrix is positive definite (a Cholesky factorisation succeeds). */
    static boolean positiveDefinite(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
                if (i == j) {
                    if (!(s > 0)) return false;
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return true;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }

    /** ½(x·w − y)²: one example's least-squares loss. */
    static double halfSquaredResidual(double[] xi, double yi, double[] w) {
        double r = dot(xi, w) - yi;
        return 0.5 * r * r;
    }

    /** Adds (x·w − y)x to grad and returns ½(x·w − y)²: one example's least-squares gradient and loss. */
    static double accumulateSquaredResidual(double[] xi, double yi, double[] w, double[] grad) {
        double r = dot(xi, w) - yi;
        for (int j = 0; j < grad.length; j++) grad[j] += r * xi[j];
        return 0.5 * r * r;
    }
}
