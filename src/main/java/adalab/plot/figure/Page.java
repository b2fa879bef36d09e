package adalab.plot.figure;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTML of a figure: per panel an image with a canvas over it, the controls, and the inline
 * script (figure.js, a resource) with the data. The images start as the default frames, so a page
 * that runs no script (an untrusted notebook, GitHub) still shows the figure; the script swaps in
 * the static layers and draws the runs.
 */
final class Page {
    private Page() { }

    private static final AtomicLong COUNTER = new AtomicLong();
    private static String script;

    static String html(String json, List<Panel.Layers> layers, boolean play, List<Family.Axis> axes) {
        // The same figure gives the same HTML in every run (handouts rebuild to the same bytes); the counter
        // keeps two equal figures in one page apart.
        String id = "adalab-fig-" + COUNTER.incrementAndGet() + "-" + Integer.toHexString(json.hashCode());
        StringBuilder b = new StringBuilder(json.length() + 200_000);
        b.append("<div class=\"adalab-figure\" id=\"").append(id)
                .append("\" style=\"font:13px sans-serif;color:#222;max-width:100%\">\n<div style=\"display:flex;flex-wrap:wrap;gap:6px\">\n");
        for (Panel.Layers l : layers) {
            b.append("<div class=\"af-panel\" style=\"position:relative;width:").append(l.width()).append("px;height:").append(l.height()).append("px\">")
                    .append("<img class=\"af-img\" alt=\"figure (default frame)\" width=\"").append(l.width()).append("\" height=\"").append(l.height())
                    .append("\" src=\"").append(FigureData.dataUrl(l.fallbackPng())).append("\" data-still=\"").append(FigureData.dataUrl(l.staticPng()))
                    .append("\" style=\"display:block;max-width:none\">")
                    .append("<canvas class=\"af-canvas\" width=\"").append(l.width()).append("\" height=\"").append(l.height())
                    .append("\" style=\"position:absolute;left:0;top:0;display:none\"></canvas></div>\n");
        }
        b.append("</div>\n<div class=\"af-controls\" style=\"display:none;align-items:center;gap:10px;flex-wrap:wrap;margin:4px 0\">");
        if (play) {
            b.append("<button class=\"af-play\" type=\"button\" style=\"min-width:4.5em\">\u25b6 play</button>")
                    .append("<input class=\"af-step\" type=\"range\" min=\"0\" value=\"0\" style=\"width:280px\" aria-label=\"step\">")
                    .append("<span class=\"af-readout\" style=\"min-width:7em;font-variant-numeric:tabular-nums\"></span>");
        }
        for (int k = 0; k < axes.size(); k++) {
            b.append("<label>").append(escape(axes.get(k).shown())).append(" <input class=\"af-param\" data-k=\"").append(k)
                    .append("\" type=\"range\" min=\"0\" max=\"").append(axes.get(k).values().length - 1)
                    .append("\" value=\"0\" style=\"width:200px;vertical-align:middle\"> <span class=\"af-value\" style=\"font-variant-numeric:tabular-nums\"></span></label>");
        }
        b.append("</div>\n<script>\n(function(){var FIG=").append(json).append(";\n").append(script())
                // JupyterLab runs an output's scripts before the output is in the document: find the figure
                // from the script itself, by id only where currentScript is not set.
                .append("\nvar me=document.currentScript;adalabFigure(me&&me.parentNode&&me.parentNode.id===\"").append(id)
                .append("\"?me.parentNode:document.getElementById(\"").append(id).append("\"),FIG);})();\n</script>\n</div>");
        return b.toString();
    }

    private static synchronized String script() {
        if (script == null) {
            try (InputStream in = Page.class.getResourceAsStream("figure.js")) {
                if (in == null) throw new IllegalStateException("figure.js missing from the library's resources");
                script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return script;
    }

    /** PNGs placed left to right on white, as one PNG (one panel: unchanged). */
    static byte[] sideBySide(List<byte[]> pngs) {
        if (pngs.size() == 1) return pngs.get(0);
        try {
            BufferedImage[] images = new BufferedImage[pngs.size()];
            int w = 0, h = 0;
            for (int i = 0; i < images.length; i++) {
                images[i] = ImageIO.read(new ByteArrayInputStream(pngs.get(i)));
                w += images[i].getWidth();
                h = Math.max(h, images[i].getHeight());
            }
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            int x = 0;
            for (BufferedImage im : images) {
                g.drawImage(im, x, 0, null);
                x += im.getWidth();
            }
            g.dispose();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(out, "png", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
