package adalab.optim;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One named hyperparameter of an optimizer: a number within a range, or one of a few named
 * choices. Setting an out-of-range value throws and leaves the old value in place.
 */
public final class Hyperparameter {

    /** A numeric range; {@code describe()} is what error messages show. */
    public record Range(double lo, boolean loClosed, double hi, boolean hiClosed, boolean integer) {
        public static Range positive() { return new Range(0, false, Double.POSITIVE_INFINITY, false, false); }
        public static Range nonNegative() { return new Range(0, true, Double.POSITIVE_INFINITY, false, false); }
        public static Range unitHalfOpen() { return new Range(0, true, 1, false, false); }
        public static Range unitOpen() { return new Range(0, false, 1, false, false); }
        public static Range above(double lo) { return new Range(lo, false, Double.POSITIVE_INFINITY, false, false); }
        public static Range atLeast(double lo) { return new Range(lo, true, Double.POSITIVE_INFINITY, false, false); }
        public static Range integerAtLeast(long lo) { return new Range(lo, true, Double.POSITIVE_INFINITY, false, true); }

        public boolean contains(double x) {
            if (Double.isNaN(x)) return false;
            if (integer && (x != Math.rint(x) || Double.isInfinite(x))) return false;
            boolean okLo = loClosed ? x >= lo : x > lo;
            boolean okHi = hiClosed ? x <= hi : x < hi;
            return okLo && okHi;
        }

        public String describe() {
            if (integer) return "an integer >= " + fmt(lo);
            if (hi == Double.POSITIVE_INFINITY) return (loClosed ? ">= " : "> ") + fmt(lo) + " and finite";
            return (loClosed ? "[" : "(") + fmt(lo) + ", " + fmt(hi) + (hiClosed ? "]" : ")");
        }

        private static String fmt(double x) {
            return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
        }
    }

    private final String name;
    private final Range range;
    private final List<String> choices;
    private final String defaultText;
    private double value;
    private String choice;

    private Hyperparameter(String name, Range range, double value, List<String> choices, String choice) {
        this.name = name;
        this.range = range;
        this.value = value;
        this.choices = choices;
        this.choice = choice;
        this.defaultText = choice != null ? choice : Double.toString(value);
    }

    static Hyperparameter number(String name, double defaultValue, Range range) {
        return new Hyperparameter(name, range, defaultValue, null, null);
    }

    static Hyperparameter choice(String name, String defaultChoice, String... allowed) {
        return new Hyperparameter(name, null, Double.NaN, List.of(allowed), defaultChoice);
    }

    public String name() { return name; }
    public boolean isChoice() { return choices != null; }
    public List<String> choices() { return choices; }
    public Range range() { return range; }
    /** The default, as text that {@link #set(String)} accepts. */
    public String defaultText() { return defaultText; }

    /** The numeric value; throws for a choice. */
    public double value() {
        if (isChoice()) throw new IllegalStateException(name + " is a choice, not a number");
        return value;
    }

    /** The selected choice; throws for a number. */
    public String selected() {
        if (!isChoice()) throw new IllegalStateException(name + " is a number, not a choice");
        return choice;
    }

    /** The current value as text, as {@code set(name, text)} would accept it. */
    public String text() { return isChoice() ? choice : Double.toString(value); }

    /** What is allowed, for error messages and help. */
    public String allowed() {
        return isChoice() ? "one of " + String.join(", ", choices) : range.describe();
    }

    void set(double x) {
        if (isChoice()) {
            throw new IllegalArgumentException(name + " takes one of " + String.join(", ", choices) + ", not a number");
        }
        if (!range.contains(x)) {
            throw new IllegalArgumentException(name + " = " + x + " is out of range: allowed " + range.describe());
        }
        value = x;
    }

    void set(String text) {
        if (isChoice()) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (!choices.contains(t)) {
                throw new IllegalArgumentException(name + " = '" + text + "' is not allowed: use one of "
                        + String.join(", ", choices));
            }
            choice = t;
            return;
        }
        double x;
        try {
            x = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " = '" + text + "' is not a number: allowed " + range.describe());
        }
        set(x);
    }

    @Override
    public String toString() {
        return name + "=" + text() + (isChoice() ? " " + Arrays.toString(choices.toArray()) : "");
    }
}
