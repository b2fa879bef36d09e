package adalab.plot.figure;

import adalab.objectives.Objective;
import adalab.optim.Optimizer;
import adalab.run.Trajectory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs over one or two hyperparameters, precomputed for a {@link Slider}: run {@code (i, j)} is the
 * one with the first parameter's i-th value and the second's j-th. Build it from runs made any way
 * ({@link #of}), or let {@link #sweep} make them (a few microseconds each for the toy objectives).
 */
public final class Family {

    /** A slider's parameter: its key, the name printed in the figure, and its values. */
    record Axis(String key, String shown, double[] values) {
        String label(int i) { return adalab.plot.Style.number(values[i], 4); }
    }

    private final List<Axis> axes;
    private final List<Trajectory> runs;    // row-major: index i * n2 + j
    private final String label;

    Family(List<Axis> axes, List<Trajectory> runs, String label) {
        this.axes = List.copyOf(axes);
        this.runs = List.copyOf(runs);
        this.label = label;
    }

    /** Runs already made, one per value of {@code name}. */
    public static Family of(String name, double[] values, Trajectory... runs) {
        Axis a = axis(name, values);
        if (runs == null || runs.length == 0) throw new IllegalArgumentException("runs: none given, a family needs one run per value of " + name);
        if (runs.length != values.length) {
            throw new IllegalArgumentException("runs: " + runs.length + " given for " + values.length + " values of " + name + ", one run per value is needed");
        }
        return new Family(List.of(a), checked(Arrays.asList(runs)), runs[0] == null ? "" : runs[0].optimizerName());
    }

    /** Runs already made over a grid: runs[i][j] has the i-th value of name1 and the j-th of name2. */
    public static Family of(String name1, double[] values1, String name2, double[] values2, Trajectory[][] runs) {
        Axis a = axis(name1, values1), b = axis(name2, values2);
        if (runs == null || runs.length != values1.length) {
            throw new IllegalArgumentException("runs: " + (runs == null ? "null" : runs.length + " rows") + " given, "
                    + values1.length + " rows (one per value of " + name1 + ") are needed");
        }
        List<Trajectory> all = new ArrayList<>();
        for (int i = 0; i < runs.length; i++) {
            if (runs[i] == null || runs[i].length != values2.length) {
                throw new IllegalArgumentException("runs[" + i + "]: " + (runs[i] == null ? "null" : runs[i].length + " runs")
                        + " given, " + values2.length + " (one per value of " + name2 + ") are needed");
            }
            all.addAll(Arrays.asList(runs[i]));
        }
        return new Family(List.of(a, b), checked(all), all.get(0) == null ? "" : all.get(0).optimizerName());
    }

    /** Makes the runs: copies of {@code optimizer} with each value set, on {@code objective}. */
    public static FamilySweep sweep(Optimizer optimizer, Objective objective) {
        return new FamilySweep(optimizer, objective);
    }

    /** The runs, row-major over the grid. */
    public List<Trajectory> runs() { return runs; }

    /** Values of the k-th parameter. */
    public double[] values(int k) { return axes.get(k).values().clone(); }

    /** The legend's name for the family's runs (the optimizer's name unless set). */
    public String label() { return label; }

    /** The same runs under another legend name. */
    public Family label(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("label: '" + name + "' given, a non-empty name is needed");
        return new Family(axes, runs, name);
    }

    List<Axis> axes() { return axes; }

    static Axis axis(String name, double[] values) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: '" + name + "' given, the slider's parameter name is needed");
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("values of " + name + ": none given, a slider needs at least one value (the family is empty)");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) throw new IllegalArgumentException("values of " + name + "[" + i + "] = " + values[i] + ": allowed finite numbers");
        }
        return new Axis(name, shown(name), values.clone());
    }

    private static List<Trajectory> checked(List<Trajectory> runs) {
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i) == null) throw new IllegalArgumentException("runs[" + i + "]: null given, a Trajectory is needed");
        }
        return runs;
    }

    /** How a key prints in the figure: the Greek letter the documents use. */
    static String shown(String key) {
        return switch (key) {
            case "lr" -> "\u03b7";
            case "gamma" -> "\u03b3";
            case "beta1" -> "\u03b2\u2081";
            case "beta2" -> "\u03b2\u2082";
            case "eps" -> "\u03b5";
            case "rho" -> "\u03c1";
            case "alpha" -> "\u03b1";
            case "weight_decay" -> "\u03bb";
            default -> key;
        };
    }
}
