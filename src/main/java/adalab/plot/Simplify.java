package adalab.plot;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Drops points that a reader could not see: Ramer–Douglas–Peucker in units of the plot window,
 * so a 3000-step path or a fine level line costs a few hundred segments in an SVG for print.
 * Non-finite points are kept (they are gaps in the line) and split the line into pieces.
 */
final class Simplify {
    private Simplify() { }

    /**
     * Keeps the points of (x, y) that deviate from the simplified line by more than tol, where
     * distances are measured after dividing x by sx and y by sy (the window's spans).
     * Returns {x', y'}; a line of up to 3 points comes back unchanged.
     */
    static double[][] lines(double[] x, double[] y, double sx, double sy, double tol) {
        if (x.length <= 3) return new double[][]{x, y};
        boolean[] keep = keep(x, y, sx, sy, tol);
        return new double[][]{select(x, keep), select(y, keep)};
    }

    /** Which points {@link #lines} keeps. */
    static boolean[] keep(double[] x, double[] y, double sx, double sy, double tol) {
        int n = x.length;
        boolean[] keep = new boolean[n];
        int start = 0;
        while (start < n) {
            if (!(Double.isFinite(x[start]) && Double.isFinite(y[start]))) {
                keep[start++] = true;
                continue;
            }
            int end = start;
            while (end + 1 < n && Double.isFinite(x[end + 1]) && Double.isFinite(y[end + 1])) end++;
            rdp(x, y, start, end, sx, sy, tol, keep);
            start = end + 1;
        }
        return keep;
    }

    static double[] select(double[] v, boolean[] keep) {
        int m = 0;
        for (boolean k : keep) if (k) m++;
        double[] out = new double[m];
        int j = 0;
        for (int i = 0; i < v.length; i++) if (keep[i]) out[j++] = v[i];
        return out;
    }

    private static void rdp(double[] x, double[] y, int a, int b, double sx, double sy, double tol, boolean[] keep) {
        keep[a] = true;
        keep[b] = true;
        Deque<int[]> stack = new ArrayDeque<>();
        stack.push(new int[]{a, b});
        while (!stack.isEmpty()) {
            int[] seg = stack.pop();
            int i0 = seg[0], i1 = seg[1];
            if (i1 - i0 < 2) continue;
            double ax = x[i0] / sx, ay = y[i0] / sy, bx = x[i1] / sx, by = y[i1] / sy;
            double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
            double worst = -1;
            int at = -1;
            for (int i = i0 + 1; i < i1; i++) {
                double px = x[i] / sx - ax, py = y[i] / sy - ay;
                double d2;
                if (len2 == 0) {
                    d2 = px * px + py * py;
                } else {
                    double t = Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
                    double ex = px - t * dx, ey = py - t * dy;
                    d2 = ex * ex + ey * ey;
                }
                if (d2 > worst) {
                    worst = d2;
                    at = i;
                }
            }
            if (worst > tol * tol) {
                keep[at] = true;
                stack.push(new int[]{i0, at});
                stack.push(new int[]{at, i1});
            }
        }
    }
}
