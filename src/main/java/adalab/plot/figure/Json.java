package adalab.plot.figure;

import java.util.Locale;

/** The few JSON pieces the page data needs. */
final class Json {
    private Json() { }

    /** A finite number in JSON's syntax, short: 0.001 → 0.001, 1e-7 → 1.0E-7. */
    static String number(double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException("value: " + v + " cannot be written as JSON");
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }

    /** A JSON string, safe inside an HTML script element (no "</" can close it). */
    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '<' -> b.append("\\u003c");
                case '>' -> b.append("\\u003e");
                case '&' -> b.append("\\u0026");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
