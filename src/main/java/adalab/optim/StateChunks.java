package adalab.optim;

/**
 * Per-parameter state cut into cache-sized chunks, the layout INDArray steps use: chunk c of
 * state k is {@code chunks[c][k]}, elements [c·CHUNK, (c+1)·CHUNK). NdArrays copies a chunk of
 * the parameters and the gradient out of ND4J's memory into scratch and runs the kernel on it
 * with the state chunk of the same index, so the kernel sees one index for all its arrays (as it
 * must to vectorize) without the state being copied in and out each step.
 */
final class StateChunks {
    /** Elements per chunk: p, g and up to three state chunks (5 × 16 KB of float) stay in L2. */
    static final int CHUNK = 1 << 12;

    private StateChunks() { }

    static int count(int n) { return (n + CHUNK - 1) / CHUNK; }

    static double[][][] split(double[][] flat, int n) {
        int k = flat.length;
        double[][][] out = new double[count(n)][k][];
        for (int c = 0; c < out.length; c++) {
            int off = c * CHUNK, len = Math.min(CHUNK, n - off);
            for (int s = 0; s < k; s++) {
                out[c][s] = new double[len];
                System.arraycopy(flat[s], off, out[c][s], 0, len);
            }
        }
        return out;
    }

    static float[][][] split(float[][] flat, int n) {
        int k = flat.length;
        float[][][] out = new float[count(n)][k][];
        for (int c = 0; c < out.length; c++) {
            int off = c * CHUNK, len = Math.min(CHUNK, n - off);
            for (int s = 0; s < k; s++) {
                out[c][s] = new float[len];
                System.arraycopy(flat[s], off, out[c][s], 0, len);
            }
        }
        return out;
    }

    /** State k of all chunks as one array of n elements. */
    static double[] join(double[][][] chunks, int k, int n) {
        double[] out = new double[n];
        for (int c = 0; c < chunks.length; c++) System.arraycopy(chunks[c][k], 0, out, c * CHUNK, chunks[c][k].length);
        return out;
    }

    static float[] join(float[][][] chunks, int k, int n) {
        float[] out = new float[n];
        for (int c = 0; c < chunks.length; c++) System.arraycopy(chunks[c][k], 0, out, c * CHUNK, chunks[c][k].length);
        return out;
    }
}
