package adalab.plot;

import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;

/**
 * The one look of every chart the library draws: a handout page, printed in black and white or
 * colour. White backgrounds, a thin dark frame, faint grid lines, fonts readable at 50 % scale.
 */
public final class Style {
    private Style() { }

    /** Default chart size in pixels: fits a portrait A4 column at ~100 dpi. */
    public static final int WIDTH = 720;
    public static final int HEIGHT = 480;

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 17);
    static final Font AXIS_TITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Color INK = new Color(0x22, 0x22, 0x22);
    static final Color GRID = new Color(0xE3, 0xE3, 0xE3);

    /** A solid line of this width. (XChart draws a line segment by segment, so dashes would not show.) */
    static BasicStroke line(float width) {
        return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /**
     * A short tick label: up to 6 significant digits, no digit grouping, powers of ten as
     * 1e-4 / 2.5e4 outside [0.001, 10000).
     */
    public static String number(double v) {
        return number(v, 6);
    }

    /** {@link #number(double)} with this many significant digits. */
    public static String number(double v, int digits) {
        if (v == 0) return "0";
        if (!Double.isFinite(v)) return Double.toString(v);
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e4) {
            return new java.math.BigDecimal(String.format(java.util.Locale.ROOT, "%." + digits + "g", v)).stripTrailingZeros().toPlainString();
        }
        String e = String.format(java.util.Locale.ROOT, "%." + (digits - 1) + "e", v);
        int at = e.indexOf('e');
        String mant = new java.math.BigDecimal(e.substring(0, at)).stripTrailingZeros().toPlainString();
        return mant + "e" + Integer.parseInt(e.substring(at + 1));
    }

    /** Applies the handout look to an axes chart's styler. */
    static void apply(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartFontColor(INK);
        s.setChartTitleFont(TITLE);
        s.setChartTitleBoxVisible(false);
        s.setChartPadding(12);
        s.setPlotBorderVisible(true);
        s.setPlotBorderColor(new Color(0x66, 0x66, 0x66));
        s.setAxisTitleFont(AXIS_TITLE);
        s.setAxisTickLabelsFont(TICKS);
        s.setAxisTickLabelsColor(INK);
        s.setAxisTickMarksColor(new Color(0x66, 0x66, 0x66));
        s.setPlotGridLinesVisible(true);
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setLegendFont(LEGEND);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 230));
        s.setLegendBorderColor(new Color(0xBB, 0xBB, 0xBB));
        // Heat maps only accept an outside legend (their colour bar).
        s.setLegendPosition(s instanceof HeatMapStyler ? Styler.LegendPosition.OutsideE : Styler.LegendPosition.InsideNE);
        s.setLegendSeriesLineLength(28);
        s.setToolTipsEnabled(false);
        s.setAntiAlias(true);
        s.setMarkerSize(7);
        // The plot fills its frame: no blank band between the data and the axes.
        s.setPlotContentSize(1.0);
        if (!(s instanceof HeatMapStyler)) {
            s.setxAxisTickLabelsFormattingFunction(Style::number);
            s.setyAxisTickLabelsFormattingFunction(Style::number);
        }
        s.setXAxisTickMarkSpacingHint(90);
    }

    /**
     * XChart centres the title over the plot area, which an outside-right legend narrows: a long title
     * then runs off the image's left edge. When it would, the legend moves below the plot, which gives
     * the plot (and the title) the chart's full width.
     */
    static void keepTitleInside(org.knowm.xchart.XYChart chart) {
        String title = chart.getTitle();
        if (title == null || title.isEmpty()) return;
        java.awt.image.BufferedImage scratch = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = scratch.createGraphics();
        try {
            int titleWidth = g.getFontMetrics(TITLE).stringWidth(title);
            int legendWidth = 0;
            for (var e : chart.getSeriesMap().values()) {
                if (e.isShowInLegend()) legendWidth = Math.max(legendWidth, g.getFontMetrics(LEGEND).stringWidth(e.getName()));
            }
            int legendBox = legendWidth == 0 ? 0 : legendWidth + 60;   // marker, padding and gaps
            int plotWidth = chart.getWidth() - legendBox - 70;          // minus the y axis' ticks and title
            if (titleWidth > plotWidth + 40) chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        } finally {
            g.dispose();
        }
    }
}
