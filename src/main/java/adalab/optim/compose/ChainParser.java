package adalab.optim.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a chain from text: its printed structure, or the ASCII form, with or without the
 * {@code chain:} prefix and with or without values (a part without them takes its defaults):
 * <pre>
 *   first_moment(β₁=0.9) → second_moment(β₂=0.999) → bias_correction → scale(−η, η=0.001) → divide(ε=1e-8, outside)
 *   chain:first_moment(beta1=0.9)->second_moment(beta2=0.999)->bias_correction->scale(lr=0.001)->divide(eps=1e-8,outside)
 *   chain:first_moment->second_moment->bias_correction->scale->divide
 * </pre>
 * Parts are separated by → or ->; a part's values are key=value (the key or its symbol: beta1 or
 * β₁, lr or η), and divide's placement a bare inside or outside. Anything else throws naming it.
 */
public final class ChainParser {
    private ChainParser() { }

    private static final Pattern PART = Pattern.compile("([A-Za-z0-9_]+)\\s*(?:\\((.*)\\))?");

    public static Chain parse(String text) {
        return Chain.of(parts(text));
    }

    /** The parts the text lists, each checked; the order rules are checked by {@link Chain#of}. */
    public static List<Part> parts(String text) {
        if (text == null) throw new IllegalArgumentException("chain text is null");
        String where = "chain '" + text + "': ";
        String body = text.trim();
        if (body.startsWith(Chain.PREFIX)) body = body.substring(Chain.PREFIX.length()).trim();
        if (body.isEmpty()) throw new IllegalArgumentException(where + "no parts: list them separated by ->, e.g. " + Chain.PREFIX + "scale(lr=0.01)");
        List<Part> out = new ArrayList<>();
        for (String piece : body.replace("→", "->").split("->", -1)) {
            String p = piece.trim();
            Matcher m = PART.matcher(p);
            if (!m.matches()) {
                throw new IllegalArgumentException(where + (p.isEmpty() ? "an empty part (two arrows in a row, or one at an end)"
                        : "'" + p + "' is not a part: write name or name(key=value, …)"));
            }
            PartKind kind = PartKind.of(m.group(1));
            if (kind == null) {
                throw new IllegalArgumentException(where + "unknown part '" + m.group(1) + "': use one of " + PartKind.labels());
            }
            try {
                out.add(Part.of(kind, values(kind, m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage(), e);
            }
        }
        return out;
    }

    private static Map<String, String> values(PartKind kind, String args) {
        Map<String, String> v = new LinkedHashMap<>();
        if (args == null || args.isBlank()) return v;
        for (String a : args.split(",", -1)) {
            String arg = a.trim();
            String key, value;
            int eq = arg.indexOf('=');
            if (eq >= 0) {
                key = arg.substring(0, eq).trim();
                value = arg.substring(eq + 1).trim();
                if (kind == PartKind.SCALE && key.equals("eta")) key = "lr";
            } else if (kind == PartKind.SCALE && arg.matches("[−-](η|lr|eta)")) {
                continue; // the sign of scale(−η) as the structure prints it
            } else if (kind == PartKind.DIVIDE && (arg.equals("inside") || arg.equals("outside"))) {
                key = "eps_placement";
                value = arg;
            } else {
                throw new IllegalArgumentException(kind.label() + ": '" + arg + "' is not key=value");
            }
            int i = Part.index(kind, key);
            String canonical = i < 0 ? key : kind.params().get(i).key();
            if (v.put(canonical, value) != null) throw new IllegalArgumentException(kind.label() + ": " + canonical + " is given twice");
        }
        return v;
    }
}
