package adalab.plot;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Stable colours: an optimizer's name gets the same colour in every chart. The registry names
 * have fixed, mutually distinct colours chosen to stay apart on paper; any other name gets a
 * colour from a hash of the name. A label that starts with a registry name followed by a
 * non-letter ("adam lr=0.01", "adamw(0.1)") takes that optimizer's colour, so a family of runs
 * reads as one family; charts shade repeats apart with {@link #variant}.
 */
public final class Palette {
    private Palette() { }

    private static final Map<String, Color> FIXED = new LinkedHashMap<>();
    static {
        FIXED.put("sgd", new Color(0x1f77b4));       // blue
        FIXED.put("momentum", new Color(0xff7f0e));  // orange
        FIXED.put("nag", new Color(0x8c564b));       // brown
        FIXED.put("asgd", new Color(0x17becf));      // cyan
        FIXED.put("rprop", new Color(0xbcbd22));     // olive
        FIXED.put("adagrad", new Color(0x2ca02c));   // green
        FIXED.put("rmsprop", new Color(0x9467bd));   // purple
        FIXED.put("adadelta", new Color(0xe377c2));  // pink
        FIXED.put("adam", new Color(0xd62728));      // red
        FIXED.put("adamw", new Color(0x393b79));     // navy
        FIXED.put("nadam", new Color(0x00a087));     // teal green
        FIXED.put("radam", new Color(0x6b0057));     // plum
        FIXED.put("amsgrad", new Color(0x000000));   // black
    }

    /** Level-set lines: neutral greys, darker near the minimum. */
    static final Color LEVEL_DARK = new Color(0x70, 0x70, 0x70);
    static final Color LEVEL_LIGHT = new Color(0xC8, 0xC8, 0xC8);

    /** The names with a fixed colour, in palette order. */
    public static java.util.Set<String> fixedNames() {
        return java.util.Collections.unmodifiableSet(FIXED.keySet());
    }

    /** The colour of a name (case and surrounding blanks ignored). */
    public static Color of(String name) {
        if (name == null) throw new IllegalArgumentException("name: null given, a non-empty label is needed");
        String key = name.trim().toLowerCase(Locale.ROOT);
        Color c = FIXED.get(key);
        if (c != null) return c;
        String head = leadingWord(key);
        if (!head.equals(key) && FIXED.containsKey(head)) return FIXED.get(head);
        // String.hashCode is specified by the JLS, so this colour is the same in every JVM.
        int h = key.hashCode() * 0x9E3779B1;
        float hue = ((h >>> 8) & 0xFFFF) / 65536f;
        float sat = 0.55f + ((h >>> 4) & 0xF) / 15f * 0.3f;
        return Color.getHSBColor(hue, sat, 0.72f);
    }

    /** The k-th shade of a colour: k = 0 is the colour itself, then alternately darker and lighter. */
    public static Color variant(Color c, int k) {
        if (k < 0) throw new IllegalArgumentException("k: " + k + " given, allowed k >= 0");
        if (k == 0) return c;
        double amount = Math.min(0.6, 0.28 * ((k + 1) / 2));
        return (k % 2 == 1) ? mix(c, Color.BLACK, amount) : mix(c, Color.WHITE, amount);
    }

    /** Grey for level index k of count levels (0 = lowest level). */
    static Color level(int k, int count) {
        double t = count <= 1 ? 0 : (double) k / (count - 1);
        return mix(LEVEL_DARK, LEVEL_LIGHT, t);
    }

    static Color mix(Color a, Color b, double t) {
        return new Color(
                (int) Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
    }

    // Tableau-like categorical colours, for charts whose curves are not distinct optimizers.
    private static final Color[] CATEGORICAL = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
        new Color(0xff7f0e), new Color(0x555555), new Color(0x17becf), new Color(0xe377c2)};

    /**
     * The k-th colour of a fixed categorical sequence (k = 0, 1, ...): for a chart comparing runs of
     * one optimizer, where colour by name would give every curve a shade of the same colour.
     * After the sequence is used up it repeats in darker shades.
     */
    public static Color categorical(int k) {
        if (k < 0) throw new IllegalArgumentException("k: " + k + " given, allowed k >= 0");
        return variant(CATEGORICAL[k % CATEGORICAL.length], k / CATEGORICAL.length == 0 ? 0 : 1);
    }

    /** "#rrggbb" */
    public static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static String leadingWord(String s) {
        int i = 0;
        while (i < s.length() && Character.isLetter(s.charAt(i))) i++;
        return s.substring(0, i);
    }
}
