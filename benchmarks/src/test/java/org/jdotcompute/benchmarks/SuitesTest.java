package org.jdotcompute.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.benchmarks.cuda.CudaSuite;
import org.jdotcompute.benchmarks.opencl.OpenClSuite;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

@DisplayName("The registered suites")
class SuitesTest {
    private static List<Comparison> all() {
        return BenchRunner.SUITES.stream().flatMap(s -> s.comparisons().stream()).toList();
    }

    @Test
    @DisplayName("cover every target of PERFORMANCE.md, P1 to P9, in order")
    void everyTarget() {
        assertEquals(List.of("P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9"),
                all().stream().map(Comparison::id).distinct().toList());
    }

    @Test
    @DisplayName("name public JMH benchmark methods for ours and the baseline")
    void methodsExist() {
        for (Comparison c : all()) {
            for (String name : List.of(c.ours(), c.baseline())) {
                Method m = Set.of(c.benchmark().getMethods()).stream().filter(x -> x.getName().equals(name)).findFirst()
                        .orElse(null);
                assertNotNull(m, c.id() + " " + c.what() + ": " + c.benchmark().getName() + " has no method " + name);
                assertNotNull(m.getAnnotation(Benchmark.class), c.benchmark().getName() + "." + name + " is not a @Benchmark");
                assertTrue(Modifier.isPublic(c.benchmark().getModifiers()), c.benchmark() + " is public");
            }
        }
    }

    @Test
    @DisplayName("judge P1 on p50 and p99, P2 on throughput and P3's BLOCK row on both an absolute and a ratio target")
    void ringRows() {
        Set<String> figures = new TreeSet<>();
        for (Comparison c : all()) {
            if (c.id().equals("P1") || c.id().equals("P2") || c.id().equals("P3") && c.what().contains("BLOCK")) {
                figures.add(c.id() + " " + c.metric().label());
                assertEquals(2, c.targets().size(), c.id() + " " + c.what());
                assertTrue(c.targets().get(1) instanceof Target.AtLeastRatio, c.id() + " " + c.what());
            }
        }
        assertEquals(Set.of("P1 p50", "P1 p99", "P2 ops/s", "P3 avg"), figures);
    }

    @Nested
    @DisplayName("report a missing backend")
    class Availability {
        private final BackendStatus cudaMissing = new BackendStatus("cuda", "CUDA", false,
                "libcuda.so.1 was not found", "1", "test", 300, List.of());

        @Test
        @DisplayName("with the probe's reason")
        void probeReason() {
            assertEquals(Optional.of("no CUDA device (libcuda.so.1 was not found)"),
                    BenchSuite.backendUnavailable("cuda", "no CUDA device", List.of(cudaMissing)));
        }

        @Test
        @DisplayName("when no provider of it is on the class path")
        void absentProvider() {
            assertEquals(Optional.of("no CUDA device (no 'cuda' backend provider on the class path; discovered: [])"),
                    BenchSuite.backendUnavailable("cuda", "no CUDA device", List.of()));
        }

        @Test
        @DisplayName("for CUDA and OpenCL exactly as ComputeRuntime.discover() reports them here")
        void asDiscovered() {
            List<BackendStatus> discovered = ComputeRuntime.discover();
            assertEquals(expected(discovered, "cuda", "no CUDA device"), new CudaSuite().unavailable());
            assertEquals(expected(discovered, "opencl", "no OpenCL device"), new OpenClSuite().unavailable());
        }

        private static Optional<String> expected(List<BackendStatus> discovered, String id, String missing) {
            BackendStatus s = discovered.stream().filter(b -> b.id().equals(id)).findFirst()
                    .orElseThrow(() -> new AssertionError("the " + id + " provider is on the benchmarks' class path"));
            return s.available() ? Optional.empty() : Optional.of(missing + " (" + s.reason() + ")");
        }
    }
}
