package adalab.run;

import adalab.objectives.Objective;
import adalab.optim.GradientOracle;
import adalab.optim.Optimizer;
import adalab.optim.Optimizers;
import adalab.run.Sweep.Source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep's plan: one {@link Job} per cell in grid order, and the blocks the workers take, with the
 * cells the lanes reproduce grouped so that a block's lanes share their 1 − βᵗ tables.
 */
final class SweepPlan {
    private final Sweep s;

    SweepPlan(Sweep s) { this.s = s; }

    /** One cell's plan and, while it runs, its state. */
    static final class Job {
        final int index;
        final String optimizerName;
        final Map<String, Double> params;
        final Source source;
        final long seed;
        Optimizer opt;
        Objective f;
        GradientOracle oracle;
        double[] x;
        long taken, toTol = -1;
        boolean stopped;
        /** Rosenbrock's {a, b} when the lanes take this cell (set by blocks()), else null. */
        double[] lanes;

        /** Cells of one group share optimizer, objective and β₁, β₂ (and so their 1 − βᵗ tables). */
        final int group;

        Job(int index, String optimizerName, Map<String, Double> params, Source source, long seed, int group) {
            this.index = index;
            this.group = group;
            this.optimizerName = optimizerName;
            this.params = params;
            this.source = source;
            this.seed = seed;
        }
    }

    List<Job> plan() {
        if (s.sources.isEmpty()) throw new IllegalArgumentException("no objective: call on(...) first");
        int n = s.size();
        List<Job> jobs = new ArrayList<>(n);
        int[] ix = new int[s.axes.size()];
        // Lane groups (see blocks()): optimizer, source and the index of the swept β₁ and β₂ values.
        int a1 = axisIndex("beta1"), a2 = axisIndex("beta2");
        int n1 = a1 < 0 ? 1 : s.axes.get(a1).valuesShared().length, n2 = a2 < 0 ? 1 : s.axes.get(a2).valuesShared().length;
        for (int o = 0; o < s.optimizers.size(); o++) {
            String opt = s.optimizers.get(o);
            while (true) {
                Map<String, Double> params = new LinkedHashMap<>();
                for (int a = 0; a < s.axes.size(); a++) params.put(s.axes.get(a).key(), s.axes.get(a).valuesShared()[ix[a]]);
                params = Collections.unmodifiableMap(params);
                int betas = (a1 < 0 ? 0 : ix[a1]) * n2 + (a2 < 0 ? 0 : ix[a2]);
                for (int src = 0; src < s.sources.size(); src++) {
                    int group = ((o * s.sources.size() + src) * n1 * n2) + betas;
                    for (long seed : s.seeds) jobs.add(new Job(jobs.size(), opt, params, s.sources.get(src), seed, group));
                }
                int a = s.axes.size() - 1; // odometer, the first axis outermost
                while (a >= 0 && ++ix[a] == s.axes.get(a).valuesShared().length) ix[a--] = 0;
                if (a < 0) break;
            }
        }
        return jobs;
    }

    int axisIndex(String key) {
        for (int a = 0; a < s.axes.size(); a++) if (s.axes.get(a).key().equals(key)) return a;
        return -1;
    }

    /**
     * The cells (indices into jobs) each block runs. Cells the lanes may take ({@link SweepKernels}:
     * a plain Adam on a fixed Rosenbrock) are grouped by optimizer, objective and swept β₁, β₂, so
     * that a block's lanes share their 1 − βᵗ (a fill per step instead of a gather per lane), in
     * blocks of up to {@link SweepKernels#LANES} (fewer when that would leave a thread idle); groups
     * too small for that share mixed blocks. Other cells run in grid order, {@link #BLOCK} at a
     * time. Blocks only group work: every cell's result is the same in any block. Kept to plain
     * array work: it runs once per sweep, mostly interpreted.
     */
    List<int[]> blocks(List<Job> jobs) {
        boolean lanesSteps = s.steps <= SweepKernels.MAX_STEPS;
        // Per optimizer and per source (few of each), whether the lanes take them.
        int ns = s.sources.size();
        double[][] lanes = new double[s.optimizers.size() * ns][];
        for (int o = 0; o < s.optimizers.size(); o++) {
            if (!lanesSteps || !SweepKernels.lanesAdam(Optimizers.create(s.optimizers.get(o)))) continue;
            for (int i = 0; i < ns; i++) {
                Objective f = s.sources.get(i).fixed();
                lanes[o * ns + i] = f == null ? null : SweepKernels.rosenbrock(f);
            }
        }
        int a1 = axisIndex("beta1"), a2 = axisIndex("beta2");
        int groupsPer = (a1 < 0 ? 1 : s.axes.get(a1).valuesShared().length) * (a2 < 0 ? 1 : s.axes.get(a2).valuesShared().length);
        int[] size = new int[s.optimizers.size() * ns * groupsPer];
        List<Integer> general = new ArrayList<>();
        int count = 0;
        for (Job j : jobs) {
            j.lanes = lanes[j.group / groupsPer];
            if (j.lanes == null) {
                general.add(j.index);
            } else {
                size[j.group]++;
                count++;
            }
        }
        // Buckets by group in one array (a counting sort), in grid order within each.
        int[] startOf = new int[size.length + 1];
        for (int g = 0; g < size.length; g++) startOf[g + 1] = startOf[g] + size[g];
        int[] fill = startOf.clone(), sorted = new int[count];
        for (Job j : jobs) if (j.lanes != null) sorted[fill[j.group]++] = j.index;
        int per = Math.max(4, Math.min(SweepKernels.LANES, (count + 2 * s.threads - 1) / (2 * s.threads)));
        List<int[]> out = new ArrayList<>();
        List<Integer> mixed = new ArrayList<>();
        for (int g = 0; g < size.length; g++) {
            if (size[g] == 0) continue;
            if (size[g] < Math.min(per, 8)) {
                for (int k = startOf[g]; k < startOf[g + 1]; k++) mixed.add(sorted[k]);
                continue;
            }
            int parts = (size[g] + per - 1) / per, part = (size[g] + parts - 1) / parts;
            for (int k = startOf[g]; k < startOf[g + 1]; k += part) {
                out.add(Arrays.copyOfRange(sorted, k, Math.min(startOf[g + 1], k + part)));
            }
        }
        chunk(mixed, per, out);
        chunk(general, Sweep.BLOCK, out);
        return out;
    }

    private static void chunk(List<Integer> cells, int size, List<int[]> out) {
        for (int i = 0; i < cells.size(); i += size) {
            int[] b = new int[Math.min(size, cells.size() - i)];
            for (int k = 0; k < b.length; k++) b[k] = cells.get(i + k);
            out.add(b);
        }
    }

}
