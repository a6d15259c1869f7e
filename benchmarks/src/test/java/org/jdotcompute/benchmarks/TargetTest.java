package org.jdotcompute.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("A target")
class TargetTest {
    private static final Metric AVG = new Metric.Time(Timing.STEADY_STATE);
    private static final Metric P99 = new Metric.Percentile(99);
    private static final Metric OPS = new Metric.Throughput();

    @Nested
    @DisplayName("on a ratio")
    class Ratio {
        private final Target atLeast2 = new Target.AtLeastRatio(2);

        @Test
        @DisplayName("is met by times when ours is at least that many times shorter")
        void times() {
            assertTrue(atLeast2.met(50, 100, AVG));
            assertFalse(atLeast2.met(51, 100, AVG));
            assertFalse(atLeast2.met(200, 100, P99));
            assertEquals("yes", atLeast2.verdict(40, 100, AVG));
            assertEquals("NO", atLeast2.verdict(100, 100, AVG));
        }

        @Test
        @DisplayName("is met by throughputs when ours is at least that many times higher")
        void throughputs() {
            Target atLeast3 = new Target.AtLeastRatio(3);
            assertTrue(atLeast3.met(6e6, 2e6, OPS));
            assertFalse(atLeast3.met(5.9e6, 2e6, OPS));
            // The same two numbers read as times would mean ours is slower.
            assertFalse(atLeast3.met(6e6, 2e6, AVG));
        }

        @Test
        @DisplayName("describes itself and refuses a ratio that is not positive")
        void describe() {
            assertEquals(">= 0.9x", new Target.AtLeastRatio(0.9).describe());
            assertEquals(">= 2x", atLeast2.describe());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Target.AtLeastRatio(0));
            assertEquals("ratio must be finite and positive, got 0.0", e.getMessage());
        }
    }

    @Nested
    @DisplayName("on an absolute time")
    class AbsoluteTime {
        @Test
        @DisplayName("is met when our time (or percentile) is at most the bound, whatever the baseline")
        void judged() {
            Target p50 = new Target.AtMostMicros(2);
            assertTrue(p50.met(2_000, 1, P99));
            assertFalse(p50.met(2_001, 1_000_000, P99));
            Target p3 = new Target.AtMostMicros(0.020);
            assertTrue(p3.met(19.9, 40, AVG));
            assertFalse(p3.met(20.5, 40, AVG));
        }

        @Test
        @DisplayName("describes itself in the unit that fits and cannot judge a throughput")
        void describe() {
            assertEquals("<= 2 us", new Target.AtMostMicros(2).describe());
            assertEquals("<= 20 ns", new Target.AtMostMicros(0.020).describe());
            assertEquals("<= 1 ms", new Target.AtMostMicros(1000).describe());
            assertEquals("<= 2.500 us", new Target.AtMostMicros(2.5).describe());
            assertTrue(new Target.AtMostMicros(2).suits(P99));
            assertFalse(new Target.AtMostMicros(2).suits(OPS));
        }
    }

    @Nested
    @DisplayName("on an absolute throughput")
    class AbsoluteThroughput {
        @Test
        @DisplayName("is met when our throughput is at least the bound and cannot judge a time")
        void judged() {
            Target fiveMillion = new Target.AtLeastPerSecond(5_000_000);
            assertTrue(fiveMillion.met(5_000_000, 1, OPS));
            assertFalse(fiveMillion.met(4_999_999, 1, OPS));
            assertEquals(">= 5 M/s", fiveMillion.describe());
            assertTrue(fiveMillion.suits(OPS));
            assertFalse(fiveMillion.suits(AVG));
        }
    }

    @Nested
    @DisplayName("on an overhead")
    class Overhead {
        @Test
        @DisplayName("is met when ours is at most that many percent slower than the baseline")
        void judged() {
            Target tenPercent = new Target.AtMostOverhead(10);
            assertTrue(tenPercent.met(110, 100, AVG));
            assertFalse(tenPercent.met(111, 100, AVG));
            assertTrue(tenPercent.met(90, 100, AVG));
            assertEquals("<= +10%", tenPercent.describe());
            assertFalse(tenPercent.suits(OPS));
        }
    }

    @Test
    @DisplayName("for context only is never judged")
    void contextOnly() {
        Target context = new Target.ContextOnly();
        assertEquals("-", context.verdict(1e9, 1, AVG));
        assertEquals("(context)", context.describe());
        assertTrue(context.suits(OPS));
    }
}
