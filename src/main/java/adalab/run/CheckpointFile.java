package adalab.run;

import adalab.optim.OptimizerState;
import adalab.optim.OptimizerState.Precision;

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
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A checkpoint's file format (see {@link Checkpoint}): big-endian, the 8 magic bytes
 * {@code ADALABCK}, an int format version, a long payload length, the payload and its SHA-256;
 * written to a temporary file and renamed, and checked in full before anything is read.
 */
final class CheckpointFile {
    static final byte[] MAGIC = "ADALABCK".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    private static final int HEADER = MAGIC.length + 4 + 8;
    private static final int DIGEST = 32;
    /** Refuse absurd payload lengths before allocating (a corrupt length field). */
    private static final long MAX_PAYLOAD = Integer.MAX_VALUE - 64;

    private CheckpointFile() { }

    /**
     * Writes the checkpoint to {@code file}: a temporary file in the same directory, forced to
     * disk, then renamed over {@code file} (atomically where the file system allows).
     */
    static void save(Checkpoint c, Path file) throws IOException {
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
                writePayload(c, out);
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

    private static void writePayload(Checkpoint c, DataOutputStream out) throws IOException {
        out.writeUTF(c.optimizer);
        out.writeUTF(c.optimizerClass);
        out.writeInt(c.hyperparameters.size());
        for (Map.Entry<String, String> e : c.hyperparameters.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
        out.writeBoolean(c.scheduled);
        // Optimizer c.state; raw bits so that every value (even a NaN payload) comes back identical.
        out.writeLong(c.state.step());
        out.writeLong(c.state.skipped());
        out.writeInt(c.state.size());
        out.writeByte(c.state.precision() == null ? 0 : c.state.precision() == Precision.DOUBLE ? 1 : 2);
        out.writeInt(c.state.arrays().size());
        for (Map.Entry<String, Object> e : c.state.arrays().entrySet()) {
            out.writeUTF(e.getKey());
            if (e.getValue() instanceof double[] d) for (double x : d) out.writeLong(Double.doubleToRawLongBits(x));
            else for (float x : (float[]) e.getValue()) out.writeInt(Float.floatToRawIntBits(x));
        }
        out.writeInt(c.state.scalars().length);
        for (double x : c.state.scalars()) out.writeLong(Double.doubleToRawLongBits(x));
        // Run progress.
        out.writeInt(c.params == null ? -1 : c.params.length);
        if (c.params != null) for (double x : c.params) out.writeLong(Double.doubleToRawLongBits(x));
        out.writeLong(c.step);
        out.writeBoolean(c.objective != null);
        if (c.objective != null) out.writeUTF(c.objective);
    }

    // ------------------------------------------------------------------ load

    /**
     * Reads a checkpoint. Throws IOException naming the file when it cannot be read, is not an
     * adalab checkpoint, has another format version, is truncated or has been altered.
     */
    static Checkpoint load(Path file) throws IOException {
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
}
