package adalab.optim.compose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The names a chain gives its parts' hyperparameters and state: the part's own (beta1, eps, lr;
 * m, v), or, where two parts would use the same one, both prefixed by their part
 * (l2_weight_decay and decay_weight_decay; second_moment_v and momentum_v). The chain's
 * {@code name()} is its parts without values, {@code chain:first_moment->second_moment->…}: the
 * same for every value, as "adam" is, so a checkpoint recreates it by name and then sets the values.
 */
record ChainLayout(String name, String[][] keys, String[] stateNames, int[] stateIndex) {

    static ChainLayout of(List<Part> parts) {
        Map<String, Integer> keyUses = new HashMap<>(), stateUses = new HashMap<>();
        for (Part p : parts) {
            for (Param q : p.kind().params()) keyUses.merge(q.key(), 1, Integer::sum);
            if (p.kind().state() != null) stateUses.merge(p.kind().state(), 1, Integer::sum);
        }
        int n = parts.size();
        String[][] keys = new String[n][];
        int[] index = new int[n];
        List<String> states = new ArrayList<>();
        StringBuilder name = new StringBuilder(Chain.PREFIX);
        for (int i = 0; i < n; i++) {
            PartKind k = parts.get(i).kind();
            List<Param> ps = k.params();
            keys[i] = new String[ps.size()];
            for (int j = 0; j < ps.size(); j++) keys[i][j] = named(k, ps.get(j).key(), keyUses);
            index[i] = -1;
            if (k.state() != null) {
                index[i] = states.size();
                states.add(named(k, k.state(), stateUses));
            }
            name.append(i == 0 ? "" : "->").append(k.label());
        }
        return new ChainLayout(name.toString(), keys, states.toArray(new String[0]), index);
    }

    private static String named(PartKind k, String own, Map<String, Integer> uses) {
        return uses.get(own) > 1 ? k.label() + "_" + own : own;
    }
}
