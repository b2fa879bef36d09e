package adalab.cli;

import adalab.cli.Trace.Bad;
import adalab.cli.Trace.Fault;
import adalab.objectives.Objective;
import adalab.optim.ArithmeticFaultException;
import adalab.optim.NonFiniteGradientException;
import adalab.optim.Optimizer;
import adalab.optim.PrecisionMode;
import adalab.run.Recording;
import adalab.run.Run;
import adalab.run.StepListener;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * What {@code trace} runs: a {@link Run} of the optimizer on the objective (or on the gradient
 * file, as an objective whose gradient is the next row), in the chosen precision, keeping nothing in
 * memory: a CSV listener prints each K-th row as the run goes (ASGD's running average beside θ).
 */
final class TraceRun {
    private final Optimizer opt;
    private final long steps, every;
    private final double[] x;
    private final Objective objective;
    private final GradientFile file;
    private final PrecisionMode precision;

    TraceRun(Optimizer opt, long steps, long every, double[] start, Objective objective, GradientFile file, PrecisionMode precision) {
        this.opt = opt;
        this.steps = steps;
        this.every = every;
        this.x = start;
        this.objective = objective;
        this.file = file;
        this.precision = precision;
    }

    /** Why the listener stopped the run: a fault (exit 1) or the reader went away (exit 1, silently). */
    private static final class Stop extends RuntimeException {
        final String fault;

        Stop(String fault) {
            super(fault, null, false, false);
            this.fault = fault;
        }
    }

    int execute(PrintStream out) throws Fault {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 1 << 16);
        Csv csv = new Csv(w, out);
        Objective source = objective != null ? objective : new FileGradients(file, x.length);
        try {
            try {
                csv.header(x.length);
                Run.of(opt, source).from(x).steps(steps).precision(precision).failOnNonFinite()
                        .record(Recording.every(Math.max(1, steps)).params(false).loss(false).lr(false)).onStep(csv).go();
                w.flush();
                out.flush();
                return out.checkError() ? 1 : 0;
            } catch (Stop e) {
                if (e.fault == null) return 1; // the reader went away
                throw fault(w, e.fault);
            } catch (ArithmeticFaultException e) {
                throw fault(w, "step " + e.step() + ", element " + e.element() + ": " + e.operation()
                        + " (in " + e.mode() + "); stopped before the step");
            } catch (NonFiniteGradientException e) {
                throw fault(w, "step " + e.step() + ": the gradient's element " + e.element() + " is " + e.value()
                        + " (the objective overflowed or left its domain); stopped before the step");
            } catch (UncheckedIOException e) {
                throw e.getCause() instanceof BadRow b ? fault(w, "step " + (csv.last + 1) + ": " + b.getMessage())
                        : new Fault("cannot read or write: " + e.getCause().getMessage());
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw fault(w, "step " + (csv.last + 1) + ": " + e.getMessage());
            } finally {
                if (file != null) file.close();
            }
        } catch (IOException e) {
            throw new Fault("cannot read or write: " + e.getMessage());
        }
    }

    /** Prints what was computed before the fault, then reports it. */
    private static Fault fault(Writer w, String message) throws IOException {
        w.flush();
        return new Fault(message);
    }

    /** The rows: every K-th step's θ (and ASGD's average), and the check that θ stayed finite. */
    private final class Csv implements StepListener {
        private final Writer w;
        private final PrintStream out;
        private final boolean averaged = opt.averagesIterates();
        private long printed, last;

        Csv(Writer w, PrintStream out) {
            this.w = w;
            this.out = out;
        }

        void header(int n) throws IOException {
            StringBuilder h = new StringBuilder("step");
            for (int i = 0; i < n; i++) h.append(",x").append(i);
            if (averaged) for (int i = 0; i < n; i++) h.append(",avg").append(i);
            w.write(h.append('\n').toString());
            row(0, x, averaged ? x : null);
        }

        @Override
        public void onStep(long k, double[] p, double loss) {
            last = k;
            for (int i = 0; i < p.length; i++) {
                if (!Double.isFinite(p[i])) {
                    throw new Stop("step " + k + ": x" + i + " became " + p[i] + " (the run diverged; a smaller lr may help)");
                }
            }
            if (k % every != 0) return;
            try {
                row(k, p, averaged ? opt.averagedIterate() : null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if ((++printed & 0x3fff) == 0 && out.checkError()) throw new Stop(null);
        }

        private void row(long step, double[] p, double[] avg) throws IOException {
            w.write(Long.toString(step));
            for (double v : p) {
                w.write(',');
                w.write(Double.toString(v));
            }
            if (avg != null) {
                for (double v : avg) {
                    w.write(',');
                    w.write(Double.toString(v));
                }
            }
            w.write('\n');
        }
    }

    /** A bad row of the gradient file, found while running (the file changed, or a late row). */
    private static final class BadRow extends IOException {
        BadRow(String message) { super(message); }
    }

    /** The gradient file as an objective: each gradient is the next row; there is no loss. */
    private static final class FileGradients implements Objective {
        private final GradientFile file;
        private final int dimension;

        FileGradients(GradientFile file, int dimension) {
            this.file = file;
            this.dimension = dimension;
        }

        @Override public String name() { return "gradients file"; }

        @Override public int dimension() { return dimension; }

        @Override public double value(double[] p) { return Double.NaN; }

        @Override
        public void gradient(double[] p, double[] g) {
            try {
                file.next(g);
            } catch (Bad e) {
                throw new UncheckedIOException(new BadRow(e.getMessage()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
