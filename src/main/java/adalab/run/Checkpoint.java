package adalab.run;

import adalab.optim.Hyperparameter;
import adalab.optim.Optimizer;
import adalab.optim.OptimizerState;
import adalab.optim.OptimizerState.Precision;
import adalab.optim.Optimizers;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer's state and hyperparameters plus a run's progress (parameters, steps taken),
 * saved to and loaded from a file. Restoring it makes a run continue bit-identically:
 * <pre>
 *   Trajectory a = Run.of(adam, obj).steps(100).go();            // interrupted at step 40, say
 *   Checkpoint.of(adam, a).save(Path.of("run.ckpt"));
 *   ...
 *   Checkpoint c = Checkpoint.load(Path.of("run.ckpt"));
 *   Trajectory b = Run.of(c.newOptimizer(), obj).resume(c).steps(100).go();   // steps 41..100
 * </pre>
 *
 * <p>File layout (big-endian, {@link DataOutputStream}): the 8 magic bytes {@code ADALABCK},
 * an int format version, a long payload length, the payload, and the SHA-256 of the payload.
 * A file is written to a temporary file beside the target and renamed over it, so a crash
 * leaves either the old file or the new one. Loading checks magic, version, length and
 * checksum before reading anything, and {@link #restoreInto} validates everything on a scratch
 * copy first, so a bad file or a mismatched optimizer never half-loads.
 *
 * <p>Not saved: a learning-rate schedule (it is code) and the non-finite policy. A checkpoint of
 * a scheduled optimizer records that it had one, and restoring it demands a target that has a
 * schedule set again.
 */
public final class Checkpoint {

    static final byte[] MAGIC = "ADALABCK".getBytes(StandardCharsets.US_ASCII);
    /** The format version this code writes and reads. */
    public static final int VERSION = 1;
    private static final int HEADER = MAGIC.length + 4 + 8;
    private static final int DIGEST = 32;
    /** Refuse absurd payload lengths before allocating (a corrupt length field). */
    private static final long MAX_PAYLOAD = Integer.MAX_VALUE - 64;

    private final String optimizer;
    private final String optimizerClass;
    private final Map<String, String> hyperparameters;
    private final boolean scheduled;
    private final OptimizerState state;
    private final double[] params;
    private final long step;
    private final String objective;

    private Checkpoint(String optimizer, String optimizerClass, Map<String, String> hyperparameters, boolean scheduled,
                       OptimizerState state, double[] params, long step, String objective) {
        this.optimizer = optimizer;
        this.optimizerClass = optimizerClass;
        this.hyperparameters = Collections.unmodifiableMap(hyperparameters);
        this.scheduled = scheduled;
        this.state = state;
        this.params = params;
        this.step = step;
        this.objective = objective;
    }

    // ------------------------------------------------------------------ capture

    /** The optimizer alone (no run progress): its hyperparameters and state. */
    public static Checkpoint of(Optimizer o) {
        if (o == null) throw new IllegalArgumentException("optimizer is null");
        return capture(o, null, o.step(), null);
    }

    /**
     * The optimizer and a run's progress: the current parameters (copied) and the number of run
     * steps taken so far (the next step is {@code step + 1}).
     */
    public static Checkpoint of(Optimizer o, double[] params, long step) {
        if (o == null) throw new IllegalArgumentException("optimizer is null");
        if (params == null) throw new IllegalArgumentException("params is null");
        if (params.length == 0) throw new IllegalArgumentException("params is empty: need at least one parameter");
        if (step < 0) throw new IllegalArgumentException("step = " + step + ": allowed an integer >= 0");
        for (int i = 0; i < params.length; i++) {
            if (!Double.isFinite(params[i])) {
                throw new IllegalArgumentException("params[" + i + "] = " + params[i] + ": allowed finite numbers");
            }
        }
        if (o.size() >= 0 && o.size() != params.length) {
            throw new IllegalArgumentException("params has " + params.length + " elements but the " + o.name()
                    + " holds state for " + o.size());
        }
        return capture(o, params.clone(), step, null);
    }

    /**
     * The optimizer after {@link Run#go()} returned {@code t} (completed, interrupted or stopped):
     * the run's last parameters and steps taken, and the objective's name as a check on resume.
     */
    public static Checkpoint of(Optimizer o, Trajectory t) {
        if (t == null) throw new IllegalArgumentException("trajectory is null");
        if (o != null && !o.name().equals(t.optimizerName())) {
            throw new IllegalArgumentException("the trajectory is from " + t.optimizerName() + ", not " + o.name());
        }
        Checkpoint c = of(o, t.lastParams(), t.stepsTaken());
        return new Checkpoint(c.optimizer, c.optimizerClass, new LinkedHashMap<>(c.hyperparameters), c.scheduled,
                c.state, c.params, c.step, t.objectiveName());
    }

    private static Checkpoint capture(Optimizer o, double[] params, long step, String objective) {
        Map<String, String> h = new LinkedHashMap<>();
        for (Hyperparameter p : o.hyperparameters()) h.put(p.name(), p.text());
        return new Checkpoint(o.name(), o.getClass().getName(), h, o.schedule() != null, o.snapshot(), params, step,
                objective);
    }

    // ------------------------------------------------------------------ contents

    /** The optimizer's registry name, e.g. "adam". */
    public String optimizer() { return optimizer; }

    /** The optimizer's class name, e.g. "adalab.optim.Adam". */
    public String optimizerClass() { return optimizerClass; }

    /** Hyperparameters by name, as text that {@code Optimizer.set(name, text)} accepts. */
    public Map<String, String> hyperparameters() { return hyperparameters; }

    /** Whether the optimizer had a learning-rate schedule (not saved: it is code). */
    public boolean scheduled() { return scheduled; }

    public OptimizerState state() { return state; }

    /** The run's parameters (a copy), or null for an optimizer-only checkpoint. */
    public double[] params() { return params == null ? null : params.clone(); }

    /** Run steps taken (for an optimizer-only checkpoint, the optimizer's step count). */
    public long step() { return step; }

    /** The objective's name when taken from a trajectory, else null. */
    public String objective() { return objective; }

    // ------------------------------------------------------------------ restore

    /** A new optimizer of the saved kind with the saved hyperparameters and state. */
    public Optimizer newOptimizer() {
        if (scheduled) {
            throw new IllegalStateException("the " + optimizer + " in this checkpoint had a learning-rate schedule, "
                    + "which is not saved: create the optimizer, set the same schedule and call restoreInto(it)");
        }
        Optimizer o = Optimizers.create(optimizer);
        if (!o.getClass().getName().equals(optimizerClass)) {
            throw new IllegalStateException("the checkpoint's " + optimizer + " is a " + optimizerClass + " but the registry makes "
                    + o.getClass().getName() + ": create one yourself and call restoreInto(it)");
        }
        restoreInto(o);
        return o;
    }

    /**
     * Puts the saved hyperparameters and state into {@code target}, which must be the same kind
     * of optimizer. Everything is checked on a copy first: on any failure the target is left
     * exactly as it was. The target keeps its own schedule and non-finite policy.
     */
    public void restoreInto(Optimizer target) {
        if (target == null) throw new IllegalArgumentException("target optimizer is null");
        if (!target.name().equals(optimizer)) {
            throw new IllegalArgumentException("checkpoint holds a " + optimizer + " state; cannot restore it into a "
                    + target.name());
        }
        if (scheduled && target.schedule() == null) {
            throw new IllegalArgumentException("the checkpoint's " + optimizer + " had a learning-rate schedule, which is "
                    + "not saved: set the same schedule on the target first");
        }
        List<String> have = new ArrayList<>();
        for (Hyperparameter p : target.hyperparameters()) have.add(p.name());
        if (!have.containsAll(hyperparameters.keySet())) {
            throw new IllegalArgumentException("checkpoint's " + optimizer + " has hyperparameters "
                    + hyperparameters.keySet() + " but the target has " + have);
        }
        // A hyperparameter added after the checkpoint was written (RAdam's form, RMSProp's centered)
        // did not exist then, so the run behaved as its default does.
        Map<String, String> values = new LinkedHashMap<>(hyperparameters);
        for (Hyperparameter p : target.hyperparameters()) values.putIfAbsent(p.name(), p.defaultText());
        // Dry run on a copy: finds an order in which the joint rules (Rprop's delta_min <= delta_max)
        // accept every value, and lets restore() validate the state, without touching the target.
        // Both start without state: some options decide which state arrays exist.
        Optimizer scratch = target.copy();
        scratch.reset();
        List<String> order = applyHyperparameters(scratch, values);
        scratch.restore(state);
        // Replaying the same order on the target starts from the same values, so it cannot fail.
        target.reset();
        for (String k : order) target.set(k, values.get(k));
        target.restore(state);
    }

    /** Sets every saved hyperparameter, retrying those a joint rule refuses until none is left. */
    private List<String> applyHyperparameters(Optimizer o, Map<String, String> values) {
        List<String> pending = new ArrayList<>(values.keySet());
        List<String> order = new ArrayList<>();
        IllegalArgumentException last = null;
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (var it = pending.iterator(); it.hasNext(); ) {
                String k = it.next();
                try {
                    o.set(k, values.get(k));
                    order.add(k);
                    it.remove();
                    progress = true;
                } catch (IllegalArgumentException e) {
                    last = e;
                }
            }
            if (!progress) {
                throw new IllegalArgumentException("checkpoint's " + optimizer + " hyperparameters are refused: "
                        + last.getMessage(), last);
            }
        }
        return order;
    }

    // ------------------------------------------------------------------ save

    /**
     * Writes the checkpoint to {@code file}: a temporary file in the same directory, forced to
     * disk, then renamed over {@code file} (atomically where the file system allows).
     */
    public void save(Path file) throws IOException {
        if (file == null) throw new IllegalArgumentException("checkpoint file is null");
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "cannot save checkpoint " + file + ": no such directory");
        }
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            // Streamed through the digest so that a large state is not held twice in memory; the
            // payload length is patched into the header once known.
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                MessageDigest sha = sha256();
                CountingOutputStream counted = new CountingOutputStream(new DigestOutputStream(
                        new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16), sha));
                DataOutputStream head = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch)));
                head.write(MAGIC);
                head.writeInt(VERSION);
                head.writeLong(0);
                head.flush();
                DataOutputStream out = new DataOutputStream(counted);
                writePayload(out);
                out.flush();
                byte[] digest = sha.digest();
                ch.write(ByteBuffer.wrap(digest));
                ch.write(ByteBuffer.allocate(8).putLong(0, counted.count), MAGIC.length + 4);
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Counts the payload bytes on their way to the digest and the file. */
    private static final class CountingOutputStream extends FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) { super(out); }

        @Override public void write(int b) throws IOException { out.write(b); count++; }

        @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); count += len; }
    }

    private void writePayload(DataOutputStream out) throws IOException {
        out.writeUTF(optimizer);
        out.writeUTF(optimizerClass);
        out.writeInt(hyperparameters.size());
        for (Map.Entry<String, String> e : hyperparameters.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
        out.writeBoolean(scheduled);
        // Optimizer state; raw bits so that every value (even a NaN payload) comes back identical.
        out.writeLong(state.step());
        out.writeLong(state.skipped());
        out.writeInt(state.size());
        out.writeByte(state.precision() == null ? 0 : state.precision() == Precision.DOUBLE ? 1 : 2);
        out.writeInt(state.arrays().size());
        for (Map.Entry<String, Object> e : state.arrays().entrySet()) {
            out.writeUTF(e.getKey());
            if (e.getValue() instanceof double[] d) for (double x : d) out.writeLong(Double.doubleToRawLongBits(x));
            else for (float x : (float[]) e.getValue()) out.writeInt(Float.floatToRawIntBits(x));
        }
        out.writeInt(state.scalars().length);
        for (double x : state.scalars()) out.writeLong(Double.doubleToRawLongBits(x));
        // Run progress.
        out.writeInt(params == null ? -1 : params.length);
        if (params != null) for (double x : params) out.writeLong(Double.doubleToRawLongBits(x));
        out.writeLong(step);
        out.writeBoolean(objective != null);
        if (objective != null) out.writeUTF(objective);
    }

    // ------------------------------------------------------------------ load

    /**
     * Reads a checkpoint. Throws IOException naming the file when it cannot be read, is not an
     * adalab checkpoint, has another format version, is truncated or has been altered.
     */
    public static Checkpoint load(Path file) throws IOException {
        if (file == null) throw new IllegalArgumentException("checkpoint file is null");
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "no such checkpoint file");
        if (Files.isDirectory(file)) throw new IOException("checkpoint " + file + " is a directory, not a file");
        long fileSize = Files.size(file);
        if (fileSize > HEADER + MAX_PAYLOAD + DIGEST) {
            throw bad(file, "is " + fileSize + " bytes: too large for a checkpoint");
        }
        byte[] all = Files.readAllBytes(file);
        return parse(file, all);
    }

    static Checkpoint parse(Path file, byte[] all) throws IOException {
        if (all.length == 0) throw bad(file, "is empty (0 bytes)");
        if (all.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            if (all.length < MAGIC.length && all.length > 0
                    && Arrays.equals(all, Arrays.copyOf(MAGIC, all.length))) {
                throw bad(file, "is truncated: " + all.length + " bytes, shorter than the header");
            }
            throw bad(file, "is not an adalab checkpoint: it starts with " + describeStart(all)
                    + " instead of the magic bytes 'ADALABCK'");
        }
        if (all.length < HEADER) throw bad(file, "is truncated: " + all.length + " bytes, shorter than the header");
        ByteBuffer h = ByteBuffer.wrap(all);
        h.position(MAGIC.length);
        int version = h.getInt();
        if (version != VERSION) {
            throw bad(file, "has format version " + version + " but this adalab reads version " + VERSION);
        }
        long len = h.getLong();
        if (len < 0 || len > MAX_PAYLOAD) throw bad(file, "is corrupted: payload length field = " + len);
        long expected = HEADER + len + DIGEST;
        if (all.length < expected) {
            throw bad(file, "is truncated: " + all.length + " bytes, expected " + expected);
        }
        if (all.length > expected) {
            throw bad(file, "is corrupted: " + (all.length - expected) + " unexpected bytes after the end ("
                    + all.length + " bytes, expected " + expected + ")");
        }
        MessageDigest sha = sha256();
        sha.update(all, HEADER, (int) len);
        byte[] digest = Arrays.copyOfRange(all, HEADER + (int) len, all.length);
        if (!MessageDigest.isEqual(digest, sha.digest())) {
            throw bad(file, "is corrupted: its SHA-256 checksum does not match its contents");
        }
        try {
            return readPayload(file, new DataInputStream(new ByteArrayInputStream(all, HEADER, (int) len)), len);
        } catch (EOFException | UTFDataFormatException e) {
            throw bad(file, "is malformed: its contents end early or hold bad text (" + e + ")");
        }
    }

    private static Checkpoint readPayload(Path file, DataInputStream in, long len) throws IOException {
        String name = in.readUTF();
        String cls = in.readUTF();
        int nh = count(file, in.readInt(), len, "hyperparameter count");
        Map<String, String> hyper = new LinkedHashMap<>();
        for (int i = 0; i < nh; i++) hyper.put(in.readUTF(), in.readUTF());
        boolean scheduled = in.readBoolean();
        long t = in.readLong();
        long skipped = in.readLong();
        int size = in.readInt();
        if (size < -1 || size == 0 || size > len) throw bad(file, "is malformed: state size = " + size);
        int p = in.readByte();
        Precision precision = switch (p) {
            case 0 -> null;
            case 1 -> Precision.DOUBLE;
            case 2 -> Precision.FLOAT;
            default -> throw bad(file, "is malformed: precision code " + p);
        };
        if ((size < 0) != (precision == null)) throw bad(file, "is malformed: state size " + size + " with precision " + precision);
        if (t < 0 || skipped < 0) throw bad(file, "is malformed: step " + t + ", skipped " + skipped);
        int na = count(file, in.readInt(), len, "state array count");
        Map<String, Object> arrays = new LinkedHashMap<>();
        for (int k = 0; k < na; k++) {
            String key = in.readUTF();
            if (precision == Precision.DOUBLE) {
                double[] d = new double[size];
                for (int i = 0; i < size; i++) d[i] = Double.longBitsToDouble(in.readLong());
                arrays.put(key, d);
            } else if (precision == Precision.FLOAT) {
                float[] f = new float[size];
                for (int i = 0; i < size; i++) f[i] = Float.intBitsToFloat(in.readInt());
                arrays.put(key, f);
            } else {
                throw bad(file, "is malformed: state array '" + key + "' without a state size");
            }
        }
        int ns = count(file, in.readInt(), len, "scalar count");
        double[] scalars = new double[ns];
        for (int i = 0; i < ns; i++) scalars[i] = Double.longBitsToDouble(in.readLong());
        int np = in.readInt();
        double[] params = null;
        if (np != -1) {
            count(file, np, len, "parameter count");
            params = new double[np];
            for (int i = 0; i < np; i++) params[i] = Double.longBitsToDouble(in.readLong());
        }
        long step = in.readLong();
        if (step < 0) throw bad(file, "is malformed: step = " + step);
        String objective = in.readBoolean() ? in.readUTF() : null;
        if (in.available() > 0) throw bad(file, "is malformed: " + in.available() + " bytes left after the contents");
        OptimizerState s = new OptimizerState(name, t, skipped, size, precision, Collections.unmodifiableMap(arrays), scalars);
        return new Checkpoint(name, cls, hyper, scheduled, s, params, step, objective);
    }

    private static int count(Path file, int n, long len, String what) throws IOException {
        if (n < 0 || n > len) throw bad(file, "is malformed: " + what + " = " + n);
        return n;
    }

    private static IOException bad(Path file, String what) {
        return new IOException("checkpoint " + file + " " + what);
    }

    /** The first bytes as text when printable, else in hex; a PNG is named as such. */
    private static String describeStart(byte[] b) {
        if (b.length == 0) return "nothing (the file is empty)";
        if (b.length >= 4 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return "a PNG signature";
        int n = Math.min(b.length, MAGIC.length);
        boolean printable = true;
        for (int i = 0; i < n; i++) if (b[i] < 0x20 || b[i] > 0x7e) printable = false;
        if (printable) return "'" + new String(b, 0, n, StandardCharsets.US_ASCII) + "'";
        StringBuilder s = new StringBuilder("bytes");
        for (int i = 0; i < n; i++) s.append(String.format(" %02x", b[i] & 0xff));
        return s.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e); // every JVM must have it
        }
    }

    @Override
    public String toString() {
        return "Checkpoint[" + optimizer + hyperparameters + " after " + step + " steps"
                + (objective == null ? "" : " on " + objective) + (params == null ? "" : ", " + params.length + " parameters") + "]";
    }
}
