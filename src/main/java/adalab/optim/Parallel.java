package adalab.optim;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits an elementwise pass over [0, n) across the cores with persistent daemon workers, parked
 * between jobs, so that a steady-state step allocates nothing. Every element is computed by the
 * same code whatever the split, so results are bit-identical for any thread count.
 *
 * <p>One job at a time: a caller that finds the workers busy (another thread stepping another
 * optimizer, e.g. a sweep) runs its range alone on its own thread instead of waiting.
 * Threads: system property {@code adalab.threads} (default: the available processors, at most 8).
 */
final class Parallel {

    /** A pass over [from, to); returns the first index it flags (a non-finite gradient) or -1. */
    interface Body {
        int run(int from, int to);
    }

    /** Arrays shorter than this run on the calling thread: below it, waking a worker costs more than it saves. */
    static final int THRESHOLD = Integer.getInteger("adalab.parallel.threshold", 1 << 16);
    /** Part boundaries are multiples of this (64 bytes of float): no cache line is written by two threads. */
    private static final int ALIGN = 16;
    /** Busy-wait iterations before parking: covers the gap between consecutive steps of a loop. */
    private static final int SPINS = 20_000;

    static final int THREADS = Math.max(1, Math.min(8,
            Integer.getInteger("adalab.threads", Runtime.getRuntime().availableProcessors())));

    private static final AtomicBoolean BUSY = new AtomicBoolean();
    private static Worker[] workers; // created on first parallel job, THREADS − 1 of them

    private Parallel() { }

    /**
     * Runs body over [0, n), split across the workers when n is large and they are free. Returns
     * the smallest index any part flagged, or -1.
     */
    static int run(int n, Body body) {
        return run(n, ALIGN, body);
    }

    /** As {@link #run(int, Body)}, with every part but the last starting and ending on a multiple of align. */
    static int run(int n, int align, Body body) {
        if (THREADS == 1 || n < THRESHOLD || !BUSY.compareAndSet(false, true)) return body.run(0, n);
        try {
            Worker[] ws = workers();
            int parts = ws.length + 1;
            int per = (n / parts + align - 1) / align * align;
            int posted = 0;
            for (int k = 0; k < ws.length; k++) {
                int from = Math.min(n, per * (k + 1)), to = k == ws.length - 1 ? n : Math.min(n, per * (k + 2));
                if (from >= to) break;
                ws[k].post(body, from, to);
                posted++;
            }
            int first = -1;
            Throwable error = null;
            try {
                first = body.run(0, Math.min(n, per));
            } catch (Throwable t) {
                error = t;
            }
            // Always wait for every posted part, even after an error: the arrays must be quiet
            // before anyone touches them again.
            for (int k = 0; k < posted; k++) {
                Worker w = ws[k];
                w.await();
                if (w.error != null && error == null) error = w.error;
                w.error = null;
                w.body = null;
                int r = w.result;
                if (r >= 0 && (first < 0 || r < first)) first = r;
            }
            if (error instanceof RuntimeException e) throw e;
            if (error instanceof Error e) throw e;
            if (error != null) throw new IllegalStateException(error);
            return first;
        } finally {
            BUSY.set(false);
        }
    }

    private static synchronized Worker[] workers() {
        if (workers == null) {
            Worker[] ws = new Worker[THREADS - 1];
            for (int k = 0; k < ws.length; k++) {
                ws[k] = new Worker("adalab-step-" + (k + 1));
                ws[k].start();
            }
            workers = ws;
        }
        return workers;
    }

    private static final class Worker extends Thread {
        // Job fields are written before the volatile 'posted' and read after it (happens-before);
        // results likewise around 'done'.
        Body body;
        int from, to, result;
        Throwable error;
        volatile long posted, done;
        volatile Thread caller;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        void post(Body b, int from, int to) {
            this.body = b;
            this.from = from;
            this.to = to;
            this.caller = Thread.currentThread();
            posted = posted + 1;
            LockSupport.unpark(this);
        }

        /** Waits (spinning briefly, then parked) until the posted job is done; uninterruptible. */
        void await() {
            long want = posted;
            for (int i = 0; done != want; i++) {
                if (i < SPINS) Thread.onSpinWait();
                else LockSupport.park(this);
            }
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                for (int i = 0; posted == seen; i++) {
                    if (i < SPINS) Thread.onSpinWait();
                    else LockSupport.park(this);
                }
                seen = posted;
                try {
                    result = body.run(from, to);
                } catch (Throwable t) {
                    result = -1;
                    error = t;
                }
                done = seen;
                LockSupport.unpark(caller);
            }
        }
    }
}
