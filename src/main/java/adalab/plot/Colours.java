package adalab.plot;

import java.awt.Color;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one chart colours its series: by optimizer name (the default, {@link Palette#of}), by order of
 * appearance ({@link #distinct()}), or by an explicit colour per label. Repeats of one colour are
 * shaded apart.
 */
final class Colours {
    private final Map<String, Color> fixed = new LinkedHashMap<>();
    private final Map<String, Integer> order = new HashMap<>();
    private boolean distinct;

    void distinct() { distinct = true; }

    /** The same choices, independent of this one from now on. */
    Colours copy() {
        Colours c = new Colours();
        c.fixed.putAll(fixed);
        c.distinct = distinct;
        return c;
    }

    void put(String label, Color c) {
        if (label == null) throw new IllegalArgumentException("label: null given, a series label is needed");
        if (c == null) throw new IllegalArgumentException("colour for '" + label + "': null given, a java.awt.Color is needed");
        fixed.put(label, c);
    }

    /** The colour of the next series labelled {@code label}; {@code used} counts each base colour's uses so far. */
    Color pick(String label, Map<Color, Integer> used) {
        Color base = fixed.get(label);
        if (base == null) {
            base = distinct ? Palette.categorical(order.computeIfAbsent(label, l -> order.size())) : Palette.of(label);
        }
        return Palette.variant(base, used.merge(base, 1, Integer::sum) - 1);
    }
}
