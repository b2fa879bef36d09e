package adalab.reliability;

import adalab.objectives.Objective;
import adalab.objectives.Objectives;
import adalab.optim.Hyperparameter;
import adalab.optim.Optimizer;
import adalab.optim.OptimizerState;
import adalab.optim.Optimizers;
import adalab.optim.Sgd;
import adalab.run.Checkpoint;
import adalab.run.Recording;
import adalab.run.Run;
import adalab.run.Trajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class CheckpointTest {

    @TempDir
    Path dir;

    /** A stochastic objective: each step's mini-batch is drawn from (seed, step). */
    private static Objective stochastic() { return Objectives.fromSpec("linreg:200,3,7,10"); }

    static Stream<String> names() { return Optimizers.names().stream(); }

    /** Every optimizer with a non-default setting, so a restore that forgot hyperparameters shows. */
    private static Optimizer configured(String name) {
        Optimizer o = Optimizers.create(name);
        switch (name) {
            case "asgd" -> o.set("avg_start", 30);        // averaging starts before the checkpoint
            case "rprop" -> o.set("delta_max", 0.5);
            case "adadelta" -> o.set("rho", 0.9);
            default -> o.set("lr", o.get("lr") * 3);
        }
        return o;
    }

    // ------------------------------------------------------------------ bit-identical resume

    @ParameterizedTest
    @MethodSource("names")
    void resumedRunContinuesBitIdentically(String name) throws IOException {
        Objective f = stochastic();
        Trajectory straight = Run.of(configured(name), f).steps(100).go();
        assertTrue(straight.completed(), name + ": " + straight.stopReason());

        Optimizer first = configured(name);
        Trajectory part = Run.of(first, f).steps(40).go();
        Path file = dir.resolve(name + ".ckpt");
        Checkpoint.of(first, part).save(file);

        Checkpoint c = Checkpoint.load(file);
        Optimizer fresh = c.newOptimizer();
        for (Hyperparameter h : first.hyperparameters()) {
            assertEquals(h.text(), hyper(fresh, h.name()), name + " " + h.name());
        }
        Trajectory rest = Run.of(fresh, f).resume(c).steps(100).go();

        assertArrayEquals(straight.lastParams(), rest.lastParams(), name + ": final parameters");
        long[] expectSteps = new long[61];
        for (int k = 0; k <= 60; k++) expectSteps[k] = 40 + k;
        assertArrayEquals(expectSteps, rest.steps(), "the resumed run numbers steps 40..100");
        double[][] a = straight.params(), b = rest.params();
        double[] sa = straight.sampleLosses(), sb = rest.sampleLosses();
        for (int k = 0; k <= 60; k++) {
            assertArrayEquals(a[40 + k], b[k], name + ": parameters at step " + (40 + k));
            if (k > 0) assertEquals(sa[40 + k], sb[k], 0.0, name + ": mini-batch loss at step " + (40 + k));
        }
        assertEquals(100, fresh.step());

        // Control: the same 60 steps from the same point without the state or step numbers differ,
        // so the equality above is not an accident of the objective.
        Trajectory cold = Run.of(configured(name), f).from(c.params()).steps(60).go();
        assertFalse(Arrays.equals(straight.lastParams(), cold.lastParams()), name + ": a cold restart should differ");
    }

    /** x ↦ ½Σ aᵢ(xᵢ − bᵢ)² plus a step-dependent tilt, in float. */
    private static void floatGradient(float[] x, float[] g, long t) {
        for (int i = 0; i < x.length; i++) g[i] = (i + 1) * (x[i] - 0.5f * i) + (float) Math.sin(0.3 * t + i);
    }

    @ParameterizedTest
    @MethodSource("names")
    void floatStateResumesBitIdentically(String name) throws IOException {
        float[] x0 = {1.5f, -2f, 0.25f, 3f};
        Optimizer straight = configured(name);
        float[] x = x0.clone(), g = new float[x.length];
        for (int t = 1; t <= 100; t++) {
            floatGradient(x, g, t);
            straight.step(x, g);
        }

        Optimizer a = configured(name);
        float[] y = x0.clone();
        for (int t = 1; t <= 40; t++) {
            floatGradient(y, g, t);
            a.step(y, g);
        }
        double[] asDouble = new double[y.length];
        for (int i = 0; i < y.length; i++) asDouble[i] = y[i]; // exact: every float is a double
        Path file = dir.resolve(name + "-f.ckpt");
        Checkpoint.of(a, asDouble, 40).save(file);

        Checkpoint c = Checkpoint.load(file);
        assertEquals(OptimizerState.Precision.FLOAT, c.state().precision());
        Optimizer b = Optimizers.create(name); // default hyperparameters: restoreInto must set them
        c.restoreInto(b);
        double[] p = c.params();
        float[] z = new float[p.length];
        for (int i = 0; i < p.length; i++) z[i] = (float) p[i];
        for (long t = c.step() + 1; t <= 100; t++) {
            floatGradient(z, g, t);
            b.step(z, g);
        }
        assertArrayEquals(x, z, name + ": float parameters after 100 steps");
        assertSameState(straight.snapshot(), b.snapshot(), name);
    }

    @Test
    void scheduleMustBeSetAgain() throws IOException {
        Objective f = stochastic();
        Optimizer o = new Sgd().lr(0.05).schedule((t, lr) -> lr / Math.sqrt(t));
        Trajectory straight = Run.of(o.copy(), f).steps(50).go();
        Trajectory part = Run.of(o, f).steps(20).go();
        Path file = dir.resolve("sched.ckpt");
        Checkpoint.of(o, part).save(file);
        Checkpoint c = Checkpoint.load(file);
        assertTrue(c.scheduled());
        IllegalStateException e = assertThrows(IllegalStateException.class, c::newOptimizer);
        assertTrue(e.getMessage().contains("schedule"), e.getMessage());
        Sgd plain = new Sgd();
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> c.restoreInto(plain));
        assertTrue(e2.getMessage().contains("schedule"), e2.getMessage());
        assertEquals(0.01, plain.get("lr"), "the refused target keeps its lr");
        Optimizer target = new Sgd().schedule((t, lr) -> lr / Math.sqrt(t));
        Trajectory rest = Run.of(target, f).resume(c).steps(50).go();
        assertArrayEquals(straight.lastParams(), rest.lastParams());
    }

    @Test
    void jointRulesDoNotBlockARestore() throws IOException {
        // delta_min = 60 is refused while delta_max is still its default 50: the restore must
        // set delta_max first.
        Optimizer o = Optimizers.create("rprop");
        o.set("delta_max", 100).set("delta_min", 60);
        Path file = dir.resolve("rprop.ckpt");
        Checkpoint.of(o).save(file);
        Optimizer r = Checkpoint.load(file).newOptimizer();
        assertEquals(60.0, r.get("delta_min"));
        assertEquals(100.0, r.get("delta_max"));
    }

    // ------------------------------------------------------------------ rejected files

    private Path goodFile() throws IOException {
        Optimizer o = new Sgd().lr(0.1);
        o.step(new double[]{1, 2}, new double[]{0.5, -0.5});
        Path file = dir.resolve("good.ckpt");
        Checkpoint.of(o, new double[]{0.95, 2.05}, 1).save(file);
        return file;
    }

    private static IOException loadFails(Path file) {
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(file));
        assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
        return e;
    }

    @Test
    void rejectsEveryTruncation() throws IOException {
        Path good = goodFile();
        byte[] all = Files.readAllBytes(good);
        Checkpoint.load(good); // the untouched file loads
        for (int n = 0; n < all.length; n++) {
            Path cut = dir.resolve("cut.ckpt");
            Files.write(cut, Arrays.copyOf(all, n));
            IOException e = loadFails(cut);
            String m = e.getMessage();
            assertTrue(m.contains("truncated") || m.contains("empty"), n + " bytes: " + m);
        }
    }

    @Test
    void rejectsEveryFlippedByte() throws IOException {
        byte[] all = Files.readAllBytes(goodFile());
        Path bad = dir.resolve("flipped.ckpt");
        for (int i = 0; i < all.length; i++) {
            for (int bit : new int[]{0x01, 0x80}) {
                byte[] b = all.clone();
                b[i] ^= (byte) bit;
                Files.write(bad, b);
                String m = loadFails(bad).getMessage();
                assertTrue(m.contains("corrupted") || m.contains("version") || m.contains("not an adalab checkpoint")
                        || m.contains("truncated"), "byte " + i + ": " + m);
            }
        }
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        byte[] all = Files.readAllBytes(goodFile());
        Path bad = dir.resolve("longer.ckpt");
        Files.write(bad, Arrays.copyOf(all, all.length + 3));
        assertTrue(loadFails(bad).getMessage().contains("unexpected bytes"));
    }

    @Test
    void rejectsForeignFiles() throws IOException {
        Path png = dir.resolve("plot.png");
        Files.write(png, new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        assertTrue(loadFails(png).getMessage().contains("PNG"));
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "step,loss\n0,1.0\n");
        String m = loadFails(text).getMessage();
        assertTrue(m.contains("not an adalab checkpoint") && m.contains("'step,los'"), m);
        Path empty = dir.resolve("empty.ckpt");
        Files.write(empty, new byte[0]);
        assertTrue(loadFails(empty).getMessage().contains("empty"));
        assertThrows(NoSuchFileException.class, () -> Checkpoint.load(dir.resolve("missing.ckpt")));
        IOException d = assertThrows(IOException.class, () -> Checkpoint.load(dir));
        assertTrue(d.getMessage().contains("directory"), d.getMessage());
    }

    // A checkpoint writer written from the documented layout, to craft files the library would not write.
    private static byte[] framed(int version, byte[] payload) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write("ADALABCK".getBytes(StandardCharsets.US_ASCII));
        out.writeInt(version);
        out.writeLong(payload.length);
        out.write(payload);
        out.write(MessageDigest.getInstance("SHA-256").digest(payload));
        return bytes.toByteArray();
    }

    /** An sgd checkpoint of one parameter after one step, with lr given as text. */
    private static byte[] sgdPayload(String lrText) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF("sgd");
        out.writeUTF("adalab.optim.Sgd");
        out.writeInt(1);
        out.writeUTF("lr");
        out.writeUTF(lrText);
        out.writeBoolean(false);        // no schedule
        out.writeLong(1);               // step
        out.writeLong(0);               // skipped
        out.writeInt(1);                // size
        out.writeByte(1);               // double
        out.writeInt(0);                // no state arrays
        out.writeInt(0);                // no scalars
        out.writeInt(1);                // one parameter
        out.writeLong(Double.doubleToRawLongBits(0.5));
        out.writeLong(1);               // run step
        out.writeBoolean(false);        // no objective name
        return bytes.toByteArray();
    }

    @Test
    void independentWriterMatchesTheFormat() throws Exception {
        Path file = dir.resolve("crafted.ckpt");
        Files.write(file, framed(1, sgdPayload("0.25")));
        Checkpoint c = Checkpoint.load(file);
        assertEquals("sgd", c.optimizer());
        assertEquals(Map.of("lr", "0.25"), c.hyperparameters());
        assertArrayEquals(new double[]{0.5}, c.params());
        Optimizer o = c.newOptimizer();
        assertEquals(0.25, o.get("lr"));
        assertEquals(1, o.step());
        // And the library's own file for the same content is byte-identical.
        Path mine = dir.resolve("mine.ckpt");
        Optimizer s = new Sgd().lr(0.25);
        s.step(new double[]{1}, new double[]{2});
        Checkpoint.of(s, new double[]{0.5}, 1).save(mine);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(mine));
    }

    @Test
    void rejectsAnotherVersion() throws Exception {
        Path file = dir.resolve("v2.ckpt");
        Files.write(file, framed(2, sgdPayload("0.25")));
        String m = loadFails(file).getMessage();
        assertTrue(m.contains("version 2") && m.contains("version 1"), m);
    }

    // ------------------------------------------------------------------ never half-loaded

    private static String hyper(Optimizer o, String key) {
        for (Hyperparameter h : o.hyperparameters()) if (h.name().equals(key)) return h.text();
        throw new AssertionError("no " + key);
    }

    private static List<String> hyperTexts(Optimizer o) {
        List<String> l = new ArrayList<>();
        for (Hyperparameter h : o.hyperparameters()) l.add(h.toString());
        return l;
    }

    private static void assertSameState(OptimizerState a, OptimizerState b, String what) {
        assertEquals(a.optimizer(), b.optimizer(), what);
        assertEquals(a.step(), b.step(), what + ": step");
        assertEquals(a.skipped(), b.skipped(), what + ": skipped");
        assertEquals(a.size(), b.size(), what + ": size");
        assertEquals(a.precision(), b.precision(), what + ": precision");
        assertEquals(a.arrays().keySet(), b.arrays().keySet(), what);
        for (String k : a.arrays().keySet()) {
            Object x = a.arrays().get(k), y = b.arrays().get(k);
            if (x instanceof double[] d) assertArrayEquals(d, (double[]) y, what + ": " + k);
            else assertArrayEquals((float[]) x, (float[]) y, what + ": " + k);
        }
        assertArrayEquals(a.scalars(), b.scalars(), what + ": scalars");
    }

    /** An Adam with some state and non-default settings, to see whether a failed restore touches it. */
    private static Optimizer busyAdam() {
        Optimizer o = Optimizers.create("adam").set("lr", 0.02).set("beta1", 0.8);
        o.step(new double[]{1, 2, 3}, new double[]{0.1, -0.2, 0.3});
        o.step(new double[]{1, 2, 3}, new double[]{0.2, -0.1, 0.4});
        return o;
    }

    private static void assertRefusedAndUntouched(Checkpoint c, Optimizer target, String expect) {
        OptimizerState before = target.snapshot();
        List<String> hBefore = hyperTexts(target);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.restoreInto(target));
        assertTrue(e.getMessage().contains(expect), e.getMessage());
        assertSameState(before, target.snapshot(), "after a refused restore");
        assertEquals(hBefore, hyperTexts(target));
    }

    @Test
    void anotherOptimizerKindIsRefusedAndTheTargetUntouched() throws IOException {
        Optimizer nadam = Optimizers.create("nadam").set("lr", 0.5);
        nadam.step(new double[]{1, 2, 3}, new double[]{1, 1, 1});
        Path file = dir.resolve("nadam.ckpt");
        Checkpoint.of(nadam).save(file);
        Checkpoint c = Checkpoint.load(file);
        assertRefusedAndUntouched(c, busyAdam(), "nadam");
        // Through a Run too: refused when asked, before anything runs.
        Optimizer adam = busyAdam();
        OptimizerState before = adam.snapshot();
        Checkpoint withRun = Checkpoint.of(nadam, new double[]{1, 2, 3}, 1);
        assertThrows(IllegalArgumentException.class,
                () -> Run.of(adam, Objectives.fromSpec("quadratic:1,2,3")).resume(withRun));
        assertSameState(before, adam.snapshot(), "after a refused resume");
    }

    @Test
    void aRefusedHyperparameterLeavesTheTargetUntouched() throws Exception {
        Path file = dir.resolve("neg-lr.ckpt");
        Files.write(file, framed(1, sgdPayload("-1")));
        Checkpoint c = Checkpoint.load(file); // well-formed file; the value is what is wrong
        Optimizer target = new Sgd().lr(0.3);
        target.step(new double[]{4}, new double[]{1});
        assertRefusedAndUntouched(c, target, "lr = -1.0");
    }

    @Test
    void aMismatchedStateSizeLeavesTheTargetUntouched() throws IOException {
        // The right kind, but a run on 2 parameters: resuming it on a 3-parameter objective is
        // refused when asked, before the optimizer is touched.
        Optimizer small = Optimizers.create("adam");
        small.step(new float[]{1, 2}, new float[]{1, 1});
        Checkpoint c = Checkpoint.of(small, new double[]{1, 2}, 1);
        Optimizer adam = busyAdam();
        OptimizerState before = adam.snapshot();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Run.of(adam, Objectives.fromSpec("quadratic:1,2,3")).resume(c));
        assertTrue(e.getMessage().contains("2 parameters") && e.getMessage().contains("dimension 3"), e.getMessage());
        assertSameState(before, adam.snapshot(), "after a refused resume");
    }

    @Test
    void resumeChecksObjectiveAndSteps() throws IOException {
        Objective f = stochastic();
        Optimizer o = Optimizers.create("adam");
        Trajectory t = Run.of(o, f).steps(30).go();
        Checkpoint c = Checkpoint.of(o, t);
        assertEquals(f.name(), c.objective());
        Objective other = Objectives.fromSpec("quadratic:1,2,3");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Run.of(Optimizers.create("adam"), other).resume(c));
        assertTrue(e.getMessage().contains(f.name()), e.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
                () -> Run.of(Optimizers.create("adam"), f).resume(c).steps(20).go());
        assertTrue(s.getMessage().contains("steps = 20") && s.getMessage().contains("step 30"), s.getMessage());
        Checkpoint bare = Checkpoint.of(o);
        assertThrows(IllegalArgumentException.class, () -> Run.of(Optimizers.create("adam"), f).resume(bare));
    }

    // ------------------------------------------------------------------ atomic save

    @Test
    void saveReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path file = goodFile();
        byte[] first = Files.readAllBytes(file);
        Optimizer o = Optimizers.create("adam");
        o.step(new double[]{1}, new double[]{1});
        Checkpoint.of(o).save(file);
        assertEquals("adam", Checkpoint.load(file).optimizer());
        assertFalse(Arrays.equals(first, Files.readAllBytes(file)));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(file.getFileName().toString()),
                    s.map(p -> p.getFileName().toString()).toList(), "no temporary file left behind");
        }
        assertThrows(NoSuchFileException.class, () -> Checkpoint.of(o).save(dir.resolve("no/such/dir/x.ckpt")));
    }
}
