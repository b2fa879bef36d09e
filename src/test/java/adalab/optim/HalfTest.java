package adalab.optim;

import org.bytedeco.javacpp.indexer.HalfIndexer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.function.BinaryOperator;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Half conversions and arithmetic against independent references: the IEEE 754 binary16
 * definition written out in double, a nearest-value search over all finite halves, javacpp's
 * toFloat, and ND4J's native HALF casts and arithmetic.
 */
class HalfTest {

    /** All non-negative finite halves in increasing order, from the format's definition. */
    static final double[] POSITIVE = new double[0x7c00];
    static {
        for (int b = 0; b < 0x7c00; b++) POSITIVE[b] = valueByDefinition(b);
    }

    /** (−1)^s · 2^(e−15) · (1 + m/1024), or 2^−14 · m/1024 for e = 0: the binary16 definition. */
    static double valueByDefinition(int bits) {
        int s = bits >>> 15, e = (bits >>> 10) & 31, m = bits & 1023;
        double mag = e == 0 ? Math.pow(2, -14) * (m / 1024.0) : Math.pow(2, e - 15) * (1 + m / 1024.0);
        return s == 1 ? -mag : mag;
    }

    /** Nearest half by search, ties to the even bit pattern; ≥ 65520 (65504 + half an ulp) is ∞. */
    static int nearestBySearch(double x) {
        int sign = x < 0 || (x == 0 && 1 / x < 0) ? 0x8000 : 0;
        double a = Math.abs(x);
        if (a >= 65520) return sign | 0x7c00;
        int i = Arrays.binarySearch(POSITIVE, a);
        if (i >= 0) return sign | i;
        int hi = -i - 1, lo = hi - 1; // POSITIVE[lo] < a < POSITIVE[hi]
        if (hi == 0x7c00) return sign | 0x7bff; // between 65504 and 65520
        double dl = a - POSITIVE[lo], dh = POSITIVE[hi] - a;
        int pick = dl < dh ? lo : dh < dl ? hi : ((lo & 1) == 0 ? lo : hi);
        return sign | pick;
    }

    @Test
    void everyBitPatternRoundTrips() {
        for (int bb = 0; bb < 0x10000; bb++) {
            final int b = bb;
            short h = (short) b;
            float f = Half.toFloat(h);
            assertEquals(h, Half.fromFloat(f), () -> "pattern " + Integer.toHexString(b));
            if (Float.isNaN(f)) { // widening to double may set the quiet bit of a signalling NaN (x86 does)
                assertTrue(Float.isNaN(Half.toFloat(Half.fromDouble(f))), () -> Integer.toHexString(b) + " via double");
            } else {
                assertEquals(h, Half.fromDouble(f), () -> "pattern " + Integer.toHexString(b) + " via double");
            }
            int e = (b >>> 10) & 31;
            if (e != 31) {
                assertEquals(valueByDefinition(b), f, 0, () -> "value of " + Integer.toHexString(b));
            } else if ((b & 1023) == 0) {
                assertEquals(b >= 0x8000 ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY, f);
            } else {
                assertTrue(Float.isNaN(f), () -> Integer.toHexString(b) + " is a NaN");
            }
            // javacpp's decoder, a separate implementation (its encoder rounds differently, see below)
            float theirs = HalfIndexer.toFloat(b);
            assertTrue(Float.floatToRawIntBits(theirs) == Float.floatToRawIntBits(f) || Float.isNaN(f) && Float.isNaN(theirs),
                    () -> Integer.toHexString(b) + ": javacpp " + theirs + ", ours " + f);
        }
    }

    @Test
    void limitsOfTheFormat() {
        assertEquals(5.9604644775390625e-8, Half.toFloat((short) 0x0001), 0);      // 2⁻²⁴
        assertEquals(6.103515625e-5, Half.toFloat((short) 0x0400), 0);             // 2⁻¹⁴
        assertEquals(65504.0, Half.toFloat((short) 0x7bff), 0);
        assertEquals(Half.MIN_VALUE, Half.toFloat((short) 0x0001));
        assertEquals(Half.MIN_NORMAL, Half.toFloat((short) 0x0400));
        assertEquals(Half.MAX_VALUE, Half.toFloat((short) 0x7bff));
        assertEquals(1 + Half.EPSILON, Half.toFloat((short) 0x3c01));
        assertEquals(5.96e-8, Half.MIN_VALUE, 0.005e-8);
        assertEquals(6.10e-5, Half.MIN_NORMAL, 0.005e-5);
    }

    @Test
    void halfwayCasesRoundToEven() {
        float u = 0x1p-11f; // half an ulp at 1
        assertEquals(0x3c00, Half.fromFloat(1 + u));             // 1 + ½ulp → 1 (even)
        assertEquals(0x3c02, Half.fromFloat(1 + 3 * u));         // 1 + 1½ulp → 1 + 2ulp (even)
        assertEquals(0x3c01, Half.fromFloat(1 + u + 0x1p-23f));  // just above halfway → up
        assertEquals(0x3c00, Half.fromFloat(1 + u - 0x1p-24f));  // just below → down
        // subnormals: units of 2⁻²⁴
        assertEquals(0x0000, Half.fromFloat(0x1p-25f));          // ½ unit → 0 (even)
        assertEquals(0x0001, Half.fromFloat(0x1.000002p-25f));   // just above → 1 unit
        assertEquals(0x0002, Half.fromFloat(3 * 0x1p-25f));      // 1½ → 2
        assertEquals(0x0002, Half.fromFloat(5 * 0x1p-25f));      // 2½ → 2
        assertEquals(0x0400, Half.fromFloat(0x3ffp-24f + 0x1p-25f)); // 1023½ units → the smallest normal
        assertEquals((short) 0x8000, Half.fromFloat(-0x1p-25f)); // −½ unit → −0
        // double rounding: 1 + 2⁻¹¹ + 2⁻⁴⁰ is above halfway; via float it would become the tie
        double d = 1 + 0x1p-11 + 0x1p-40;
        assertEquals(0x3c01, Half.fromDouble(d));
        assertEquals(0x3c00, Half.fromFloat((float) d));
    }

    @Test
    void overflowGivesInfinity() {
        assertEquals(0x7bff, Half.fromFloat(65504f));
        assertEquals(0x7bff, Half.fromFloat(65519.996f));
        assertEquals(0x7c00, Half.fromFloat(65520f)); // halfway to 2¹⁶: ties to even, which is ∞
        assertEquals((short) 0xfc00, Half.fromFloat(-65520f));
        assertEquals(0x7c00, Half.fromFloat(1e5f));
        assertEquals(0x7c00, Half.fromDouble(1e300));
        assertEquals(0x7c00, Half.fromFloat(Float.POSITIVE_INFINITY));
        assertEquals(0x7bff, Half.fromDouble(65519.99999999));
        assertEquals(0x7c00, Half.fromDouble(65520.0));
        assertTrue(Float.isNaN(Half.round(Float.NaN)));
        assertTrue(Float.isNaN(Half.round(Double.NaN)));
        assertEquals(0, Half.round(1e-300), 0);
        assertEquals(0, Half.round(Float.MIN_VALUE), 0);
    }

    @Test
    void matchesNearestValueSearch() {
        Random rnd = new Random(16);
        // every midpoint between neighbouring halves, and one float either side of it
        for (int b = 0; b < 0x7bff; b++) {
            float mid = (float) ((POSITIVE[b] + POSITIVE[b + 1]) / 2); // exact: 12 significant bits
            for (float f : new float[]{mid, Math.nextUp(mid), Math.nextDown(mid), -mid}) {
                assertEquals(nearestBySearch(f), Half.fromFloat(f) & 0xffff, () -> "float " + f);
            }
        }
        for (int k = 0; k < 200_000; k++) {
            double x = Math.scalb(rnd.nextDouble() * 2 - 1, rnd.nextInt(50) - 30);
            assertEquals(nearestBySearch(x), Half.fromDouble(x) & 0xffff, () -> "double " + x);
            float f = (float) x;
            assertEquals(nearestBySearch(f), Half.fromFloat(f) & 0xffff, () -> "float " + f);
        }
    }

    // ---------------------------------------------------------------- against ND4J

    static INDArray halfArray(short[] bits) {
        INDArray a = Nd4j.create(DataType.HALF, bits.length);
        ShortBuffer b = a.data().asNio().order(ByteOrder.nativeOrder()).asShortBuffer();
        for (int i = 0; i < bits.length; i++) b.put(i, bits[i]);
        return a;
    }

    static short[] bits(INDArray a) {
        ShortBuffer b = a.data().asNio().order(ByteOrder.nativeOrder()).asShortBuffer();
        short[] out = new short[(int) a.length()];
        for (int i = 0; i < out.length; i++) out[i] = b.get((int) a.offset() + i);
        return out;
    }

    @Test
    void matchesNd4jNativeCast() {
        Random rnd = new Random(5);
        int n = 50_000;
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            if (i % 4 == 0) { // a midpoint between two halves: a tie
                int b = rnd.nextInt(0x7bff);
                f[i] = (float) ((POSITIVE[b] + POSITIVE[b + 1]) / 2);
            } else {
                f[i] = Math.scalb(rnd.nextFloat() * 2 - 1, rnd.nextInt(46) - 28);
            }
        }
        short[] nd = bits(Nd4j.createFromArray(f).castTo(DataType.HALF));
        for (int i = 0; i < n; i++) {
            int k = i;
            assertEquals(nd[i], Half.fromFloat(f[i]), () -> "ND4J casts " + f[k] + " to " + Integer.toHexString(nd[k] & 0xffff));
        }
        // javacpp's encoder (ND4J's putScalar) rounds a tie away from zero: not usable as fp16 rounding
        assertEquals(0x3c01, HalfIndexer.fromFloat(1 + 0x1p-11f));
        assertEquals(0x3c00, Half.fromFloat(1 + 0x1p-11f));
    }

    /** Random finite halves of all sizes, plus zeros, subnormals, the largest and a few simple values. */
    static short[] operands(Random rnd, int n) {
        short[] s = new short[n];
        short[] special = {0, (short) 0x8000, 1, 0x3ff, 0x400, 0x7bff, (short) 0xfbff, 0x3c00, (short) 0xbc00, 0x5bf8, 0x1419, 0x068e};
        for (int i = 0; i < n; i++) {
            if (i < special.length) s[i] = special[i];
            else {
                int b;
                do b = rnd.nextInt(0x10000); while (((b >>> 10) & 31) == 31); // finite only
                s[i] = (short) b;
            }
        }
        return s;
    }

    @Test
    void arithmeticMatchesNd4jHalf() {
        Random rnd = new Random(11);
        int n = 40_000;
        short[] a = operands(rnd, n), b = operands(rnd, n);
        // shuffle b so the specials meet random values too
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            short t = b[i]; b[i] = b[j]; b[j] = t;
        }
        INDArray x = halfArray(a), y = halfArray(b);
        check("add", a, b, bits(x.add(y)), Half::add);
        check("sub", a, b, bits(x.sub(y)), Half::sub);
        check("mul", a, b, bits(x.mul(y)), Half::mul);
        check("div", a, b, bits(x.div(y)), Half::div);
        short[] abs = new short[n];
        for (int i = 0; i < n; i++) abs[i] = (short) (a[i] & 0x7fff);
        short[] sq = bits(Transforms.sqrt(halfArray(abs), true));
        for (int i = 0; i < n; i++) {
            float ours = Half.sqrt(Half.toFloat(abs[i]));
            assertEquals(sq[i], Half.fromFloat(ours), "sqrt of " + Half.toFloat(abs[i]));
        }
    }

    private static void check(String op, short[] a, short[] b, short[] nd, BinaryOperator<Float> ours) {
        int compared = 0;
        for (int i = 0; i < a.length; i++) {
            float r = ours.apply(Half.toFloat(a[i]), Half.toFloat(b[i]));
            float theirs = Half.toFloat(nd[i]);
            if (Float.isNaN(r) || Float.isNaN(theirs)) {
                assertTrue(Float.isNaN(r) && Float.isNaN(theirs), op + " of " + Half.toFloat(a[i]) + ", " + Half.toFloat(b[i]));
                continue;
            }
            assertEquals(nd[i], Half.fromFloat(r), op + " of " + Half.toFloat(a[i]) + " and " + Half.toFloat(b[i])
                    + ": ND4J " + theirs + ", ours " + r);
            compared++;
        }
        assertTrue(compared > a.length / 2, op + ": too few finite results compared (" + compared + ")");
    }

    @Test
    void squaresThatUnderflow() {
        // g² is below half the smallest subnormal exactly when |g| < 2^-12.5 ≈ 1.726e-4
        float below = Half.round(1.72e-4f), above = Half.round(1.74e-4f);
        assertEquals(0, Half.mul(below, below), 0);
        assertTrue(Half.mul(above, above) > 0);
        assertEquals(0, Half.round(1e-8), 0); // ε = 1e-8 is 0 in fp16
        assertEquals(Half.MIN_VALUE, Half.round(5.97e-8), 0);
    }
}
