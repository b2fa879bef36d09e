package adalab.plot;

import java.util.Arrays;

/**
 * One connected piece of a level line f(x, y) = level: points in order. A closed polyline (a
 * loop that never touches the grid's edge) repeats its first point at the end, so it can be drawn
 * as it is.
 */
public final class Polyline {
    private final double level;
    private final double[] xs;
    private final double[] ys;
    private final boolean closed;

    public Polyline(double level, double[] xs, double[] ys, boolean closed) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("ys: length " + ys.length + " given, must equal xs length " + xs.length);
        }
        this.level = level;
        this.xs = xs.clone();
        this.ys = ys.clone();
        this.closed = closed;
    }

    public double level() { return level; }
    public int size() { return xs.length; }
    public double x(int i) { return xs[i]; }
    public double y(int i) { return ys[i]; }
    public double[] xs() { return xs.clone(); }
    public double[] ys() { return ys.clone(); }
    public boolean closed() { return closed; }

    /** Signed area by the shoelace formula; meaningful for closed polylines. */
    public double area() {
        double a = 0;
        for (int i = 0; i + 1 < xs.length; i++) a += xs[i] * ys[i + 1] - xs[i + 1] * ys[i];
        return a / 2;
    }

    @Override
    public String toString() {
        return "Polyline(level=" + level + ", " + xs.length + " points, " + (closed ? "closed" : "open")
                + (xs.length > 0 ? ", from (" + xs[0] + ", " + ys[0] + ")" : "") + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Polyline p && p.level == level && p.closed == closed
                && Arrays.equals(p.xs, xs) && Arrays.equals(p.ys, ys);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(level) * 31 + Arrays.hashCode(xs) * 17 + Arrays.hashCode(ys);
    }
}
