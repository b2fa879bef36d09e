package adalab.optim;

import adalab.optim.Hyperparameter.Range;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer's hyperparameters: declared with their ranges or choices, set by name with the
 * optimizer's joint rules checked after each change and a refused value rolled back, and a
 * version that moves with every set so that {@code prepare()} re-reads them only when it moved.
 */
final class Hyperparameters {
    private final String owner;
    private final Map<String, Hyperparameter> params = new LinkedHashMap<>();
    private int version;

    Hyperparameters(String owner) { this.owner = owner; }

    Hyperparameter number(String key, double defaultValue, Range range) {
        Hyperparameter h = Hyperparameter.number(key, defaultValue, range);
        params.put(key, h);
        return h;
    }

    Hyperparameter choice(String key, String defaultChoice, String... allowed) {
        Hyperparameter h = Hyperparameter.choice(key, defaultChoice, allowed);
        params.put(key, h);
        return h;
    }

    /** In declaration order. */
    List<Hyperparameter> list() { return Collections.unmodifiableList(new ArrayList<>(params.values())); }

    Collection<Hyperparameter> all() { return params.values(); }

    boolean has(String key) { return params.containsKey(key); }

    /** The hyperparameter of that name; throws naming the ones there are. */
    Hyperparameter get(String key) {
        Hyperparameter h = params.get(key);
        if (h == null) {
            throw new IllegalArgumentException(owner + " has no hyperparameter '" + key + "': use one of "
                    + String.join(", ", params.keySet()));
        }
        return h;
    }

    /** Sets a number, then the joint rules; on any refusal the old value is back. */
    void set(String key, double value, Runnable jointRules) {
        Hyperparameter h = get(key);
        version++; // also on failure: a rolled-back value is re-read, never stale
        if (h.isChoice()) h.set(value); // throws: a choice takes no number
        double old = h.value(); // not text(): Double.toString cost a sweep ~1 µs per cell
        h.set(value);
        try {
            jointRules.run();
        } catch (IllegalArgumentException e) {
            h.set(old);
            throw e;
        }
    }

    /** Sets a number or a choice from text, then the joint rules; on any refusal the old value is back. */
    void set(String key, String value, Runnable jointRules) {
        Hyperparameter h = get(key);
        String old = h.text();
        version++;
        h.set(value);
        try {
            jointRules.run();
        } catch (IllegalArgumentException e) {
            h.set(old);
            throw e;
        }
    }

    /** Copies every value from another set of the same declarations, without the joint rules. */
    void copyFrom(Hyperparameters other) {
        for (Hyperparameter h : other.params.values()) params.get(h.name()).set(h.text());
        version++;
    }

    int version() { return version; }

    /** "lr=0.001, beta1=0.9, …" */
    String describe() {
        StringBuilder b = new StringBuilder();
        String sep = "";
        for (Hyperparameter h : params.values()) {
            b.append(sep).append(h.name()).append('=').append(h.text());
            sep = ", ";
        }
        return b.toString();
    }
}
