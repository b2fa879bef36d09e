package adalab.optim;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.Random;
import java.util.function.BinaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Format's rounding against independent implementations: fp16 against Half (tested exhaustively
 * against ND4J's HALF in HalfTest), bf16 against ND4J's BFLOAT16 casts and arithmetic, bit for bit.
 */
class FormatTest {

    @Test
    void fp16RoundingIsHalfsRoundingOfDoubles() {
        for (int b = 0; b < 0x10000; b++) { // every finite half is kept as it is
            float h = Half.toFloat((short) b);
            if (Float.isFinite(h)) assertEquals(h, Format.FP16.round(h), 0.0, "half " + Integer.toHexString(b));
        }
        Random rnd = new Random(1);
        for (int i = 0; i < 200_000; i++) {
            double x = i % 3 == 0 ? midpointOfHalves(rnd) : Math.scalb(rnd.nextDouble() * 2 - 1, rnd.nextInt(60) - 35);
            double expected = Half.toFloat(Half.fromDouble(x));
            assertEquals(0, Double.compare(expected, Format.FP16.round(x)), "x = " + x);
        }
        assertEquals(Double.POSITIVE_INFINITY, Format.FP16.round(65520)); // the tie above 65504 goes to even: ∞
        assertEquals(65504, Format.FP16.round(65519.99));
        assertEquals(0x1p-24, Format.FP16.minValue());
        assertEquals(0, Format.FP16.round(1e-8)); // document 000: ε = 1e-8 is 0 in fp16
    }

    private static double midpointOfHalves(Random rnd) {
        int b = rnd.nextInt(0x7bff);
        return ((double) Half.toFloat((short) b) + Half.toFloat((short) (b + 1))) / 2;
    }

    static INDArray bf16(float[] values) { return Nd4j.createFromArray(values).castTo(DataType.BFLOAT16); }

    /** The bf16 values of an ND4J BFLOAT16 array, read from its bits (bf16 is a float's top half). */
    static float[] read(INDArray a) {
        ShortBuffer b = a.data().asNio().order(ByteOrder.nativeOrder()).asShortBuffer();
        float[] out = new float[(int) a.length()];
        for (int i = 0; i < out.length; i++) out[i] = Float.intBitsToFloat((b.get((int) a.offset() + i) & 0xffff) << 16);
        return out;
    }

    @Test
    void bf16RoundingMatchesNd4jsCast() {
        Random rnd = new Random(2);
        int n = 100_000;
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            int bits = rnd.nextInt(0x7f7f) << 16; // a finite bf16 ...
            if (i % 4 == 0) bits |= 0x8000; // ... or the tie just above it
            else if (i % 4 == 1) bits |= rnd.nextInt(0x10000);
            f[i] = Float.intBitsToFloat(bits) * (rnd.nextBoolean() ? 1 : -1);
        }
        f[0] = 0x1p-133f; // the smallest bf16 subnormal
        f[1] = Float.MAX_VALUE; // rounds past bf16's largest, 0x1.fep127, to ∞
        float[] nd = read(bf16(f));
        for (int i = 0; i < n; i++) {
            assertEquals(0, Double.compare(nd[i], Format.BF16.round(f[i])), "ND4J casts " + f[i] + " to " + nd[i]);
        }
        assertEquals(Double.POSITIVE_INFINITY, Format.BF16.round(Float.MAX_VALUE));
        assertEquals(0x1p-133, Format.BF16.minValue());
    }

    @Test
    void bf16ArithmeticMatchesNd4jsBfloat16Ops() {
        Random rnd = new Random(3);
        int n = 50_000;
        float[] a = new float[n], b = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = Float.intBitsToFloat(rnd.nextInt(0x7f00) << 16) * (rnd.nextBoolean() ? 1 : -1);
            b[i] = i % 5 == 0 ? a[i] * 0.5f : Float.intBitsToFloat((0x3000 + rnd.nextInt(0x1f00)) << 16) * (rnd.nextBoolean() ? 1 : -1);
        }
        b = read(bf16(b)); // a·0.5 of a subnormal may not be a bf16: the operands are what ND4J holds
        INDArray x = bf16(a), y = bf16(b);
        Arithmetic bf = new Arithmetic(Format.BF16);
        compare("+", read(x.add(y)), a, b, bf::add);
        compare("−", read(x.sub(y)), a, b, bf::sub);
        compare("×", read(x.mul(y)), a, b, bf::mul);
        compare("/", read(x.div(y)), a, b, bf::div);
        float[] abs = new float[n];
        // ND4J 1.0.0-M2.1's BFLOAT16 sqrt is not correctly rounded: it takes the root through fp16
        // (Infinity from 1.5·2³² on, whose root 80264 is past fp16's 65504; and √0.08642578 =
        // 0.29398… becomes fp16 0.2939453, a bf16 tie, then 0.29296875 where the nearest bf16 is
        // 0.294921875). So ND4J is checked against that model, and ours against the definition:
        // the nearest bf16 to the root, within half a spacing, ties to an even last bit.
        for (int i = 0; i < n; i++) abs[i] = Math.scalb(1 + rnd.nextFloat(), rnd.nextInt(59) - 28);
        abs = read(bf16(abs));
        float[] root = read(Transforms.sqrt(bf16(abs), true));
        for (int i = 0; i < n; i++) {
            double exact = Math.sqrt(abs[i]), ours = bf.sqrt(abs[i]);
            double viaFp16 = Format.BF16.round(Half.toFloat(Half.fromDouble(exact)));
            assertEquals(0, Double.compare(root[i], viaFp16), "ND4J √" + abs[i] + " = " + root[i]);
            double spacing = Math.ulp((float) ours) * 65536; // bf16 keeps 16 fewer bits than float
            assertTrue(Math.abs(ours - exact) <= spacing / 2, "√" + abs[i] + ": ours " + ours);
            assertEquals(ours, (double) Float.intBitsToFloat(Float.floatToIntBits((float) ours) & 0xffff0000), "√" + abs[i] + " is a bf16");
        }
    }

    private static void compare(String op, float[] nd, float[] a, float[] b, BinaryOperator<Double> ours) {
        int checked = 0;
        for (int i = 0; i < nd.length; i++) {
            double r = ours.apply((double) a[i], (double) b[i]);
            if (Double.isNaN(r) && Float.isNaN(nd[i])) continue;
            assertEquals(0, Double.compare(nd[i], r), a[i] + " " + op + " " + b[i] + ": ND4J " + nd[i] + ", ours " + r);
            checked++;
        }
        assertTrue(checked > nd.length * 0.99, op + ": " + checked);
    }

    @Test
    void formatsByName() {
        assertEquals(Format.BF16, Format.of("bf16"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Format.of("fp8"));
        assertTrue(e.getMessage().contains("fp64, fp32, fp16 or bf16"), e.getMessage());
    }
}
