package adalab.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** One catch clause covers every refused non-finite step, and each kind keeps its step and value. */
class NonFiniteExceptionTest {

    @Test
    void aNanGradientIsANonFiniteException() {
        Sgd sgd = new Sgd();
        double[] x = {1, 2};
        sgd.step(x, new double[]{1, 1});
        NonFiniteException e = assertThrows(NonFiniteException.class, () -> sgd.step(x, new double[]{0, Double.NaN}));
        assertInstanceOf(NonFiniteGradientException.class, e);
        assertEquals(2, e.step());
        assertTrue(Double.isNaN(e.value()));
        assertEquals(1, ((NonFiniteGradientException) e).element());
    }

    @Test
    void anFp16OverflowIsANonFiniteException() {
        // g² = 300² = 90000 > 65504, the largest fp16: the all-fp16 step overflows at once.
        float[] x = {1f};
        NonFiniteException e = assertThrows(NonFiniteException.class, () -> HalfPrecision.of(new Adam(), HalfPrecision.Mode.ALL_FP16).step(x, new float[]{300f}));
        assertInstanceOf(HalfOverflowException.class, e);
        assertEquals(1, e.step());
        assertEquals(1f, x[0]);
    }
}
