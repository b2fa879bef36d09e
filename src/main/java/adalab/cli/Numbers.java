package adalab.cli;

/** A strict decimal number grammar: what a CSV of gradients should hold. */
final class Numbers {
    private Numbers() { }

    /** Null when s is a decimal number; otherwise why it is not (non-finite or malformed). */
    static String check(String s) {
        int n = s.length(), i = 0;
        if (n == 0) return "is empty, not a number";
        if (s.charAt(0) == '+' || s.charAt(0) == '-') i++;
        if (i < n && Character.isLetter(s.charAt(i))) {
            String rest = s.substring(i).toLowerCase(java.util.Locale.ROOT);
            if (rest.equals("nan") || rest.equals("inf") || rest.equals("infinity")) return "is not finite";
            return "is not a number";
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) { i++; digits++; }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) { i++; digits++; }
        }
        if (digits == 0) return "is not a number";
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int exp = 0;
            while (i < n && isDigit(s.charAt(i))) { i++; exp++; }
            if (exp == 0) return "is not a number";
        }
        return i == n ? null : "is not a number";
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }
}
