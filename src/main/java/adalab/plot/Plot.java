package adalab.plot;

import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Something that draws itself as an XChart chart. Notebooks display a Plot like a chart; the
 * chart is built fresh on each call, so a plot changed after showing it draws the change.
 */
public interface Plot {

    /** A new chart of this plot. */
    Chart<?, ?> chart();

    /** PNG bytes of {@link #chart()}. */
    default byte[] png() { return Plots.toPng(chart()); }

    /** SVG text of {@link #chart()}, for print. */
    default String svg() { return Plots.toSvg(chart()); }

    /** Writes the chart to a .png or .svg file, by the file's extension. */
    default void save(String path) { Plots.save(chart(), path); }
}
