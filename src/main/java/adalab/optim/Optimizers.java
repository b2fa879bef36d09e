package adalab.optim;

import adalab.optim.compose.Chain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Every optimizer by its registry name, as the CLI and sweeps name them. */
public final class Optimizers {
    private static final Map<String, Supplier<Optimizer>> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put("sgd", Sgd::new);
        REGISTRY.put("momentum", Momentum::new);
        REGISTRY.put("nag", Nag::new);
        REGISTRY.put("asgd", Asgd::new);
        REGISTRY.put("rprop", Rprop::new);
        REGISTRY.put("adagrad", AdaGrad::new);
        REGISTRY.put("rmsprop", RmsProp::new);
        REGISTRY.put("adadelta", AdaDelta::new);
        REGISTRY.put("adam", Adam::new);
        REGISTRY.put("adamw", AdamW::new);
        REGISTRY.put("nadam", Nadam::new);
        REGISTRY.put("radam", RAdam::new);
        REGISTRY.put("amsgrad", AmsGrad::new);
    }

    private Optimizers() { }

    public static List<String> names() { return List.copyOf(REGISTRY.keySet()); }

    /**
     * A new optimizer with the documents' defaults, or the chain a "chain:…" text describes
     * (adalab.optim.compose); throws naming the accepted names.
     */
    public static Optimizer create(String name) {
        if (name != null && name.startsWith(Chain.PREFIX)) return Chain.parse(name);
        Supplier<Optimizer> s = REGISTRY.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown optimizer '" + name + "': use one of " + String.join(", ", names())
                    + ", or a chain of parts such as " + Chain.PREFIX + "first_moment->second_moment->bias_correction->scale->divide");
        }
        return s.get();
    }
}
