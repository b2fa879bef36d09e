package adalab.optim;

import org.junit.jupiter.api.Test;

import java.util.List;

import static adalab.optim.AdamTest.A;
import static adalab.optim.AdamTest.X0;
import static adalab.optim.AdamTest.assertRel;
import static adalab.optim.AdamTest.run;
import static org.junit.jupiter.api.Assertions.*;

class AmsGradTest {

    static double[] reference(double lr, double b1, double b2, double eps, boolean inside, boolean reddi, int steps) {
        double[] x = X0.clone(), m = new double[2], v = new double[2], vmax = new double[2];
        for (int t = 1; t <= steps; t++) {
            for (int i = 0; i < 2; i++) {
                double g = A[i] * x[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                vmax[i] = Math.max(vmax[i], v[i]);
                if (reddi) {
                    // Reddi et al. 2018, Algorithm 2: no bias correction
                    x[i] -= lr * m[i] / (inside ? Math.sqrt(vmax[i] + eps) : Math.sqrt(vmax[i]) + eps);
                } else {
                    // PyTorch's amsgrad=True
                    double mHat = m[i] / (1 - Math.pow(b1, t));
                    double vHat = vmax[i] / (1 - Math.pow(b2, t));
                    x[i] -= lr * mHat / (inside ? Math.sqrt(vHat + eps) : Math.sqrt(vHat) + eps);
                }
            }
        }
        return x;
    }

    @Test
    void defaults() {
        AmsGrad o = new AmsGrad();
        assertEquals("amsgrad", o.name());
        assertEquals(1e-3, o.get("lr"));
        assertEquals(0.9, o.get("beta1"));
        assertEquals(0.999, o.get("beta2"));
        assertEquals(1e-8, o.get("eps"));
        assertEquals("pytorch", o.getChoice("form"));
        assertEquals(List.of("m", "v", "vmax"), o.stateNames());
        assertInstanceOf(AmsGrad.class, Optimizers.create("amsgrad"));
    }

    @Test
    void threeStepsByHandBothForms() {
        // β₂ = 0.9 so that v falls quickly after a large gradient. g = 10, 1, 1.
        // t=1: m = 0.1·10 = 1,          v = 0.1·100 = 10,           vmax = 10
        // t=2: m = 0.9 + 0.1 = 1,       v = 9 + 0.1 = 9.1,          vmax = 10 (v fell, vmax did not)
        // t=3: m = 0.9 + 0.1 = 1,       v = 8.19 + 0.1 = 8.29,      vmax = 10
        double eta = 0.1, eps = 1e-8;
        AmsGrad reddi = new AmsGrad().lr(eta).beta2(0.9).form("reddi");
        AmsGrad torch = new AmsGrad().lr(eta).beta2(0.9);
        double[] xr = {0}, xt = {0};
        double er = 0, et = 0;
        double[] g = {10, 1, 1};
        double[] mExp = {1, 1, 1}, vExp = {10, 9.1, 8.29};
        for (int t = 1; t <= 3; t++) {
            reddi.step(xr, new double[]{g[t - 1]});
            torch.step(xt, new double[]{g[t - 1]});
            // reddi: θ −= η m/(√vmax + ε) = 0.1·1/(√10 + ε)
            er -= eta * mExp[t - 1] / (Math.sqrt(10) + eps);
            // pytorch: θ −= η m̂/(√(vmax/(1−0.9ᵗ)) + ε), m̂ = 1/(1−0.9ᵗ)
            double c1 = 1 - Math.pow(0.9, t), c2 = 1 - Math.pow(0.9, t);
            et -= eta * (mExp[t - 1] / c1) / (Math.sqrt(10 / c2) + eps);
            assertEquals(er, xr[0], 1e-14, "reddi t=" + t);
            assertEquals(et, xt[0], 1e-14, "pytorch t=" + t);
            assertEquals(mExp[t - 1], torch.state("m")[0], 1e-14);
            assertEquals(vExp[t - 1], torch.state("v")[0], 1e-13);
            assertEquals(10, torch.state("vmax")[0], 1e-13);
        }
        assertEquals(-0.3 / Math.sqrt(10), xr[0], 1e-8);
    }

    @Test
    void hundredStepsMatchReferenceInBothForms() {
        double lr = 0.05, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        assertRel(reference(lr, b1, b2, eps, false, false, 100), run(new AmsGrad().lr(lr), 100), 1e-12);
        assertRel(reference(lr, b1, b2, eps, false, true, 100), run(new AmsGrad().lr(lr).form("reddi"), 100), 1e-12);
        assertRel(reference(lr, b1, 0.9, 0.1, true, false, 100),
                run(new AmsGrad().lr(lr).beta2(0.9).eps(0.1).epsInside(true), 100), 1e-12);
        assertRel(reference(lr, b1, 0.9, eps, false, true, 100),
                run(new AmsGrad().lr(lr).beta2(0.9).form("reddi"), 100), 1e-12);
        // On this problem the gradient shrinks, so vmax and v part ways and AMSGrad differs from Adam
        assertNotEquals(run(new Adam().lr(lr).beta2(0.9), 100)[1], run(new AmsGrad().lr(lr).beta2(0.9), 100)[1]);
    }

    @Test
    void vmaxNeverDecreases() {
        AmsGrad o = new AmsGrad().lr(0.05).beta2(0.9);
        double[] x = X0.clone();
        double[] prev = {0, 0};
        for (int t = 0; t < 100; t++) {
            o.step(x, new double[]{A[0] * x[0], A[1] * x[1]});
            double[] w = o.state("vmax"), v = o.state("v");
            for (int i = 0; i < 2; i++) {
                assertTrue(w[i] >= prev[i]);
                assertTrue(w[i] >= v[i]);
            }
            prev = w;
        }
    }
}
