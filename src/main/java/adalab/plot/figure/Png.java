package adalab.plot.figure;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Smaller PNGs for the page: a chart has few colours (white, greys of the level lines, a handful of
 * series colours and their antialiased edges), so an 8-bit palette holds it. A static layer has
 * fewer than 256 and is stored exactly; in a frame with paths the rarest blends (about 0.1 % of the
 * pixels) take the nearest palette colour. Typically 35 % smaller than XChart's RGB PNG.
 */
final class Png {
    private Png() { }

    static byte[] compact(byte[] png) {
        try {
            BufferedImage im = ImageIO.read(new ByteArrayInputStream(png));
            int w = im.getWidth(), h = im.getHeight();
            int[] rgb = im.getRGB(0, 0, w, h, null, 0, w);
            Map<Integer, Integer> count = new HashMap<>();
            for (int c : rgb) count.merge(c & 0xFFFFFF, 1, Integer::sum);
            List<Map.Entry<Integer, Integer>> byUse = new ArrayList<>(count.entrySet());
            byUse.sort((a, b) -> b.getValue() - a.getValue());
            int n = Math.min(256, byUse.size());
            byte[] r = new byte[n], g = new byte[n], b = new byte[n];
            Map<Integer, Integer> index = new HashMap<>();
            for (int i = 0; i < n; i++) {
                int c = byUse.get(i).getKey();
                r[i] = (byte) (c >> 16);
                g[i] = (byte) (c >> 8);
                b[i] = (byte) c;
                index.put(c, i);
            }
            IndexColorModel model = new IndexColorModel(8, n, r, g, b);
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, model);
            WritableRaster raster = out.getRaster();
            Map<Integer, Integer> nearest = new HashMap<>();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int c = rgb[y * w + x] & 0xFFFFFF;
                    Integer k = index.get(c);
                    if (k == null) k = nearest.computeIfAbsent(c, v -> closest(v, r, g, b));
                    raster.setSample(x, y, 0, k);
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(out, "png", bytes);
            return bytes.size() < png.length ? bytes.toByteArray() : png;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int closest(int c, byte[] r, byte[] g, byte[] b) {
        int cr = (c >> 16) & 255, cg = (c >> 8) & 255, cb = c & 255, best = 0;
        long bestD = Long.MAX_VALUE;
        for (int i = 0; i < r.length; i++) {
            long dr = cr - (r[i] & 255), dg = cg - (g[i] & 255), db = cb - (b[i] & 255);
            long d = dr * dr + dg * dg + db * db;
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }
}
