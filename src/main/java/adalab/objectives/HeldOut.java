package adalab.objectives;

/**
 * An objective trained on one set of examples that also keeps examples it never trains on, so a
 * run's parameters can be scored on new data: fitting (the training loss) against learning (the
 * held-out loss). The optimizer never sees the held-out examples.
 */
public interface HeldOut {

    /** The mean loss on the held-out (test) examples, in the training loss's form. */
    double heldOutLoss(double[] w);

    /** How many held-out examples there are. */
    int heldOutExamples();

    /** The held-out loss for every row of a run's parameters ({@code trajectory.params()}). */
    default double[] heldOutLosses(double[][] rows) {
        if (rows == null) throw new IllegalArgumentException("rows is null: record the run's parameters (Recording.params(true))");
        double[] out = new double[rows.length];
        for (int k = 0; k < rows.length; k++) out[k] = heldOutLoss(rows[k]);
        return out;
    }
}
