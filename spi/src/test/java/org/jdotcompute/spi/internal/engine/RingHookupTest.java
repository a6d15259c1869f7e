package org.jdotcompute.spi.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.bridge.RuntimeSettings;
import org.jdotcompute.api.exceptions.ComputeExceptionGroup;
import org.jdotcompute.api.exceptions.KernelState;
import org.jdotcompute.api.ring.RingKernel;
import org.jdotcompute.api.ring.RingKernelRuntime;
import org.jdotcompute.spi.Availability;
import org.jdotcompute.spi.Backend;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ring runtime's hookup in the compute runtime, on a stand-in backend that only counts
 * {@code close()} (no real backend is needed to test ownership and closing).
 */
@DisplayName("ComputeRuntime and its ring kernels")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RingHookupTest {
    private final AtomicInteger backendCloses = new AtomicInteger();

    private EngineRuntime runtime() {
        Backend backend = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> {
                        backendCloses.incrementAndGet();
                        yield null;
                    }
                    case "toString" -> "stand-in backend";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName() + " is not needed here");
                });
        var provider = new DiscoveredProvider("standin", "Stand-in", Optional.empty(),
                new Availability.Unavailable("a test stand-in", Optional.empty()), "", "test", 0);
        return new EngineRuntime(provider, backend, new RuntimeSettings("", CheckMode.INDEX, List.of(), 0), List.of(),
                org.jdotcompute.spi.internal.plugin.PluginRegistry.empty(), true);
    }

    @Test
    @DisplayName("ringKernels() is one runtime shared with the compute runtime, which kernels reach from their context")
    void shared() {
        EngineRuntime compute = runtime();
        RingKernelRuntime ring = compute.ringKernels();
        assertSame(ring, compute.ringKernels());
        var seen = new CompletableFuture<ComputeRuntime>();
        ring.<Object, Object>launch("k", ctx -> seen.complete(ctx.runtime()));
        ring.activate("k");
        assertSame(compute, seen.join());
        compute.close();
        assertThrows(IllegalStateException.class, () -> ring.state("k"));
        assertThrows(IllegalStateException.class, compute::ringKernels);
        assertEquals(1, backendCloses.get());
    }

    @Test
    @DisplayName("closing a shared ring runtime leaves the compute runtime open")
    void closingSharedRing() {
        EngineRuntime compute = runtime();
        RingKernelRuntime ring = compute.ringKernels();
        ring.launch("k", RingKernel.mapping(x -> x));
        ring.close();
        assertEquals(0, backendCloses.get());
        assertTrue(!compute.isClosed());
        compute.close();
        assertEquals(1, backendCloses.get());
    }

    @Test
    @DisplayName("an owned ring runtime (RingKernelRuntime.create()) closes its compute runtime too")
    void owned() {
        EngineRuntime compute = runtime();
        RingKernelRuntime ring = compute.ownedRingKernels();
        assertSame(ring, compute.ringKernels());
        ring.launch("k", RingKernel.mapping(x -> x));
        ring.activate("k");
        ring.send("k", "hi");
        assertEquals("hi", ring.receive("k"));
        ring.close();
        assertTrue(compute.isClosed());
        assertEquals(1, backendCloses.get());
    }

    @Test
    @DisplayName("closing the compute runtime reports its ring kernels' failures in its group")
    void failuresReachComputeClose() {
        EngineRuntime compute = runtime();
        RingKernelRuntime ring = compute.ringKernels();
        var boom = new IllegalStateException("ring failure");
        ring.<Object, Object>launch("k", ctx -> {
            throw boom;
        });
        ring.activate("k");
        org.awaitility.Awaitility.await().until(() -> ring.state("k") == KernelState.FAILED);
        var group = assertThrows(ComputeExceptionGroup.class, compute::close);
        var inner = assertInstanceOf(ComputeExceptionGroup.class, group.exceptions().getFirst());
        assertEquals(List.of(boom), inner.exceptions());
        assertEquals(1, backendCloses.get());
    }
}
