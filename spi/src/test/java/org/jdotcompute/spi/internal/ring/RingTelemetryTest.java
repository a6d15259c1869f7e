package org.jdotcompute.spi.internal.ring;

import static org.awaitility.Awaitility.await;
import static org.jdotcompute.spi.internal.ring.TestRuntimes.awaitState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import org.jdotcompute.api.exceptions.KernelState;
import org.jdotcompute.api.ring.BackpressureStrategy;
import org.jdotcompute.api.ring.LatencyMetrics;
import org.jdotcompute.api.ring.RingKernel;
import org.jdotcompute.api.ring.RingKernelMetrics;
import org.jdotcompute.api.ring.RingKernelOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Ring kernel telemetry")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RingTelemetryTest {

    static RingKernel<Integer, Integer> busyDouble() {
        return RingKernel.mapping(x -> {
            long until = System.nanoTime() + 20_000; // 20 µs of "work", so handler time is visible
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return 2 * x;
        });
    }

    @Nested
    @DisplayName("metrics")
    class Metrics {
        @Test
        @DisplayName("count messages in and out, queue traffic, handler time and end-to-end latency")
        void countersMove() {
            try (var rt = TestRuntimes.standalone()) {
                rt.launch("k", busyDouble());
                RingKernelMetrics idle = rt.metrics("k");
                assertEquals(0, idle.messagesIn());
                assertEquals(LatencyMetrics.empty(), idle.latency());
                assertEquals(KernelState.LAUNCHED, idle.state());
                for (int i = 0; i < 100; i++) {
                    rt.send("k", i);
                }
                assertEquals(100, rt.metrics("k").inputQueue().depth());
                assertEquals(100, rt.metrics("k").inputQueue().highWaterMark());
                rt.activate("k");
                for (int i = 0; i < 100; i++) {
                    assertEquals(2 * i, (Integer) rt.receive("k"));
                }
                // The kernel counts an output once its put has returned, which may be just after
                // the receiver got it.
                await().atMost(Duration.ofSeconds(5)).until(() -> rt.metrics("k").messagesOut() == 100);
                RingKernelMetrics m = rt.metrics("k");
                assertEquals("k", m.kernelId());
                assertEquals(KernelState.ACTIVE, m.state());
                assertEquals(100, m.messagesIn());
                assertEquals(100, m.messagesOut());
                assertEquals(100, m.inputQueue().enqueued());
                assertEquals(100, m.inputQueue().dequeued());
                assertEquals(0, m.inputQueue().depth());
                assertEquals(100, m.outputQueue().enqueued());
                assertEquals(100, m.outputQueue().dequeued());
                assertTrue(m.outputQueue().highWaterMark() >= 1);
                assertEquals(0, m.dropped());
                assertEquals(0, m.rejected());
                assertEquals(0, m.failures());
                // 99 handlings have ended (the 100th ends at the next receive); each spun 20 µs.
                assertTrue(m.handlerTime().toNanos() >= 99 * 20_000L, "handler time " + m.handlerTime());
                assertEquals(100, m.latency().count());
                assertTrue(m.latency().p50().toNanos() >= 20_000, "p50 " + m.latency().p50());
                assertTrue(m.latency().p99().compareTo(m.latency().p50()) >= 0);
                assertTrue(m.latency().max().compareTo(m.latency().p99()) >= 0);
            }
        }

        @Test
        @DisplayName("latency can be sampled: one message in n is timed")
        void sampling() {
            try (var rt = TestRuntimes.standalone()) {
                rt.launch("k", RingKernel.<Integer, Integer>mapping(x -> x), RingKernelOptions.defaults()
                        .withLatencySampling(8));
                rt.activate("k");
                for (int i = 0; i < 4000; i++) {
                    rt.send("k", i);
                    rt.receive("k");
                }
                long sampled = rt.metrics("k").latency().count();
                assertTrue(sampled > 250 && sampled < 750, "about 500 of 4000 timed: " + sampled);
                assertEquals(4000, rt.metrics("k").messagesIn());
            }
            var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> RingKernelOptions.defaults().withLatencySampling(0));
            assertEquals("latency sampling 0 must be positive (1 records every message, n one in n)", e.getMessage());
        }

        @Test
        @DisplayName("count drops, rejections and failures")
        void dropsRejectionsFailures() {
            try (var rt = TestRuntimes.standalone()) {
                rt.launch("drop", busyDouble(), RingKernelOptions.defaults().withInputQueueSize(3)
                        .withBackpressure(BackpressureStrategy.DROP_OLDEST));
                rt.launch("reject", busyDouble(), RingKernelOptions.defaults().withInputQueueSize(3)
                        .withBackpressure(BackpressureStrategy.REJECT).withInputType(Integer.class));
                for (int i = 0; i < 10; i++) {
                    rt.send("drop", i);
                    try {
                        rt.send("reject", i);
                    } catch (org.jdotcompute.api.exceptions.QueueFullException expected) {
                        // counted below
                    }
                }
                try {
                    rt.send("reject", "wrong type");
                } catch (org.jdotcompute.api.exceptions.MessageValidationException expected) {
                    // counted below
                }
                assertEquals(7, rt.metrics("drop").dropped());
                assertEquals(7, rt.metrics("drop").inputQueue().dropped());
                assertEquals(8, rt.metrics("reject").rejected());
                assertEquals(7, rt.metrics("reject").inputQueue().rejected());
                rt.<Object, Object>launch("fail", ctx -> {
                    throw new IllegalStateException("telemetry");
                });
                rt.activate("fail");
                awaitState(rt, "fail", KernelState.FAILED);
                assertEquals(1, rt.metrics("fail").failures());
                assertEquals(KernelState.FAILED, rt.metrics("fail").state());
            } catch (org.jdotcompute.api.exceptions.ComputeExceptionGroup expected) {
                assertEquals(1, expected.exceptions().size());
            }
        }
    }

    @Nested
    @DisplayName("JDK Flight Recorder")
    class Jfr {
        @Test
        @DisplayName("records state changes, failures, handled messages and periodic statistics")
        void events(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("ring.jfr");
            try (var recording = new Recording()) {
                recording.enable("org.jdotcompute.RingKernelState");
                recording.enable("org.jdotcompute.RingKernelFailure");
                recording.enable("org.jdotcompute.RingKernelMessage");
                recording.enable("org.jdotcompute.RingKernelStatistics").withPeriod(Duration.ofMillis(100));
                recording.start();
                try (var rt = TestRuntimes.standalone()) {
                    rt.launch("echo", busyDouble());
                    rt.activate("echo");
                    for (int i = 0; i < 50; i++) {
                        rt.send("echo", i);
                        rt.receive("echo");
                    }
                    rt.<Object, Object>launch("fails", ctx -> {
                        throw new ArithmeticException("for the recording");
                    });
                    rt.activate("fails");
                    awaitState(rt, "fails", KernelState.FAILED);
                    await().atMost(Duration.ofSeconds(10)).until(() -> recording.getSize() >= 0
                            && statisticsRecorded(recording, dir));
                    rt.terminate("echo");
                } catch (org.jdotcompute.api.exceptions.ComputeExceptionGroup expected) {
                    assertEquals("for the recording", expected.exceptions().getFirst().getMessage());
                }
                recording.stop();
                recording.dump(file);
            }
            List<RecordedEvent> events = RecordingFile.readAllEvents(file);
            Map<String, List<RecordedEvent>> byType = events.stream()
                    .collect(Collectors.groupingBy(e -> e.getEventType().getName()));
            List<String> echoStates = byType.getOrDefault("org.jdotcompute.RingKernelState", List.of()).stream()
                    .filter(e -> e.getString("kernelId").equals("echo"))
                    .sorted(java.util.Comparator.comparing(RecordedEvent::getStartTime))
                    .map(e -> e.getString("from") + "->" + e.getString("to")).toList();
            assertEquals(List.of("CREATED->LAUNCHED", "LAUNCHED->ACTIVE", "ACTIVE->TERMINATING",
                    "TERMINATING->TERMINATED"), echoStates);
            RecordedEvent failure = byType.get("org.jdotcompute.RingKernelFailure").getFirst();
            assertEquals("fails", failure.getString("kernelId"));
            assertEquals("java.lang.ArithmeticException", failure.getString("exceptionClass"));
            assertEquals("for the recording", failure.getString("message"));
            long messages = byType.getOrDefault("org.jdotcompute.RingKernelMessage", List.of()).stream()
                    .filter(e -> e.getString("kernelId").equals("echo")).count();
            assertEquals(50, messages, "one event per handled message (the last ends at terminate)");
            Map<String, Long> maxIn = byType.get("org.jdotcompute.RingKernelStatistics").stream()
                    .collect(Collectors.toMap(e -> e.getString("kernelId"), e -> e.getLong("messagesIn"), Math::max));
            assertEquals(50L, maxIn.get("echo"));
            assertTrue(byType.get("org.jdotcompute.RingKernelStatistics").stream()
                    .anyMatch(e -> e.getString("kernelId").equals("fails") && e.getLong("failures") == 1));
        }

        private static boolean statisticsRecorded(Recording recording, Path dir) throws Exception {
            Path snapshot = Files.createTempFile(dir, "snapshot", ".jfr");
            recording.dump(snapshot);
            return RecordingFile.readAllEvents(snapshot).stream()
                    .filter(e -> e.getEventType().getName().equals("org.jdotcompute.RingKernelStatistics"))
                    .map(e -> e.getString("kernelId")).collect(Collectors.toSet())
                    .containsAll(List.of("echo", "fails"));
        }
    }

    @Nested
    @DisplayName("latency histogram")
    class Histogram {
        @Test
        @DisplayName("buckets every value within about 3% and reports percentiles that never understate")
        void buckets() {
            for (long v : new long[] {0, 1, 31, 32, 33, 63, 64, 65, 1000, 123_456, 1L << 40, Long.MAX_VALUE / 2}) {
                int i = LatencyRecorder.index(v);
                long upper = LatencyRecorder.upperBound(i);
                assertTrue(upper >= v, v + " <= upper " + upper);
                assertTrue(i == 0 || LatencyRecorder.upperBound(i - 1) < v, v + " > previous upper");
                assertTrue(upper - v <= Math.max(1, v / 32), v + " within 1/32: " + upper);
            }
            var recorder = new LatencyRecorder();
            Function<Long, Long> identity = x -> x;
            for (long v = 1; v <= 1000; v++) {
                recorder.record(identity.apply(v * 1000));
            }
            LatencyMetrics m = recorder.snapshot();
            assertEquals(1000, m.count());
            assertTrue(m.p50().toNanos() >= 500_000 && m.p50().toNanos() <= 500_000 * 1.04, m.p50().toString());
            assertTrue(m.p99().toNanos() >= 990_000 && m.p99().toNanos() <= 990_000 * 1.04, m.p99().toString());
            assertEquals(1_000_000, m.max().toNanos());
        }
    }
}
