package adalab.check;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Expected lines are written out by hand: √10 = 3.16227766…, six significant digits 3.16228. */
class CheckTest {

    @Test
    void aHoldingClaimPrintsOneLineWithValueExpectationDerivationAndTolerance() {
        assertEquals("checked: first-step ratio: value 3.16228 vs expected 3.16228 (√(1/(1−β₂)) with β₂ = 0.9) within 0.001",
                Check.nearLine("first-step ratio", 3.16227766, Math.sqrt(10), "√(1/(1−β₂)) with β₂ = 0.9", 1e-3));
    }

    @Test
    void aFailingClaimThrowsWithTheClaimAndTheNumbers() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Check.nearLine("first-step ratio", 3.2, Math.sqrt(10), "√10", 1e-3));
        assertEquals("claim failed: first-step ratio: value 3.2 vs expected 3.16228 (√10): |difference| 0.0377223 exceeds 0.001",
                e.getMessage());
    }

    @Test
    void theToleranceIsInclusiveAndAbsolute() {
        // 0.75 − 0.5 = 0.25 exactly in binary: on the bound passes, just past it fails.
        Check.nearLine("on the bound", 0.75, 0.5, "hand", 0.25);
        assertThrows(AssertionError.class, () -> Check.nearLine("past the bound", 0.75, 0.5, "hand", Math.nextDown(0.25)));
    }

    @Test
    void numbersThatPrintAlikeAreShownInFullWhenTheyFail() {
        AssertionError e = assertThrows(AssertionError.class, () -> Check.nearLine("close", 1.0000001, 1, "one", 1e-9));
        assertTrue(e.getMessage().contains("(value 1.0000001, expected 1.0)"), e.getMessage());
    }

    @Test
    void nanAndInfiniteValuesNeverPass() {
        assertThrows(AssertionError.class, () -> Check.nearLine("nan", Double.NaN, 1, "one", 1e9));
        assertThrows(AssertionError.class, () -> Check.nearLine("inf", Double.POSITIVE_INFINITY, 1, "one", 1e300));
        assertThrows(AssertionError.class, () -> Check.relativeLine("nan", Double.NaN, 1, "one", 10));
        assertThrows(AssertionError.class, () -> Check.betweenLine("nan", Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "any"));
        assertThrows(AssertionError.class, () -> Check.betweenLine("inf", Double.POSITIVE_INFINITY, 0, Double.POSITIVE_INFINITY, "any"));
    }

    @Test
    void relativeToleranceScalesWithTheExpectedValue() {
        assertEquals("checked: t*: value 17800 vs expected 17778 (⌈(η/(τσ))²⌉) within 0.002 relative",
                Check.relativeLine("t*", 17800, 17778, "⌈(η/(τσ))²⌉", 2e-3));
        AssertionError e = assertThrows(AssertionError.class, () -> Check.relativeLine("t*", 17800, 17778, "⌈(η/(τσ))²⌉", 1e-3));
        assertTrue(e.getMessage().startsWith("claim failed: t*: value 17800 vs expected 17778 (⌈(η/(τσ))²⌉): relative difference 0.00123748 exceeds 0.001"),
                e.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Check.relativeLine("z", 0, 0, "zero", 0.1));
        assertTrue(zero.getMessage().startsWith("expected = 0"), zero.getMessage());
    }

    @Test
    void equalIsExact() {
        assertEquals("checked: Adam's arrays: value 2 vs expected 2 (m and v) exactly", Check.equalLine("Adam's arrays", 2, 2, "m and v"));
        AssertionError e = assertThrows(AssertionError.class, () -> Check.equalLine("Adam's arrays", 3, 2, "m and v"));
        assertEquals("claim failed: Adam's arrays: value 3 vs expected 2 (m and v): not equal", e.getMessage());
    }

    @Test
    void rangesAreClosedAndMayBeOneSided() {
        assertEquals("checked: ratio: value 0.5 in [0.5, 2] (a factor-2 band)", Check.betweenLine("ratio", 0.5, 0.5, 2, "a factor-2 band"));
        assertEquals("checked: loss: value 0.001 in (−∞, 0.01] (below the floor)",
                Check.betweenLine("loss", 1e-3, Double.NEGATIVE_INFINITY, 0.01, "below the floor"));
        AssertionError e = assertThrows(AssertionError.class, () -> Check.betweenLine("ratio", 2.5, 0.5, 2, "a factor-2 band"));
        assertEquals("claim failed: ratio: value 2.5 in [0.5, 2] (a factor-2 band): outside (value 2.5)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Check.betweenLine("r", 1, 2, 1, "reversed"));
        assertThrows(IllegalArgumentException.class, () -> Check.betweenLine("r", 1, Double.NaN, 1, "nan bound"));
    }

    @Test
    void aBooleanClaimCarriesItsEvidence() {
        assertEquals("checked: NAG's stable range is smaller: 1.9 < 2.0", Check.thatLine("NAG's stable range is smaller", true, "1.9 < 2.0"));
        AssertionError e = assertThrows(AssertionError.class, () -> Check.thatLine("NAG's stable range is smaller", false, "2.1 > 2.0"));
        assertEquals("claim failed: NAG's stable range is smaller: 2.1 > 2.0", e.getMessage());
    }

    @Test
    void aCheckThatCannotBeJudgedIsRefusedNamingTheArgument() {
        assertMessage("claim is empty", () -> Check.nearLine(" ", 1, 1, "d", 0));
        assertMessage("derivation is empty", () -> Check.nearLine("c", 1, 1, "", 0));
        assertMessage("evidence is empty", () -> Check.thatLine("c", true, null));
        assertMessage("tolerance = -1.0 is out of range: allowed finite and >= 0", () -> Check.nearLine("c", 1, 1, "d", -1));
        assertMessage("tolerance = NaN is out of range", () -> Check.relativeLine("c", 1, 1, "d", Double.NaN));
        assertMessage("expected = Infinity is out of range", () -> Check.nearLine("c", 1, Double.POSITIVE_INFINITY, "d", 1));
    }

    @Test
    void numbersPrintWithSixSignificantDigits() {
        assertEquals("0.001", Check.num(1e-3));
        assertEquals("1e-8", Check.num(1e-8));
        assertEquals("-1.5", Check.num(-1.5));
        assertEquals("123457", Check.num(123456.7));
        assertEquals("17778", Check.num(17778));
        assertEquals("0.00447214", Check.num(Math.sqrt(2e-5)));
        assertEquals("2.5e9", Check.num(2.5e9));
        assertEquals("-1.23457e-5", Check.num(-1.234567e-5));
    }

    @Test
    void thePublicFormsPrintTheLineAndReturnNothingToDisplay() {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Check.equal("count", 1, 1, "one array");
            Check.atMost("small", 0.5, 1, "below one");
            Check.atLeast("large", 2, 1, "above one");
            Check.relative("rel", 2, 2, "two", 0);
            Check.near("abs", 2, 2, "two", 0);
            Check.that("yes", true, "it held");
        } finally {
            System.setOut(old);
        }
        assertEquals(String.join("\n",
                "checked: count: value 1 vs expected 1 (one array) exactly",
                "checked: small: value 0.5 in (−∞, 1] (below one)",
                "checked: large: value 2 in [1, ∞) (above one)",
                "checked: rel: value 2 vs expected 2 (two) within 0 relative",
                "checked: abs: value 2 vs expected 2 (two) within 0",
                "checked: yes: it held") + "\n", out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
        assertThrows(AssertionError.class, () -> Check.atMost("small", 1.5, 1, "below one"));
        assertThrows(AssertionError.class, () -> Check.atLeast("large", 0.5, 1, "above one"));
    }

    private static void assertMessage(String start, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
