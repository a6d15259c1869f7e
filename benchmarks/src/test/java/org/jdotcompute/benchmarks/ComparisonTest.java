package org.jdotcompute.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A comparison")
class ComparisonTest {
    @Test
    @DisplayName("keeps the average time and one target when made the short way")
    void shortForm() {
        Comparison c = new Comparison("P5", "launch", ComparisonTest.class, "a", "b", new Target.AtMostMicros(20));
        assertEquals(new Metric.Time(Timing.STEADY_STATE), c.metric());
        assertEquals(List.of(new Target.AtMostMicros(20)), c.targets());
        assertEquals(Timing.STEADY_STATE, c.timing());
        assertEquals("org.jdotcompute.benchmarks.ComparisonTest.a", c.oursName());
        assertEquals("org.jdotcompute.benchmarks.ComparisonTest.b", c.baselineName());
    }

    @Test
    @DisplayName("takes an absolute and a ratio target together")
    void twoTargets() {
        Comparison c = new Comparison("P2", "pipeline", ComparisonTest.class, "a", "b",
                List.of(new Target.AtLeastPerSecond(5e6), new Target.AtLeastRatio(3)), new Metric.Throughput());
        assertEquals(2, c.targets().size());
        assertEquals(Timing.THROUGHPUT, c.timing());
    }

    @Test
    @DisplayName("refuses a target that cannot judge its metric, naming both")
    void unsuitableTarget() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Comparison("P2", "pipeline", ComparisonTest.class, "a", "b",
                        List.of(new Target.AtMostMicros(1)), new Metric.Throughput()));
        assertEquals("P2 pipeline: target <= 1 us cannot judge a figure in ops/s (ops/s)", e.getMessage());
    }

    @Test
    @DisplayName("refuses no target, three targets, and context beside a target")
    void targetCount() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new Comparison("P1", "echo", ComparisonTest.class, "a", "b", List.of(),
                        new Metric.Percentile(50)));
        assertEquals("P1 echo: a comparison has one or two targets, got 0; use Target.ContextOnly for none",
                none.getMessage());
        Target r = new Target.AtLeastRatio(2);
        assertThrows(IllegalArgumentException.class, () -> new Comparison("P1", "echo", ComparisonTest.class, "a", "b",
                List.of(r, r, r), new Metric.Percentile(50)));
        IllegalArgumentException context = assertThrows(IllegalArgumentException.class,
                () -> new Comparison("P3", "queue", ComparisonTest.class, "a", "b",
                        List.of(new Target.ContextOnly(), r), new Metric.Time(Timing.STEADY_STATE)));
        assertEquals("P3 queue: Target.ContextOnly stands alone, got [ContextOnly[], AtLeastRatio[ratio=2.0]]",
                context.getMessage());
    }
}
