package org.jdotcompute.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdotcompute.benchmarks.BenchRunner.Round;
import org.jdotcompute.benchmarks.BenchRunner.Row;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.RunnerException;

@DisplayName("The bench runner")
class BenchRunnerTest {
    private static final Comparison ECHO_P50 = new Comparison("P1", "echo", BenchRunnerTest.class, "ours", "base",
            List.of(new Target.AtMostMicros(2), new Target.AtLeastRatio(2)), new Metric.Percentile(50));
    private static final Comparison PIPELINE = new Comparison("P2", "pipeline", BenchRunnerTest.class, "ours", "base",
            List.of(new Target.AtLeastPerSecond(5e6), new Target.AtLeastRatio(3)), new Metric.Throughput());

    @Nested
    @DisplayName("summarises a measured row")
    class MeasuredRows {
        @Test
        @DisplayName("by the medians over the rounds, the ratio of those medians and the range of the rounds' ratios")
        void medians() {
            Row.Measured m = new Row.Measured(ECHO_P50,
                    List.of(new Round(1_000, 4_000), new Round(3_000, 3_000), new Round(1_500, 6_000)), 3);
            assertEquals(1_500, m.ours());
            assertEquals(4_000, m.baseline());
            assertEquals(4_000.0 / 1_500, m.ratio(), 1e-12);
            assertArrayEquals(new double[] {1.0, 4.0}, m.ratioRange(), 1e-12);
            assertEquals("4.00 1.00 4.00", BenchRunner.roundsRatios(m));
            List<Round> five = List.of(new Round(1, 2), new Round(1, 3), new Round(1, 1), new Round(2, 1), new Round(1, 2));
            assertEquals("0.50-3.00x", BenchRunner.roundsRatios(new Row.Measured(ECHO_P50, five, 5)));
        }

        @Test
        @DisplayName("with one verdict per target: a time row can meet its ratio and miss its bound")
        void timeVerdicts() {
            Row.Measured m = new Row.Measured(ECHO_P50, List.of(new Round(2_500, 10_000)), 1);
            assertEquals(List.of("NO", "yes"), m.verdicts());
        }

        @Test
        @DisplayName("with one verdict per target: a throughput row reads higher as better")
        void throughputVerdicts() {
            assertEquals(List.of("yes", "NO"),
                    new Row.Measured(PIPELINE, List.of(new Round(6e6, 3e6)), 1).verdicts());
            assertEquals(List.of("NO", "yes"),
                    new Row.Measured(PIPELINE, List.of(new Round(4e6, 1e6)), 1).verdicts());
        }

        @Test
        @DisplayName("and refuses a row without rounds or figures that are not positive")
        void validation() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Row.Measured(ECHO_P50, List.of(), 3));
            assertEquals("a measured row has 1 to 3 rounds, got 0", e.getMessage());
            IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> new Round(0, 1));
            assertEquals("figures are finite and positive, got 0.0 (ours) and 1.0 (baseline)", r.getMessage());
        }
    }

    @Nested
    @DisplayName("prints a table")
    class Printing {
        private String print(List<Row> rows) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BenchRunner.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), rows, Settings.SHORT.withRounds(3));
            return bytes.toString(StandardCharsets.UTF_8);
        }

        @Test
        @DisplayName("whose header states the settings and what a ratio above 1 means")
        void header() {
            String table = print(List.of());
            assertTrue(table.contains("3 round(s) of: 1 fork(s), 2 warm-up + 3 measured iterations of 1 s"), table);
            assertTrue(table.contains("ratio: above 1 = ours better (baseline time / our time; our ops/s / baseline"
                    + " ops/s)"), table);
            assertTrue(table.contains("JMH 1.37"), table);
        }

        @Test
        @DisplayName("with each figure in its unit, both targets and both verdicts")
        void measuredRow() {
            String table = print(List.of(
                    new Row.Measured(ECHO_P50, List.of(new Round(1_800, 9_000), new Round(2_200, 9_000),
                            new Round(1_900, 8_000)), 3),
                    new Row.Measured(PIPELINE, List.of(new Round(2e6, 1e6)), 3)));
            String echo = line(table, "P1 ");
            assertTrue(echo.matches("P1 +echo +p50 +1\\.900 us +9\\.000 us +4\\.737x +5\\.00 4\\.09 4\\.21 +<= 2 us, >= 2x"
                    + " +yes, yes"), echo);
            String pipeline = line(table, "P2 ");
            assertTrue(pipeline.matches("P2 +pipeline +ops/s +2\\.000 M/s +1\\.000 M/s +2\\.000x +- +>= 5 M/s, >= 3x"
                    + " +NO, NO"), pipeline);
            assertTrue(table.contains("measured in fewer rounds (a benchmark failed; see the JMH output above):"
                    + " [P2 pipeline (1 of 3)]"), table);
        }

        @Test
        @DisplayName("that keeps a row it could not measure and says why below it")
        void notMeasured() {
            Comparison p9 = new Comparison("P9", "CUDA launch", BenchRunnerTest.class, "ours", "base",
                    new Target.AtLeastRatio(0.9));
            String table = print(List.of(new Row.NotMeasured(p9,
                    "not measured: no CUDA device (libcuda.so.1 was not found)")));
            assertTrue(line(table, "P9 ").matches("P9 +CUDA launch +avg +- +- +- +- +>= 0.9x +\\?"), table);
            assertTrue(table.contains("\n     not measured: no CUDA device (libcuda.so.1 was not found)\n"), table);
        }

        private static String line(String table, String prefix) {
            return table.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow().strip();
        }
    }

    @Nested
    @DisplayName("measures suites")
    class Measuring {
        @Test
        @DisplayName("leaving an unavailable suite's benchmarks unrun and its rows marked with the reason")
        void unavailableSuite() throws RunnerException {
            BenchSuite gpu = new BenchSuite() {
                @Override
                public String name() {
                    return "gpu";
                }

                @Override
                public List<Comparison> comparisons() {
                    return List.of(ECHO_P50, PIPELINE);
                }

                @Override
                public Optional<String> unavailable() {
                    return Optional.of("no CUDA device (probe said so)");
                }
            };
            List<String> rounds = new ArrayList<>();
            Map<BenchSuite, List<Comparison>> suites = new LinkedHashMap<>();
            suites.put(gpu, gpu.comparisons());
            List<Row> rows = BenchRunner.measure(suites, Settings.SHORT.withRounds(2), () -> rounds.add("round"));
            assertEquals(List.of(), rounds, "no JMH round runs when nothing can run");
            assertEquals(2, rows.size());
            for (Row row : rows) {
                Row.NotMeasured n = assertInstanceOf(Row.NotMeasured.class, row);
                assertEquals("not measured: no CUDA device (probe said so)", n.reason());
            }
            assertEquals(List.of(ECHO_P50, PIPELINE), rows.stream().map(Row::comparison).toList());
        }
    }
}
