package adalab.optim.compose;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One part of a {@link Chain} with its hyperparameters' values, checked when made (see
 * {@link Parts} for the factories). Immutable; prints as it appears in a chain,
 * {@code divide(ε=1e-8, outside)}.
 */
public final class Part {
    private final PartKind kind;
    private final String[] values; // by kind.params(): a number's text or a choice

    private Part(PartKind kind, String[] values) {
        this.kind = kind;
        this.values = values;
    }

    /** A part of this kind with its defaults, then the given values by key; throws naming a bad one. */
    static Part of(PartKind kind, Map<String, String> given) {
        List<Param> ps = kind.params();
        String[] v = new String[ps.size()];
        for (int i = 0; i < v.length; i++) {
            Param p = ps.get(i);
            v[i] = p.isChoice() ? p.defaultChoice() : Param.format(p.defaultValue());
        }
        for (Map.Entry<String, String> e : given.entrySet()) {
            int i = index(kind, e.getKey());
            if (i < 0) {
                throw new IllegalArgumentException(kind.label() + " has no parameter '" + e.getKey() + "'"
                        + (ps.isEmpty() ? ": it takes none" : ": use " + keys(kind)));
            }
            v[i] = check(kind, ps.get(i), e.getValue());
        }
        return new Part(kind, v);
    }

    static Part of(PartKind kind, Object... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            m.put((String) keyValues[i], v instanceof Double d ? Double.toString(d) : String.valueOf(v));
        }
        return of(kind, m);
    }

    private static String check(PartKind kind, Param p, String text) {
        String t = text == null ? "" : text.trim();
        if (p.isChoice()) {
            if (!p.choices().contains(t)) {
                throw new IllegalArgumentException(kind.label() + ": " + p.key() + " = '" + text + "' is not allowed: use " + p.allowed());
            }
            return t;
        }
        double x;
        try {
            x = Double.parseDouble(t.replace('−', '-'));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(kind.label() + ": " + p.key() + " = '" + text + "' is not a number: allowed " + p.allowed());
        }
        if (!p.range().contains(x)) {
            throw new IllegalArgumentException(kind.label() + ": " + p.key() + " = " + t + " is out of range: allowed " + p.allowed());
        }
        return Param.format(x);
    }

    static int index(PartKind kind, String key) {
        List<Param> ps = kind.params();
        for (int i = 0; i < ps.size(); i++) {
            if (ps.get(i).key().equals(key) || ps.get(i).symbol().equals(key)) return i;
        }
        return -1;
    }

    private static String keys(PartKind kind) {
        StringBuilder b = new StringBuilder();
        for (Param p : kind.params()) {
            b.append(b.length() == 0 ? "" : ", ").append(p.key());
            if (p.isChoice()) b.append(" (").append(String.join("|", p.choices())).append(')');
        }
        return b.toString();
    }

    public PartKind kind() { return kind; }

    /** The value of a numeric hyperparameter, by its key (beta1, eps, lr, ...). */
    public double number(String key) {
        int i = index(kind, key);
        if (i < 0 || kind.params().get(i).isChoice()) throw new IllegalArgumentException(kind.label() + " has no number '" + key + "'");
        return Double.parseDouble(values[i]);
    }

    /** The selected value of a choice, by its key (eps_placement, fallback). */
    public String choice(String key) {
        int i = index(kind, key);
        if (i < 0 || !kind.params().get(i).isChoice()) throw new IllegalArgumentException(kind.label() + " has no choice '" + key + "'");
        return values[i];
    }

    /** The value texts in the order of the kind's parameters. */
    List<String> values() { return List.of(values); }

    /** As the chain's structure shows it: {@code first_moment(β₁=0.9)}, {@code scale(−η, η=0.001)}. */
    @Override
    public String toString() { return render(kind, i -> values[i], true); }

    /** The ASCII form the parser reads back: {@code first_moment(beta1=0.9)}, {@code scale(lr=0.001)}. */
    public String ascii() { return render(kind, i -> values[i], false); }

    /** A part's text from its values (by parameter index), in the Unicode or the ASCII form. */
    static String render(PartKind kind, Function<Integer, String> value, boolean unicode) {
        List<Param> ps = kind.params();
        if (ps.isEmpty()) return kind.label();
        StringBuilder b = new StringBuilder(kind.label()).append('(');
        String sep = unicode ? ", " : ",";
        if (unicode && kind == PartKind.SCALE) b.append("−η").append(sep);
        for (int i = 0; i < ps.size(); i++) {
            Param p = ps.get(i);
            if (i > 0) b.append(sep);
            if (!p.bare()) b.append(unicode ? p.symbol() : p.key()).append('=');
            b.append(value.apply(i));
        }
        return b.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Part p && p.kind == kind && Arrays.equals(p.values, values);
    }

    @Override
    public int hashCode() { return kind.hashCode() * 31 + Arrays.hashCode(values); }
}
