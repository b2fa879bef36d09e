package adalab.optim;

/**
 * The fused loops of RMSProp with torch.optim.RMSprop's options (centered, momentum), kept apart
 * from the documents' plain loop so that it stays as short and fast as it was:
 * <pre>
 *   v ← ρv + (1−ρ)g²      centered: ḡ ← ρḡ + (1−ρ)g,  w = max(v − ḡ², 0)   else w = v
 *   d = √(w + ε) or √w + ε
 *   momentum μ &gt; 0: b ← μb + g/d, θ ← θ − ηb        else θ ← θ − η g/d
 * </pre>
 * g/d is 0 where d = 0 (ε = 0, w = 0), as in the plain loop. The state arrays are v, then g_avg
 * when centered, then buf with momentum ({@link RmsProp#checkConsistency()}).
 */
final class RmsPropTorch {
    private RmsPropTorch() { }

    static void update(RmsProp o, double[] p, double[] g, double[][] st, int from, int to) {
        final double[] v = st[0], a = o.isCentered ? st[1] : null, b = o.hasMomentum ? st[st.length - 1] : null;
        if (to - from < Optimizer.SHORT) for (int i = from; i < to; i++) at(o, i, p, g, v, a, b);
        else for (int i = from; i < to; i++) at(o, i, p, g, v, a, b);
    }

    private static void at(RmsProp o, int i, double[] p, double[] g, double[] v, double[] a, double[] b) {
        double r = o.r, gj = g[i];
        double vj = r * v[i] + (1 - r) * gj * gj;
        v[i] = vj;
        double w = vj;
        if (a != null) {
            double aj = r * a[i] + (1 - r) * gj;
            a[i] = aj;
            w = Math.max(vj - aj * aj, 0); // v ≥ ḡ² in exact arithmetic; rounding may cross 0
        }
        double denom = o.inside ? Math.sqrt(w + o.epsilon) : Math.sqrt(w) + o.epsilon;
        double ratio = denom == 0 ? gj * 0 : gj / denom;
        if (b != null) {
            double bj = o.mu * b[i] + ratio;
            b[i] = bj;
            p[i] -= o.eta * bj;
        } else {
            p[i] -= o.eta * ratio;
        }
    }

    static void update(RmsProp o, float[] p, float[] g, float[][] st, int from, int to) {
        final float[] v = st[0], a = o.isCentered ? st[1] : null, b = o.hasMomentum ? st[st.length - 1] : null;
        if (to - from < Optimizer.SHORT) for (int i = from; i < to; i++) at(o, i, p, g, v, a, b);
        else for (int i = from; i < to; i++) at(o, i, p, g, v, a, b);
    }

    private static void at(RmsProp o, int i, float[] p, float[] g, float[] v, float[] a, float[] b) {
        float r = (float) o.r, gj = g[i];
        float vj = r * v[i] + (float) (1 - o.r) * gj * gj;
        v[i] = vj;
        float w = vj;
        if (a != null) {
            float aj = r * a[i] + (float) (1 - o.r) * gj;
            a[i] = aj;
            w = Math.max(vj - aj * aj, 0f);
        }
        float denom = o.inside ? (float) Math.sqrt(w + (float) o.epsilon) : (float) Math.sqrt(w) + (float) o.epsilon;
        float ratio = denom == 0 ? gj * 0 : gj / denom;
        if (b != null) {
            float bj = (float) o.mu * b[i] + ratio;
            b[i] = bj;
            p[i] -= (float) o.eta * bj;
        } else {
            p[i] -= (float) o.eta * ratio;
        }
    }
}
