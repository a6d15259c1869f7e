package org.jdotcompute.spi.internal.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.ring.RingKernel;
import org.jdotcompute.api.ring.RingKernelRuntime;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ring kernels through the public entry points, {@code RingKernelRuntime.create()} and
 * {@code ComputeRuntime.create().ringKernels()}. These need a backend on the module path (the
 * CPU backend, once merged into this module's test dependencies); without one they are skipped
 * with the reason — every other ring test runs without a backend.
 */
@DisplayName("Ring kernels through ComputeRuntime (needs a backend)")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RingEndToEndTest {

    @BeforeEach
    void needsBackend() {
        var available = ComputeRuntime.discover().stream().filter(BackendStatus::available).toList();
        Assumptions.assumeFalse(available.isEmpty(), () -> "no backend is available on the test module path"
                + " (discovered: " + ComputeRuntime.discover() + "); add jdotcompute-backend-cpu as a test"
                + " dependency of jdotcompute-spi to run the end-to-end ring tests");
    }

    @Test
    @DisplayName("the README quick start: launch, activate, send, receive, close")
    void quickStart() {
        try (RingKernelRuntime ring = RingKernelRuntime.create()) {
            ring.launch("echo", RingKernel.<String, String>mapping(s -> "echo: " + s));
            ring.activate("echo");
            ring.send("echo", "hello");
            String reply = ring.receive("echo");
            assertEquals("echo: hello", reply);
        }
    }

    @Test
    @DisplayName("ComputeRuntime.ringKernels() shares the runtime, is closed with it, and kernels see it")
    void shared() {
        RingKernelRuntime ring;
        try (ComputeRuntime compute = ComputeRuntime.create()) {
            ring = compute.ringKernels();
            var seen = new CompletableFuture<ComputeRuntime>();
            ring.<Object, Object>launch("k", ctx -> seen.complete(ctx.runtime()));
            ring.activate("k");
            assertSame(compute, seen.join());
        }
        RingKernelRuntime closed = ring;
        assertThrows(IllegalStateException.class, closed::kernelIds);
    }
}
