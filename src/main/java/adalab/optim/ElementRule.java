package adalab.optim;

/**
 * An optimizer's update of one parameter element, written once in the form the documents give it
 * and run in any {@link Arithmetic}: this is the source of truth for what the optimizer computes.
 * The optimizer's fused loops (its {@code update} methods) are the same rule written out for speed
 * in double and float; a property test proves they give the same bits as the rule.
 *
 * <p>Two arithmetics, because of document 000's account of mixed precision: {@code m} computes
 * the optimizer's state (moments, accumulators), {@code u} the update of θ from it. Both are the
 * same except in the "moments" modes (fp16 or bf16 moments, float32 update). Per-step scalars
 * (learning rate, bias corrections) come from the optimizer's {@code prepare}, already computed in
 * double; the rule rounds them into its arithmetic with {@link Arithmetic#k}.
 */
public interface ElementRule {

    /** Updates element {@code e.index()}: reads and writes e's parameter and state. */
    void apply(Arithmetic m, Arithmetic u, Element e);

    /**
     * Where the gradient for the next step is taken, for element e (NAG's look-ahead point);
     * the parameter itself for every method that needs no look-ahead.
     */
    default double gradientPoint(Arithmetic u, Element e) { return e.x(); }
}
