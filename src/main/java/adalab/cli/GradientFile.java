package adalab.cli;

import adalab.cli.Trace.Bad;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Rows of gradients, checked in full (up to the rows needed) before the run prints anything. */
final class GradientFile {
    final String name;
    final long steps;
    int width;
    private double[] rows;          // all needed rows when they fit in memory
    private BufferedReader second;  // otherwise the file is read again while running
    private long lineNo;
    private long next;
    private boolean inMemory;
    private String widthFrom = "the width of --start";

    private GradientFile(String name, long steps, int width) {
        this.name = name;
        this.steps = steps;
        this.width = width;
    }

    static GradientFile open(String name, long steps, int width) throws Bad {
        GradientFile g = new GradientFile(name, steps, width);
        g.checkAll();
        return g;
    }

    private BufferedReader reader() throws Bad {
        if (name.equals("-")) return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
        Path p;
        try {
            p = Paths.get(name);
        } catch (InvalidPathException e) {
            throw new Bad("--gradients '" + Trace.quote(name) + "' is not a valid file name");
        }
        if (Files.isDirectory(p)) throw new Bad("--gradients '" + Trace.quote(name) + "' is a directory, not a file");
        try {
            InputStream in = Files.newInputStream(p);
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new Bad("--gradients file '" + Trace.quote(name) + "' not found");
        } catch (IOException | SecurityException e) {
            throw new Bad("--gradients file '" + Trace.quote(name) + "' cannot be read: " + e.getMessage());
        }
    }

    /** First pass: every needed row parsed and checked; kept when small enough. */
    private void checkAll() throws Bad {
        boolean stdin = name.equals("-");
        double[] row = null;
        double[] kept = null;
        boolean keep = false;
        long have = 0;
        try (BufferedReader r = reader()) {
            lineNo = 0;
            // With no steps and no --start, the first line still tells the dimension.
            while (have < steps || width < 0) {
                String line = r.readLine();
                if (line == null) break;
                lineNo++;
                if (width < 0) {
                    width = countFields(line);
                    widthFrom = "as on line 1";
                }
                if (row == null) {
                    row = new double[width];
                    keep = steps <= Trace.inMemoryLimit / width;
                    if (stdin && !keep) {
                        throw new Bad("--gradients - (standard input) holds at most " + Trace.inMemoryLimit
                                + " numbers: for " + steps + " steps of " + width + " use a file");
                    }
                    if (keep) kept = new double[(int) Math.min(steps * width, 1 << 16)];
                }
                parse(line, row);
                if (have == steps) break; // the line only told the width
                if (keep) {
                    int at = (int) (have * width);
                    if (at + width > kept.length) {
                        kept = java.util.Arrays.copyOf(kept, (int) Math.min(steps * width, 2L * kept.length + width));
                    }
                    System.arraycopy(row, 0, kept, at, width);
                }
                have++;
            }
        } catch (IOException e) {
            throw new Bad("--gradients file '" + Trace.quote(name) + "' cannot be read: " + e.getMessage());
        }
        if (have < steps) {
            throw new Bad("--gradients file '" + Trace.quote(name) + "' has " + have + " row" + (have == 1 ? "" : "s")
                    + " but --steps is " + steps + ": give at least one row per step");
        }
        if (width < 0) {
            throw new Bad("--gradients file '" + Trace.quote(name) + "' is empty: with --steps 0 give --start to set the dimension");
        }
        rows = keep ? kept : new double[0];
        inMemory = keep || steps == 0;
    }

    private static int countFields(String line) {
        int n = 1;
        for (int i = 0; i < line.length(); i++) if (line.charAt(i) == ',') n++;
        return n;
    }

    private void parse(String line, double[] row) throws Bad {
        if (lineNo == 1 && line.startsWith("\uFEFF")) line = line.substring(1); // a spreadsheet's byte-order mark
        int fields = countFields(line);
        if (line.isBlank()) {
            throw new Bad("--gradients line " + lineNo + " is empty: expected " + width + " comma-separated numbers");
        }
        if (fields != width) {
            throw new Bad("--gradients line " + lineNo + " has " + fields + " number" + (fields == 1 ? "" : "s")
                    + " but expected " + width + " (" + widthFrom + ")");
        }
        int col = 0, from = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == ',') {
                String tok = line.substring(from, i).strip();
                String why = Numbers.check(tok);
                if (why != null) {
                    throw new Bad("--gradients line " + lineNo + ", column " + (col + 1) + ": '" + Trace.quote(tok) + "' " + why
                            + (lineNo == 1 && why.equals("is not a number") ? " (the file has no header row)" : ""));
                }
                double v = Double.parseDouble(tok);
                if (!Double.isFinite(v)) {
                    throw new Bad("--gradients line " + lineNo + ", column " + (col + 1) + ": '" + Trace.quote(tok)
                            + "' overflows to " + v + " (not finite)");
                }
                row[col++] = v;
                from = i + 1;
            }
        }
    }

    /** The gradient for the next step. */
    void next(double[] row) throws IOException, Bad {
        if (inMemory) {
            System.arraycopy(rows, (int) (next * width), row, 0, width);
        } else {
            if (second == null) {
                second = reader();
                lineNo = 0;
            }
            String line = second.readLine();
            lineNo++;
            if (line == null) throw new IOException("--gradients file '" + name + "' changed while it was read");
            parse(line, row);
        }
        next++;
    }

    void close() {
        try {
            if (second != null) second.close();
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
    }
}
