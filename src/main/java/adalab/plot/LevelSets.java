package adalab.plot;

import adalab.objectives.Objective;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

/**
 * Level lines of a function of two variables, by marching squares on a regular grid.
 *
 * <pre>{@code
 * List<Polyline> lines = LevelSets.of(rosenbrock).grid(151).count(15).lines();
 * }</pre>
 *
 * By default the levels are log-spaced above the grid minimum, from a low to a high quantile of
 * the grid values: steep functions (Rosenbrock) still get lines in their flat valley. Cells with
 * a non-finite corner are skipped, so lines stop where the function is not finite.
 */
public final class LevelSets {

    private final DoubleBinaryOperator f;
    private final double xmin, xmax, ymin, ymax;
    private int n = 121;
    private int count = 14;
    private double quantile = 0.9;
    private double[] explicit;
    private double[][] z;      // z[j][i] = f(xs[i], ys[j]), computed once per grid size

    private LevelSets(DoubleBinaryOperator f, double xmin, double xmax, double ymin, double ymax) {
        checkRange("x", xmin, xmax);
        checkRange("y", ymin, ymax);
        this.f = f;
        this.xmin = xmin;
        this.xmax = xmax;
        this.ymin = ymin;
        this.ymax = ymax;
    }

    /** The level sets of a 2-D objective over its plot window {@link Objective#bounds()}. */
    public static LevelSets of(Objective objective) {
        double[] b = objective.bounds();
        return of(objective, b[0], b[1], b[2], b[3]);
    }

    /** The level sets of a 2-D objective over the window [xmin, xmax] × [ymin, ymax]. */
    public static LevelSets of(Objective objective, double xmin, double xmax, double ymin, double ymax) {
        if (objective.dimension() != 2) {
            throw new IllegalArgumentException("objective: " + objective.name() + " has dimension "
                    + objective.dimension() + ", level sets need dimension 2");
        }
        double[] p = new double[2];
        return new LevelSets((x, y) -> { p[0] = x; p[1] = y; return objective.value(p); }, xmin, xmax, ymin, ymax);
    }

    /** The level sets of f(x, y) over [xmin, xmax] × [ymin, ymax]. */
    public static LevelSets of(DoubleBinaryOperator f, double xmin, double xmax, double ymin, double ymax) {
        if (f == null) throw new IllegalArgumentException("f: null given, a function of (x, y) is needed");
        return new LevelSets(f, xmin, xmax, ymin, ymax);
    }

    /** Grid points per axis (default 121). */
    public LevelSets grid(int pointsPerAxis) {
        if (pointsPerAxis < 3 || pointsPerAxis > 2001) {
            throw new IllegalArgumentException("grid: " + pointsPerAxis + " given, allowed 3..2001 points per axis");
        }
        if (pointsPerAxis != n) z = null;
        n = pointsPerAxis;
        return this;
    }

    /** Number of log-spaced levels (default 14). */
    public LevelSets count(int levels) {
        if (levels < 1 || levels > 200) throw new IllegalArgumentException("count: " + levels + " given, allowed 1..200");
        count = levels;
        explicit = null;
        return this;
    }

    /** The grid-value quantile the highest level reaches (default 0.9). */
    public LevelSets quantile(double q) {
        if (!(q > 0 && q <= 1)) throw new IllegalArgumentException("quantile: " + q + " given, allowed (0, 1]");
        quantile = q;
        return this;
    }

    /** Draws exactly these levels instead of the log-spaced ones. */
    public LevelSets at(double... levels) {
        if (levels == null || levels.length == 0) throw new IllegalArgumentException("levels: none given, at least one needed");
        for (double c : levels) {
            if (!Double.isFinite(c)) throw new IllegalArgumentException("levels: " + c + " given, levels must be finite");
        }
        explicit = levels.clone();
        Arrays.sort(explicit);
        return this;
    }

    /** {xmin, xmax, ymin, ymax} */
    public double[] bounds() { return new double[]{xmin, xmax, ymin, ymax}; }

    /** The grid's x coordinates. */
    public double[] xs() { return linspace(xmin, xmax, n); }

    /** The grid's y coordinates. */
    public double[] ys() { return linspace(ymin, ymax, n); }

    /** The levels drawn, ascending. */
    public double[] levels() {
        return explicit != null ? explicit.clone() : logLevels(values(), count, quantile);
    }

    /** All level lines, lowest level first. */
    public List<Polyline> lines() {
        double[][] v = values();
        double[] xs = xs(), ys = ys();
        List<Polyline> out = new ArrayList<>();
        for (double c : levels()) out.addAll(trace(xs, ys, v, c));
        return out;
    }

    private double[][] values() {
        if (z == null) {
            double[] xs = xs(), ys = ys();
            double[][] v = new double[n][n];
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) v[j][i] = f.applyAsDouble(xs[i], ys[j]);
            }
            z = v;
        }
        return z;
    }

    // ------------------------------------------------------------------ the algorithms

    /**
     * {@code count} levels min + d_k, the d_k geometric from a low quantile (1 %) to the
     * {@code quantile} of (z − min) over the finite grid values. Empty when the grid is constant
     * or has no finite value.
     */
    public static double[] logLevels(double[][] z, int count, double quantile) {
        if (count < 1) throw new IllegalArgumentException("count: " + count + " given, allowed >= 1");
        if (!(quantile > 0 && quantile <= 1)) throw new IllegalArgumentException("quantile: " + quantile + " given, allowed (0, 1]");
        int total = 0;
        for (double[] row : z) total += row.length;
        double[] v = new double[total];
        int m = 0;
        for (double[] row : z) for (double x : row) if (Double.isFinite(x)) v[m++] = x;
        if (m == 0) return new double[0];
        v = Arrays.copyOf(v, m);
        Arrays.sort(v);
        double min = v[0];
        double hi = v[(int) Math.floor(quantile * (m - 1))] - min;
        if (!(hi > 0)) return new double[0];
        // The low end: where 1 % of the grid lies, but no more than four decades below the top,
        // so a sharp minimum does not spend every level on a speck.
        double lo = Math.max(v[(int) Math.floor(0.01 * (m - 1))] - min, hi * 1e-4);
        if (count == 1) return new double[]{min + hi};
        double[] out = new double[count];
        double r = Math.log(hi / lo);
        for (int k = 0; k < count; k++) out[k] = min + lo * Math.exp(r * k / (count - 1));
        return out;
    }

    /**
     * The level line z = level on a grid (z[j][i] is the value at (xs[i], ys[j])) by marching
     * squares: each cell's corners are classed as at-or-above / below the level, each crossed edge
     * gets a linearly interpolated point, and the cell's segments join the crossings. The ambiguous
     * saddle cells (two diagonal corners above, the other two below) are resolved by the cell-centre
     * average: if the centre is at or above the level the above-corners are joined through the
     * centre and the segments cut off the below-corners, otherwise the reverse. Segments sharing a
     * crossing are chained into polylines; chains that come back to their start are closed.
     */
    public static List<Polyline> trace(double[] xs, double[] ys, double[][] z, double level) {
        int nx = xs.length, ny = ys.length;
        if (nx < 2 || ny < 2) throw new IllegalArgumentException("grid: " + nx + " × " + ny + " given, at least 2 × 2 needed");
        if (z.length != ny) throw new IllegalArgumentException("z: " + z.length + " rows given, must equal ys length " + ny);
        for (double[] row : z) {
            if (row.length != nx) throw new IllegalArgumentException("z: a row of length " + row.length + " given, must equal xs length " + nx);
        }
        if (!Double.isFinite(level)) throw new IllegalArgumentException("level: " + level + " given, must be finite");

        int hEdges = ny * (nx - 1);                      // horizontal edge (i,j)-(i+1,j): j*(nx-1)+i
        int edges = hEdges + (ny - 1) * nx;              // vertical edge (i,j)-(i,j+1): hEdges + j*nx+i
        double[] px = new double[edges], py = new double[edges];
        int[] nb0 = new int[edges], nb1 = new int[edges];
        Arrays.fill(nb0, -1);
        Arrays.fill(nb1, -1);
        boolean[] has = new boolean[edges];

        int[] e = new int[4];
        for (int j = 0; j + 1 < ny; j++) {
            for (int i = 0; i + 1 < nx; i++) {
                double z0 = z[j][i], z1 = z[j][i + 1], z2 = z[j + 1][i + 1], z3 = z[j + 1][i];
                if (!(Double.isFinite(z0) && Double.isFinite(z1) && Double.isFinite(z2) && Double.isFinite(z3))) continue;
                int c = (z0 >= level ? 1 : 0) | (z1 >= level ? 2 : 0) | (z2 >= level ? 4 : 0) | (z3 >= level ? 8 : 0);
                if (c == 0 || c == 15) continue;
                // Edge k joins corner k and corner k+1 (corners counter-clockwise from bottom-left).
                e[0] = j * (nx - 1) + i;
                e[1] = hEdges + j * nx + i + 1;
                e[2] = (j + 1) * (nx - 1) + i;
                e[3] = hEdges + j * nx + i;
                double[] cx = {xs[i], xs[i + 1], xs[i + 1], xs[i]};
                double[] cy = {ys[j], ys[j], ys[j + 1], ys[j + 1]};
                double[] cz = {z0, z1, z2, z3};
                for (int k = 0; k < 4; k++) {
                    int a = k, b = (k + 1) % 4;
                    if ((cz[a] >= level) != (cz[b] >= level) && !has[e[k]]) {
                        double t = (level - cz[a]) / (cz[b] - cz[a]);
                        px[e[k]] = cx[a] + t * (cx[b] - cx[a]);
                        py[e[k]] = cy[a] + t * (cy[b] - cy[a]);
                        has[e[k]] = true;
                    }
                }
                if (c == 5 || c == 10) {
                    boolean centreAbove = (z0 + z1 + z2 + z3) / 4 >= level;
                    // Cut off the corners on the other side of the centre: corner k lies between edges k-1 and k.
                    for (int k = 0; k < 4; k++) {
                        boolean cornerAbove = (c >> k & 1) == 1;
                        if (cornerAbove != centreAbove) link(e[(k + 3) % 4], e[k], nb0, nb1);
                    }
                } else {
                    int first = -1;
                    for (int k = 0; k < 4; k++) {
                        boolean crossed = ((c >> k & 1) != (c >> ((k + 1) % 4) & 1));
                        if (crossed) {
                            if (first < 0) first = e[k];
                            else link(first, e[k], nb0, nb1);
                        }
                    }
                }
            }
        }

        List<Polyline> out = new ArrayList<>();
        boolean[] used = new boolean[edges];
        // Open chains first: they start at a crossing with one neighbour (on the grid's edge or a gap).
        for (int s = 0; s < edges; s++) {
            if (has[s] && !used[s] && (nb0[s] < 0) != (nb1[s] < 0)) out.add(walk(s, level, px, py, nb0, nb1, used, false));
        }
        for (int s = 0; s < edges; s++) {
            if (has[s] && !used[s] && nb0[s] >= 0 && nb1[s] >= 0) out.add(walk(s, level, px, py, nb0, nb1, used, true));
        }
        return out;
    }

    private static void link(int a, int b, int[] nb0, int[] nb1) {
        if (nb0[a] < 0) nb0[a] = b; else nb1[a] = b;
        if (nb0[b] < 0) nb0[b] = a; else nb1[b] = a;
    }

    private static Polyline walk(int start, double level, double[] px, double[] py, int[] nb0, int[] nb1,
                                 boolean[] used, boolean loop) {
        List<Integer> chain = new ArrayList<>();
        int prev = -1, cur = start;
        while (cur >= 0 && !used[cur]) {
            used[cur] = true;
            chain.add(cur);
            int next = nb0[cur] != prev && nb0[cur] >= 0 ? nb0[cur] : nb1[cur];
            if (next == prev) next = -1;             // a two-point chain: its only neighbour is behind
            prev = cur;
            cur = next;
        }
        boolean closed = loop && cur == start;
        int len = chain.size() + (closed ? 1 : 0);
        double[] x = new double[len], y = new double[len];
        for (int k = 0; k < chain.size(); k++) {
            x[k] = px[chain.get(k)];
            y[k] = py[chain.get(k)];
        }
        if (closed) {
            x[len - 1] = x[0];
            y[len - 1] = y[0];
        }
        return new Polyline(level, x, y, closed);
    }

    static double[] linspace(double a, double b, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = a + (b - a) * i / (n - 1);
        v[n - 1] = b;
        return v;
    }

    private static void checkRange(String axis, double min, double max) {
        if (!(Double.isFinite(min) && Double.isFinite(max) && min < max)) {
            throw new IllegalArgumentException(axis + "min, " + axis + "max: [" + min + ", " + max
                    + "] given, need finite " + axis + "min < " + axis + "max");
        }
    }
}
