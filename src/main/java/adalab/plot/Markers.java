package adalab.plot;

import org.knowm.xchart.style.markers.Marker;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;

/**
 * Markers with their own sizes: XChart has one marker size per chart, but a path needs small
 * dots for iterates and larger start/end symbols in the same chart.
 */
final class Markers {
    private Markers() { }

    /** A filled dot of radius r pixels. */
    static Marker dot(double r) {
        return new Marker() {
            @Override
            public void paint(Graphics2D g, double x, double y, int size) {
                g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
            }
        };
    }

    /** A white disc with a coloured rim: the start of a path. */
    static Marker ring(double r) {
        return new Marker() {
            @Override
            public void paint(Graphics2D g, double x, double y, int size) {
                Color c = g.getColor();
                Ellipse2D e = new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
                g.setColor(Color.WHITE);
                g.fill(e);
                g.setColor(c);
                g.setStroke(new BasicStroke(2.2f));
                g.draw(e);
            }
        };
    }

    /** A filled square with a white rim: the end of a path. */
    static Marker square(double r) {
        return new Marker() {
            @Override
            public void paint(Graphics2D g, double x, double y, int size) {
                Color c = g.getColor();
                Rectangle2D s = new Rectangle2D.Double(x - r, y - r, 2 * r, 2 * r);
                g.fill(s);
                g.setColor(Color.WHITE);
                g.setStroke(new BasicStroke(1.2f));
                g.draw(s);
                g.setColor(c);
            }
        };
    }

    /** A bold plus sign: a known minimiser. */
    static Marker plus(double r) {
        return new Marker() {
            @Override
            public void paint(Graphics2D g, double x, double y, int size) {
                g.setStroke(new BasicStroke(2.6f));
                g.draw(new java.awt.geom.Line2D.Double(x - r, y, x + r, y));
                g.draw(new java.awt.geom.Line2D.Double(x, y - r, x, y + r));
            }
        };
    }
}
