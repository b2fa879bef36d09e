package adalab.check;

import java.util.Locale;

/**
 * The notebooks' claim checks: each states a claim, the measured value, the expected value and where
 * that expectation comes from; it prints one line when the claim holds and throws an
 * {@link AssertionError} carrying the claim and the numbers when it does not. A NaN or infinite value
 * never passes. Bad arguments (an empty claim, a negative tolerance, an empty range) are
 * {@link IllegalArgumentException}s naming the argument: a check that cannot be judged is not a pass.
 *
 * <p>The kernel's start-up imports this class, so a notebook writes {@code Check.near(...)}. It is a
 * class, not static-imported methods, so that the {@code check(boolean, String)} method older
 * notebooks define in their first cell neither shadows it nor is shadowed by it.
 */
public final class Check {

    private Check() { }

    /** |value − expected| ≤ tolerance (absolute). */
    public static void near(String claim, double value, double expected, String derivation, double tolerance) {
        System.out.println(nearLine(claim, value, expected, derivation, tolerance));
    }

    /** |value − expected| ≤ tolerance·|expected| (relative; expected must not be 0). */
    public static void relative(String claim, double value, double expected, String derivation, double tolerance) {
        System.out.println(relativeLine(claim, value, expected, derivation, tolerance));
    }

    /** value == expected exactly: counts, step numbers, bit-identical results. */
    public static void equal(String claim, long value, long expected, String derivation) {
        System.out.println(equalLine(claim, value, expected, derivation));
    }

    /** low ≤ value ≤ high; a bound may be infinite for a one-sided claim. */
    public static void between(String claim, double value, double low, double high, String why) {
        System.out.println(betweenLine(claim, value, low, high, why));
    }

    /** value ≤ high. */
    public static void atMost(String claim, double value, double high, String why) {
        between(claim, value, Double.NEGATIVE_INFINITY, high, why);
    }

    /** value ≥ low. */
    public static void atLeast(String claim, double value, double low, String why) {
        between(claim, value, low, Double.POSITIVE_INFINITY, why);
    }

    /** A yes/no claim; evidence says what was measured (the numbers behind the verdict). */
    public static void that(String claim, boolean holds, String evidence) {
        System.out.println(thatLine(claim, holds, evidence));
    }

    // ---------------------------------------------------------------- the lines (tested directly)

    static String nearLine(String claim, double value, double expected, String derivation, double tolerance) {
        requireText("claim", claim);
        requireText("derivation", derivation);
        requireFinite("expected", expected);
        requireTolerance(tolerance);
        double diff = Math.abs(value - expected);
        String numbers = "value " + num(value) + " vs expected " + num(expected) + " (" + derivation + ")";
        if (!(diff <= tolerance)) {
            throw failure(claim, numbers + ": |difference| " + num(diff) + " exceeds " + num(tolerance)
                    + exact(value, expected));
        }
        return "checked: " + claim + ": " + numbers + " within " + num(tolerance);
    }

    static String relativeLine(String claim, double value, double expected, String derivation, double tolerance) {
        requireText("claim", claim);
        requireText("derivation", derivation);
        requireFinite("expected", expected);
        requireTolerance(tolerance);
        if (expected == 0) {
            throw new IllegalArgumentException("expected = 0: a relative tolerance needs a nonzero expected value (use near)");
        }
        double rel = Math.abs(value - expected) / Math.abs(expected);
        String numbers = "value " + num(value) + " vs expected " + num(expected) + " (" + derivation + ")";
        if (!(rel <= tolerance)) {
            throw failure(claim, numbers + ": relative difference " + num(rel) + " exceeds " + num(tolerance)
                    + exact(value, expected));
        }
        return "checked: " + claim + ": " + numbers + " within " + num(tolerance) + " relative";
    }

    static String equalLine(String claim, long value, long expected, String derivation) {
        requireText("claim", claim);
        requireText("derivation", derivation);
        String numbers = "value " + value + " vs expected " + expected + " (" + derivation + ")";
        if (value != expected) throw failure(claim, numbers + ": not equal");
        return "checked: " + claim + ": " + numbers + " exactly";
    }

    static String betweenLine(String claim, double value, double low, double high, String why) {
        requireText("claim", claim);
        requireText("why", why);
        if (Double.isNaN(low) || Double.isNaN(high) || low > high || low == Double.POSITIVE_INFINITY
                || high == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("range [" + low + ", " + high + "] is empty or NaN: allowed low <= high, not NaN");
        }
        String numbers = "value " + num(value) + " in " + range(low, high) + " (" + why + ")";
        if (!Double.isFinite(value) || !(value >= low && value <= high)) {
            throw failure(claim, numbers + ": outside" + (Double.isFinite(value) ? " (value " + value + ")" : ""));
        }
        return "checked: " + claim + ": " + numbers;
    }

    static String thatLine(String claim, boolean holds, String evidence) {
        requireText("claim", claim);
        requireText("evidence", evidence);
        if (!holds) throw failure(claim, evidence);
        return "checked: " + claim + ": " + evidence;
    }

    // ---------------------------------------------------------------- helpers

    private static AssertionError failure(String claim, String detail) {
        return new AssertionError("claim failed: " + claim + ": " + detail);
    }

    /** Full precision when the short forms of two different numbers print alike. */
    private static String exact(double value, double expected) {
        return num(value).equals(num(expected)) ? " (value " + value + ", expected " + expected + ")" : "";
    }

    private static String range(double low, double high) {
        if (low == Double.NEGATIVE_INFINITY) return "(−∞, " + num(high) + "]";
        if (high == Double.POSITIVE_INFINITY) return "[" + num(low) + ", ∞)";
        return "[" + num(low) + ", " + num(high) + "]";
    }

    /** Six significant digits, trailing zeros dropped: 3.16228, 0.001, 1e-8, 17778, 2.5e9. */
    static String num(double x) {
        if (Double.isNaN(x)) return "NaN";
        if (Double.isInfinite(x)) return x > 0 ? "∞" : "−∞";
        if (x == 0) return "0";
        if (x == Math.rint(x) && Math.abs(x) < 1e7) return Long.toString((long) x);
        double a = Math.abs(x);
        if (a >= 1e-4 && a < 1e7) {
            String s = String.format(Locale.ROOT, "%.6g", x);
            return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        }
        String s = String.format(Locale.ROOT, "%.5e", x);
        int e = s.indexOf('e');
        String mant = s.substring(0, e).replaceAll("0+$", "").replaceAll("\\.$", "");
        return mant + "e" + Integer.parseInt(s.substring(e + 1).replace("+", ""));
    }

    private static void requireText(String name, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(name + " is empty: every check says " + switch (name) {
                case "claim" -> "what it claims";
                case "evidence" -> "what it measured";
                default -> "where its expected value comes from";
            });
        }
    }

    private static void requireFinite(String name, double x) {
        if (!Double.isFinite(x)) throw new IllegalArgumentException(name + " = " + x + " is out of range: allowed a finite number");
    }

    private static void requireTolerance(double tolerance) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance = " + tolerance + " is out of range: allowed finite and >= 0");
        }
    }
}
