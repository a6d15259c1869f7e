package org.jdotcompute.testkit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jdotcompute.api.Capabilities.Feature;
import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.exceptions.ComputeExceptionGroup;
import org.jdotcompute.api.exceptions.KernelAlreadyExistsException;
import org.jdotcompute.api.exceptions.KernelNotFoundException;
import org.jdotcompute.api.exceptions.KernelState;
import org.jdotcompute.api.exceptions.KernelStateException;
import org.jdotcompute.api.exceptions.MessageValidationException;
import org.jdotcompute.api.exceptions.QueueEmptyException;
import org.jdotcompute.api.exceptions.QueueFullException;
import org.jdotcompute.api.ring.BackpressureStrategy;
import org.jdotcompute.api.ring.Prioritized;
import org.jdotcompute.api.ring.RingKernel;
import org.jdotcompute.api.ring.RingKernelOptions;
import org.jdotcompute.api.ring.RingKernelRuntime;
import org.jdotcompute.spi.BackendConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RNG: ring kernels on the backend's runtime ({@code runtime.ringKernels()}) — ordering,
 * lifecycle, backpressure ({@code REJECT}, {@code BLOCK}, {@code DROP_OLDEST}), priorities,
 * terminate waking a blocked receive, failure propagation, close reporting every failure, and ring
 * kernels launching data-parallel kernels on the backend under test.
 */
public abstract class RingKernelRules extends RuleGroup {
    /** For {@link org.jdotcompute.testkit.BackendConformanceSuite}'s nested group. */
    protected RingKernelRules() {
    }

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration PROMPTLY = Duration.ofSeconds(2);

    /** A runtime for one ring rule (ring kernels are closed with it). */
    private static ComputeRuntime open(Kit kit) {
        kit.assume(Feature.RING_KERNELS, "ring kernels");
        return kit.open(new BackendConfig(CheckMode.INDEX, 0));
    }

    /** A message with a priority. */
    private record Job(int priority, String name) implements Prioritized {
    }

    private static RingKernel<Integer, Integer> times(int factor) {
        return RingKernel.mapping(x -> x * factor);
    }

    @Test
    @DisplayName("RNG-001 a ring kernel's outputs come out in the order its inputs went in")
    public void ordering(Kit kit) {
        try (ComputeRuntime rt = open(kit)) {
            RingKernelRuntime ring = rt.ringKernels();
            ring.launch("double", times(2));
            ring.activate("double");
            int n = 1000;
            for (int i = 0; i < n; i++) {
                ring.send("double", i);
            }
            for (int i = 0; i < n; i++) {
                Integer out = ring.receive("double", WAIT);
                assertEquals(2 * i, out, "output " + i + " of " + n);
            }
            assertThrows(QueueEmptyException.class, () -> ring.receive("double", Duration.ofMillis(50)),
                    "no output beyond the " + n + " inputs");
        }
    }

    @Test
    @DisplayName("RNG-002 the lifecycle goes LAUNCHED, ACTIVE, DEACTIVATED, ACTIVE, TERMINATED and loses nothing")
    public void lifecycle(Kit kit) {
        try (ComputeRuntime rt = open(kit)) {
            RingKernelRuntime ring = rt.ringKernels();
            ring.launch("k", times(2));
            assertEquals(KernelState.LAUNCHED, ring.state("k"), "after launch");
            assertTrue(ring.kernelIds().contains("k"), () -> "kernelIds() " + ring.kernelIds());
            ring.send("k", 1);
            ring.activate("k");
            assertEquals(KernelState.ACTIVE, ring.state("k"), "after activate");
            assertEquals(2, (Integer) ring.receive("k", WAIT), "the message sent before activation");
            ring.deactivate("k");
            assertEquals(KernelState.DEACTIVATED, ring.state("k"), "after deactivate");
            ring.send("k", 2);
            ring.send("k", 3);
            QueueEmptyException idle = assertThrows(QueueEmptyException.class,
                    () -> ring.receive("k", Duration.ofMillis(200)), "a deactivated kernel processes nothing");
            assertEquals("Queue is empty", idle.getMessage(), "QueueEmptyException's message");
            ring.reactivate("k");
            assertEquals(KernelState.ACTIVE, ring.state("k"), "after reactivate");
            assertEquals(4, (Integer) ring.receive("k", WAIT), "the first message sent while deactivated");
            assertEquals(6, (Integer) ring.receive("k", WAIT), "the second message sent while deactivated");
            ring.terminate("k");
            assertEquals(KernelState.TERMINATED, ring.state("k"), "after terminate");
        }
    }

    @Test
    @DisplayName("RNG-003 REJECT refuses a message beyond the queue's capacity with QueueFullException")
    public void reject(Kit kit) {
        try (ComputeRuntime rt = open(kit)) {
            RingKernelRuntime ring = rt.ringKernels();
            ring.launch("k", times(10), RingKernelOptions.defaults().withInputQueueSize(2)
                    .withBackpressure(BackpressureStrategy.REJECT));
            ring.send("k", 1);
            ring.send("k", 2);
            QueueFullException e = assertThrows(QueueFullException.class, () -> ring.send("k", 3),
                    "a third message into a queue of 2 under REJECT");
            assertEquals("Queue is full (size: 2)", e.getMessage(), "the message");
            assertEquals(2, e.queueSize(), "queueSize()");
            ring.activate("k");
            assertEquals(10, (Integer) ring.receive("k", WAIT), "the first message");
            assertEquals(20, (Integer) ring.receive("k", WAIT), "the second message");
            assertThrows(QueueEmptyException.class, () -> ring.receive("k", Duration.ofMillis(100)),
                    "the rejected message must not be processed");
        }
    }

    @Test
    @DisplayName("RNG-004 BLOCK makes a sender wait for room, and a timed send expires with QueueFullException")
    public void block(Kit kit) throws Exception {
        try (ComputeRuntime rt = open(kit)) {
            RingKernelRuntime ring = rt.ringKernels();
            ring.launch("k", times(10), RingKernelOptions.defaults().withInputQueueSize(2)
                    .withBackpressure(BackpressureStrategy.BLOCK));
            ring.send("k", 1);
            ring.send("k", 2);
            long start = System.nanoTime();
            QueueFullException e = assertThrows(QueueFullException.class,
                    () -> ring.send("k", 99, Duration.ofMillis(200)), "a timed send into a full queue under BLOCK");
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited >= 150, () -> "the timed send gave up after " + waited + " ms; it must wait its 200 ms");
            assertEquals(2, e.queueSize(), "queueSize()");
            CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> ring.send("k", 3));
            assertThrows(TimeoutException.class, () -> blocked.get(200, TimeUnit.MILLISECONDS),
                    "a send into a full queue under BLOCK must wait");
            ring.activate("k");
            blocked.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(List.of(10, 20, 30), List.of(ring.<Integer>receive("k", WAIT), ring.<Integer>receive("k", WAIT),
                    ring.<Integer>receive("k", WAIT)), "the outputs, in order, without the expired message");
        }
    }

    @Test
    @DisplayName("RNG-005 DROP_OLDEST drops the oldest message, not the newest")
    public void dropOldest(Kit kit) {
        try (ComputeRuntime rt = open(kit)) {
            RingKernelRuntime ring = rt.ringKernels();
            ring.launch("k", times(10), RingKernelOptions.defaults().withInputQueueSize(2)
                    .withBackpressure(BackpressureStrategy.DROP_OLDEST));
            ring.send("k", 1);
            ring.send("k", 2);
            ring.send("k", 3);
            ring.activate("k");
            assertEquals(20, (Integer) ring.receive("k", WAIT), "the oldest message (1) must be the one dropped");
            assertEquals(30, (Integer) ring.receive("k", WAIT), "the newest message");
            assertThrows(QueueEmptyException.class, () -> ring.receive("k", Duration.ofMillis(100)),
                    "two messages fit the queue");
        }
    }

    @Test
    @DisplayName("RNG-006 with priorities on, higher priorities come first and equal ones in order")
    public void priorities(Kit kit) {
        try (ComputeRuntime rt = open(kit)) {
            RingKernelRuntime ring = rt.ringKernels();
            ring.<Job, String>launch("k", RingKernel.mapping(Job::name), RingKernelOptions.defaults().withPriority(true));
            ring.send("k", new Job(1, "a"));
            ring.send("k", new Job(5, "b"));
            ring.send("k", new Job(3, "c"));
            ring.send("k", new Job(5, "d"));
            ring.activate("k");
            List<String> order = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                order.add(ring.receive("k", WAIT));
            }
            assertEquals(List.of("b", "d", "c", "a"), order, "priorities 1, 5, 3, 5 sent as a, b, c, d");
        }
    }

    @Test
    @DisplayName("RNG-007 terminate wakes a kernel blocked in receive at once")
    public void terminateWakesKernel(Kit kit) {
        try (ComputeRuntime rt = open(kit)) {
            RingKernelRuntime ring = rt.ringKernels();
            AtomicBoolean woke = new AtomicBoolean();
            AtomicInteger receives = new AtomicInteger();
            ring.<Integer, Integer>launch("idle", ctx -> {
                while (true) { // no shouldTerminate() check: only receive() returning null ends this kernel
                    receives.incrementAndGet();
                    Integer in = ctx.receive();
                    if (in == null) {
                        woke.set(true);
                        return;
                    }
                    ctx.send(in);
                }
            });
            ring.activate("idle");
            ring.send("idle", 7);
            assertEquals(7, (Integer) ring.receive("idle", WAIT), "the kernel runs (and then waits in receive)");
            Await.until(WAIT, () -> receives.get() >= 2, () -> "the kernel did not call receive() again");
            assertTimeoutPreemptively(PROMPTLY, () -> ring.terminate("idle"),
                    "terminate must wake the kernel's blocked receive at once, not after a poll interval");
            assertTrue(woke.get(), "the kernel's receive() must return null when it is asked to terminate");
            assertEquals(KernelState.TERMINATED, ring.state("idle"), "after terminate");
        }
    }

    @Test
    @DisplayName("RNG-008 terminate wakes a host receive blocked on the kernel's output with KernelStateException")
    public void terminateWakesHost(Kit kit) throws Exception {
        try (ComputeRuntime rt = open(kit)) {
            RingKernelRuntime ring = rt.ringKernels();
            ring.launch("k", times(2));
            ring.activate("k");
            CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(() -> ring.receive("k"));
            assertThrows(TimeoutException.class, () -> waiting.get(100, TimeUnit.MILLISECONDS),
                    "a receive with no output waits");
            ring.terminate("k");
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> waiting.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS),
                    "the blocked receive must end when the kernel terminates");
            KernelStateException state = assertInstanceOf(KernelStateException.class, e.getCause(),
                    "a receive on a terminated kernel");
            assertEquals("k", state.kernelId(), "kernelId()");
        }
    }

    @Test
    @DisplayName("RNG-009 a failing handler moves its kernel to FAILED: its outputs arrive, then send, receive and close report its exception")
    public void failurePropagates(Kit kit) {
        try (ComputeRuntime rt = open(kit)) {
            RingKernelRuntime ring = rt.ringKernels();
            ring.<Integer, Integer>launch("k", RingKernel.mapping(x -> {
                if (x == 3) {
                    throw new IllegalStateException("handler failed on 3");
                }
                return x * 10;
            }));
            ring.activate("k");
            ring.send("k", 1);
            ring.send("k", 2);
            ring.send("k", 3);
            assertEquals(10, (Integer) ring.receive("k", WAIT), "the output produced before the failure");
            assertEquals(20, (Integer) ring.receive("k", WAIT), "the output produced before the failure");
            KernelStateException onReceive = assertThrows(KernelStateException.class, () -> ring.receive("k", WAIT),
                    "a receive after the outputs of a failed kernel");
            assertHandlerFailure(onReceive, "handler failed on 3");
            assertEquals(KernelState.FAILED, ring.state("k"), "the state of a kernel whose handler threw");
            KernelStateException onSend = assertThrows(KernelStateException.class, () -> ring.send("k", 4),
                    "a send to a failed kernel");
            assertHandlerFailure(onSend, "handler failed on 3");
            ComputeExceptionGroup onClose = assertThrows(ComputeExceptionGroup.class, ring::close,
                    "close() reports every failure, those already seen included");
            assertTrue(onClose.leaves().stream().anyMatch(leaf -> causedBy(leaf, onSend.getCause())),
                    () -> "close() must report the handler's exception; the group holds " + onClose.leaves());
        }
    }

    private static void assertHandlerFailure(KernelStateException e, String message) {
        assertEquals("k", e.kernelId(), "kernelId()");
        assertEquals(KernelState.FAILED, e.currentState(), "currentState()");
        assertInstanceOf(IllegalStateException.class, e.getCause(), "the cause is the handler's exception");
        assertEquals(message, e.getCause().getMessage(), "the cause's message");
    }

    @Test
    @DisplayName("RNG-010 close terminates every kernel and reports every failure at once in a ComputeExceptionGroup")
    public void closeReportsAll(Kit kit) {
        try (ComputeRuntime rt = open(kit)) {
            RingKernelRuntime ring = rt.ringKernels();
            IllegalStateException first = new IllegalStateException("k1 failed");
            ArithmeticException second = new ArithmeticException("k2 failed");
            ring.<Integer, Integer>launch("k1", RingKernel.mapping(x -> {
                throw first;
            }));
            ring.<Integer, Integer>launch("k2", RingKernel.mapping(x -> {
                throw second;
            }));
            ring.launch("healthy", times(2));
            for (String id : List.of("k1", "k2", "healthy")) {
                ring.activate(id);
            }
            ring.send("k1", 1);
            ring.send("k2", 1);
            Await.until(WAIT, () -> ring.state("k1") == KernelState.FAILED && ring.state("k2") == KernelState.FAILED,
                    () -> "k1 and k2 should have failed: " + ring.state("k1") + ", " + ring.state("k2"));
            ComputeExceptionGroup group = assertThrows(ComputeExceptionGroup.class, ring::close,
                    "close() with two failed kernels");
            for (Throwable handler : List.of(first, second)) {
                assertTrue(group.leaves().stream().anyMatch(leaf -> causedBy(leaf, handler)), () -> "the group must hold "
                        + handler + " (or an exception caused by it); its leaves are " + group.leaves());
            }
            assertEquals(2, group.leaves().size(), () -> "one leaf per failed kernel: " + group.leaves());
        }
    }

    private static boolean causedBy(Throwable t, Throwable wanted) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c == wanted) {
                return true;
            }
        }
        return false;
    }

    @Test
    @DisplayName("RNG-011 unknown ids, duplicate ids and wrong states are refused with the documented messages")
    public void refusals(Kit kit) {
        try (ComputeRuntime rt = open(kit)) {
            RingKernelRuntime ring = rt.ringKernels();
            KernelNotFoundException missing = assertThrows(KernelNotFoundException.class, () -> ring.send("nope", 1));
            assertEquals("[nope] Kernel not found: 'nope'", missing.getMessage());
            ring.launch("k", times(2));
            KernelAlreadyExistsException twice = assertThrows(KernelAlreadyExistsException.class,
                    () -> ring.launch("k", times(3)));
            assertEquals("[k] Kernel already exists", twice.getMessage());
            KernelStateException early = assertThrows(KernelStateException.class, () -> ring.deactivate("k"));
            assertEquals("[k] Invalid state: LAUNCHED, expected: ACTIVE", early.getMessage());
            ring.activate("k");
            KernelStateException again = assertThrows(KernelStateException.class, () -> ring.activate("k"));
            assertEquals("[k] Invalid state: ACTIVE, expected: LAUNCHED", again.getMessage());
            assertEquals(KernelState.ACTIVE, again.currentState(), "currentState()");
            assertEquals(List.of(KernelState.LAUNCHED), again.expectedStates(), "expectedStates()");
            KernelStateException reactivate = assertThrows(KernelStateException.class, () -> ring.reactivate("k"));
            assertEquals("[k] Invalid state: ACTIVE, expected: DEACTIVATED", reactivate.getMessage());
        }
    }

    @Test
    @DisplayName("RNG-012 a message of the wrong type is refused with MessageValidationException")
    public void validation(Kit kit) {
        try (ComputeRuntime rt = open(kit)) {
            RingKernelRuntime ring = rt.ringKernels();
            ring.launch("k", times(2), RingKernelOptions.defaults().withInputType(Integer.class));
            assertThrows(MessageValidationException.class, () -> ring.send("k", "not an Integer"));
            ring.activate("k");
            ring.send("k", 21);
            assertEquals(42, (Integer) ring.receive("k", WAIT), "a valid message after a refused one");
        }
    }

    @Test
    @DisplayName("RNG-013 a ring kernel launches data-parallel kernels on the backend under test")
    public void launchesFromRing(Kit kit) {
        try (ComputeRuntime rt = open(kit)) {
            RingKernelRuntime ring = rt.ringKernels();
            ring.<int[], String>launch("scaler", ctx -> {
                CompiledKernel scale = kit.compile(ctx.runtime(), "scale");
                while (!ctx.shouldTerminate()) {
                    int[] data = ctx.receive();
                    if (data == null) {
                        return;
                    }
                    ctx.runtime().launch(scale, Range.of(data.length), data, 3);
                    ctx.send(ctx.runtime().backend().id() + ":" + data[0] + "," + data[data.length - 1]);
                }
            });
            ring.activate("scaler");
            long before = Kit.launches(rt);
            for (int i = 1; i <= 5; i++) {
                ring.send("scaler", new int[] {i, i + 1, i + 2});
            }
            for (int i = 1; i <= 5; i++) {
                assertEquals(kit.backendId() + ":" + 3 * i + "," + 3 * (i + 2), ring.receive("scaler", WAIT),
                        "message " + i);
            }
            kit.assertLaunched(rt, before, 5, "5 launches from a ring kernel");
            ring.terminate("scaler");
        }
    }
}
