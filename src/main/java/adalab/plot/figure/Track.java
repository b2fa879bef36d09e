package adalab.plot.figure;

/** What a figure draws of one run in one panel: its legend name, the step of each row, and x, y per row. */
record Track(String label, long[] steps, double[] xs, double[] ys) { }
