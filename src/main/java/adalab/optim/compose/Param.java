package adalab.optim.compose;

import adalab.optim.Hyperparameter.Range;

import java.util.List;

/**
 * One hyperparameter a part declares: a number in a range, or a choice. {@code symbol} is how the
 * chain's printed structure names it (β₁, ε, η); {@code key} is how set(), the CLI and the ASCII
 * form name it (beta1, eps, lr). A bare choice prints as its word alone ("outside").
 */
record Param(String key, String symbol, double defaultValue, Range range, List<String> choices, boolean bare) {

    static Param number(String key, String symbol, double defaultValue, Range range) {
        return new Param(key, symbol, defaultValue, range, null, false);
    }

    /** A choice; the first allowed value is the default. */
    static Param choice(String key, boolean bare, String... allowed) {
        return new Param(key, key, Double.NaN, null, List.of(allowed), bare);
    }

    boolean isChoice() { return choices != null; }

    String defaultChoice() { return choices.get(0); }

    /** What is allowed, for error messages. */
    String allowed() { return isChoice() ? "one of " + String.join(", ", choices) : range.describe(); }

    /**
     * A number as the printed chain shows it: the shortest text that reads back to the same double,
     * written as 1e-8 rather than 1.0E-8 and 4 rather than 4.0.
     */
    static String format(double x) {
        String s = Double.toString(x);
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.endsWith(".0")) mantissa = mantissa.substring(0, mantissa.length() - 2);
        return e < 0 ? mantissa : mantissa + "e" + s.substring(e + 1);
    }
}
