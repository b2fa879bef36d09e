package adalab.optim;

import adalab.optim.OptimizerState.Precision;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Steps on ND4J arrays without copying them whole: the arrays' native memory is streamed
 * through the optimizer's own loop in cache-sized chunks and the parameters are written back
 * in place. Kept apart from {@link Optimizer} so ND4J is only touched by code that uses it.
 */
final class NdArrays {
    /** Elements per chunk: two scratch chunks stay in the L1/L2 caches. */
    static final int CHUNK = 1 << 13;
    private static final ThreadLocal<float[][]> FLOAT_SCRATCH =
            ThreadLocal.withInitial(() -> new float[][]{new float[CHUNK], new float[CHUNK]});
    private static final ThreadLocal<double[][]> DOUBLE_SCRATCH =
            ThreadLocal.withInitial(() -> new double[][]{new double[CHUNK], new double[CHUNK]});

    private NdArrays() { }

    static void step(Optimizer o, INDArray x, INDArray g) {
        int n = checkedLength(x, "params");
        int ng = checkedLength(g, "grad");
        if (n != ng) {
            throw new IllegalArgumentException("params has " + n + " elements but grad has " + ng + ": they must match");
        }
        if (x.dataType() != g.dataType()) {
            throw new IllegalArgumentException("params is " + x.dataType() + " but grad is " + g.dataType()
                    + ": they must have the same data type");
        }
        if (x.dataType() == DataType.FLOAT) stepFloat(o, x, g, n);
        else stepDouble(o, x, g, n);
    }

    private static int checkedLength(INDArray a, String what) {
        if (a == null) throw new IllegalArgumentException(what + " is null");
        DataType t = a.dataType();
        if (t != DataType.FLOAT && t != DataType.DOUBLE) {
            throw new IllegalArgumentException(what + " has data type " + t + ": allowed FLOAT or DOUBLE");
        }
        long len = a.length();
        if (len == 0) throw new IllegalArgumentException(what + " is empty: an optimizer needs at least one parameter");
        if (len > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(what + " has " + len + " elements: at most " + (Integer.MAX_VALUE - 8));
        }
        if (!isContiguous(a)) {
            throw new IllegalArgumentException(what + " is a non-contiguous view (strides "
                    + java.util.Arrays.toString(a.stride()) + "): pass a contiguous array, e.g. a.dup()");
        }
        return (int) len;
    }

    private static boolean isContiguous(INDArray a) {
        if (a.length() == 1) return true;
        if (a.elementWiseStride() != 1) return false;
        // elementWiseStride 1 also holds for a transposed (f-ordered) copy; the layout must be c-order
        // so that element i of params meets element i of grad.
        long[] shape = a.shape(), stride = a.stride();
        long expect = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expect) return false;
            expect *= shape[d];
        }
        return true;
    }

    private static void stepFloat(Optimizer o, INDArray x, INDArray g, int n) {
        o.ndCheckState(Precision.FLOAT, n);
        FloatBuffer xb = x.data().asNioFloat(), gb = g.data().asNioFloat();
        int xo = (int) x.offset(), go = (int) g.offset();
        for (int i = 0; i < n; i++) {
            float v = gb.get(go + i);
            if (!Float.isFinite(v)) {
                if (!o.ndAcceptNonFinite(i, v)) return;
            }
        }
        o.ndEnsureState(Precision.FLOAT, n); // only now: a refused gradient leaves no state behind
        float[][] scratch = FLOAT_SCRATCH.get();
        float[] ps = scratch[0], gs = scratch[1];
        o.ndBeginStep();
        for (int off = 0; off < n; off += CHUNK) {
            int len = Math.min(CHUNK, n - off);
            xb.get(xo + off, ps, 0, len);
            gb.get(go + off, gs, 0, len);
            o.update(ps, gs, 0, off, len);
            xb.put(xo + off, ps, 0, len);
        }
        o.ndEndStep();
    }

    private static void stepDouble(Optimizer o, INDArray x, INDArray g, int n) {
        o.ndCheckState(Precision.DOUBLE, n);
        DoubleBuffer xb = x.data().asNioDouble(), gb = g.data().asNioDouble();
        int xo = (int) x.offset(), go = (int) g.offset();
        for (int i = 0; i < n; i++) {
            double v = gb.get(go + i);
            if (!Double.isFinite(v)) {
                if (!o.ndAcceptNonFinite(i, v)) return;
            }
        }
        o.ndEnsureState(Precision.DOUBLE, n); // only now: a refused gradient leaves no state behind
        double[][] scratch = DOUBLE_SCRATCH.get();
        double[] ps = scratch[0], gs = scratch[1];
        o.ndBeginStep();
        for (int off = 0; off < n; off += CHUNK) {
            int len = Math.min(CHUNK, n - off);
            xb.get(xo + off, ps, 0, len);
            gb.get(go + off, gs, 0, len);
            o.update(ps, gs, 0, off, len);
            xb.put(xo + off, ps, 0, len);
        }
        o.ndEndStep();
    }
}
