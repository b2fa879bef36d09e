package adalab.optim;

/** A learning rate that depends on the step: {@code rate(t, base)} for t = 1, 2, ... */
@FunctionalInterface
public interface Schedule {
    double rate(long step, double base);
}
