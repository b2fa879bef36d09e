package adalab.plot;

import adalab.run.StepListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class LivePlotTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** Records what a notebook would receive. */
    static final class FakeSink implements DisplaySink {
        int shows, updates;
        Object last;
        final List<String> ids = new ArrayList<>();

        @Override public String show(Object value) { shows++; last = value; return "out-" + shows; }

        @Override public void update(String id, Object value) { updates++; last = value; ids.add(id); }
    }

    @Test
    void updatesAreThrottledAndTheFinalFrameIsPushed() {
        FakeSink sink = new FakeSink();
        AtomicLong now = new AtomicLong();
        LivePlot live = Plots.loss().live().sink(sink).clock(now::get).fps(10);
        StepListener l = live.on("adam");
        // 1000 steps, 1 ms apart: one simulated second at 10 frames per second.
        for (int t = 1; t <= 1000; t++) {
            l.onStep(t, new double[]{0, 0}, 1.0 / t);
            now.addAndGet(1_000_000L);
        }
        assertEquals(1, sink.shows);
        // At most one frame per 100 ms over 1 s after the first: 10 updates.
        assertTrue(sink.updates <= 10, "updates: " + sink.updates);
        assertTrue(sink.updates >= 9, "updates keep coming: " + sink.updates);
        int before = sink.updates;
        live.close();
        assertEquals(before + 1, sink.updates, "close pushes the last frame");
        XYChart last = (XYChart) sink.last;
        double[] drawn = last.getSeriesMap().get("adam").getXData();
        // Long curves are thinned for drawing; the final frame still runs from the first step to the last.
        assertEquals(1.0, drawn[0]);
        assertEquals(1000.0, drawn[drawn.length - 1], "the final frame reaches the last step");
        assertTrue(sink.ids.stream().allMatch("out-1"::equals), "updates replace the one shown output");
        live.close();
        assertEquals(before + 1, sink.updates, "closing twice pushes nothing more");
        assertThrows(IllegalStateException.class, () -> l.onStep(1001, new double[2], 0.1));
    }

    @Test
    void aFrozenClockShowsOnceAndPushesOnlyAtClose() {
        FakeSink sink = new FakeSink();
        LivePlot live = Plots.paths((x, y) -> x * x + y * y, -1, 1, -1, 1).live().sink(sink).clock(() -> 42L);
        StepListener l = live.on("sgd");
        for (int t = 1; t <= 50; t++) l.onStep(t, new double[]{1.0 / t, -1.0 / t}, 0);
        assertEquals(1, sink.shows);
        assertEquals(0, sink.updates);
        live.close();
        assertEquals(1, sink.updates);
        assertEquals(2, live.frames());
        XYChart last = (XYChart) sink.last;
        assertEquals(50, last.getSeriesMap().get("sgd").getXData().length);
        assertEquals(-1.0 / 50, last.getSeriesMap().get("sgd").getYData()[49]);
    }

    @Test
    void closingAnUnusedPlotStillShowsIt() {
        FakeSink sink = new FakeSink();
        Plots.loss().live().sink(sink).close();
        assertEquals(1, sink.shows);
    }

    @Test
    void theInstalledSinkIsANoOpByDefault() {
        DisplaySink before = DisplaySink.current();
        try {
            assertSame(DisplaySink.NONE, before);
            FakeSink sink = new FakeSink();
            DisplaySink.install(sink);
            try (LivePlot live = Plots.loss().live()) {
                live.add("sgd", 1, 1);
            }
            assertEquals(1, sink.shows);
        } finally {
            DisplaySink.install(before);
        }
    }

    @Test
    void progressBarTextAtAKnownTime() {
        FakeSink sink = new FakeSink();
        AtomicLong now = new AtomicLong();
        ProgressBar bar = ProgressBar.of(200).label("sweep").sink(sink).clock(now::get);
        bar.step();                                  // starts the clock at t = 0
        for (int k = 2; k <= 50; k++) {
            now.addAndGet(1_000_000L);
            bar.step();
        }
        now.set(5_000_000_000L);
        // 50 of 200 after 5 s: 24·50/200 = 6 cells, 25 %, 10 it/s, 150 left at 10/s = 15 s.
        assertEquals("sweep  [######------------------]  50/200  25%  10.0 it/s  ETA 15s", bar.text());
        now.set(8_000_000_000L);
        bar.set(200);
        now.set(9_000_000_000L);                     // the time taken stops when the work is done
        assertEquals("sweep  [########################]  200/200  100%  25.0 it/s  done in 8.0s", bar.text());
        assertTrue(bar.frame().html().contains("<progress value=\"200\" max=\"200\""));
        bar.close();
        assertEquals(bar.frame().text(), sink.last.toString(), "the final frame is on screen");
    }

    @Test
    void progressBarIsThrottled() {
        FakeSink sink = new FakeSink();
        AtomicLong now = new AtomicLong();
        ProgressBar bar = ProgressBar.of(10_000).sink(sink).clock(now::get).fps(5);
        for (int k = 0; k < 10_000; k++) {
            bar.step();
            now.addAndGet(100_000L);                 // 0.1 ms per step: 1 s in all
        }
        assertEquals(1, sink.shows);
        assertTrue(sink.updates <= 5, "at most 5 updates in 1 s at 5 fps: " + sink.updates);
        bar.close();
        assertTrue(sink.last.toString().contains("10000/10000"), sink.last.toString());
    }

    @Test
    void progressBarCountsOptimizerStepsAndShowsTheLoss() {
        FakeSink sink = new FakeSink();
        ProgressBar bar = ProgressBar.of(10).sink(sink).clock(() -> 0L);
        StepListener l = bar;
        l.onStep(3, new double[]{0}, 0.125);
        assertEquals(3, bar.count());
        assertTrue(bar.text().contains("3/10") && bar.text().contains("loss 0.1250"), bar.text());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProgressBar.of(0));
        assertTrue(e.getMessage().contains("total"), e.getMessage());
    }
}
