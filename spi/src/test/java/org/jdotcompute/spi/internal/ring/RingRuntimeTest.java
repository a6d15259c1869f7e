package org.jdotcompute.spi.internal.ring;

import static org.awaitility.Awaitility.await;
import static org.jdotcompute.spi.internal.ring.TestRuntimes.awaitParked;
import static org.jdotcompute.spi.internal.ring.TestRuntimes.awaitState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.jdotcompute.api.exceptions.ComputeExceptionGroup;
import org.jdotcompute.api.exceptions.KernelAlreadyExistsException;
import org.jdotcompute.api.exceptions.KernelNotFoundException;
import org.jdotcompute.api.exceptions.KernelState;
import org.jdotcompute.api.exceptions.KernelStateException;
import org.jdotcompute.api.exceptions.MessageValidationException;
import org.jdotcompute.api.exceptions.QueueEmptyException;
import org.jdotcompute.api.exceptions.QueueFullException;
import org.jdotcompute.api.ring.BackpressureStrategy;
import org.jdotcompute.api.ring.MessageCodec;
import org.jdotcompute.api.ring.Prioritized;
import org.jdotcompute.api.ring.RingKernel;
import org.jdotcompute.api.ring.RingKernelOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("RingKernelRuntime")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RingRuntimeTest {
    private static final List<KernelState> RUNNABLE = List.of(KernelState.LAUNCHED, KernelState.ACTIVE,
            KernelState.DEACTIVATED);

    private RingRuntime rt;

    @BeforeEach
    void open() {
        rt = TestRuntimes.standalone();
    }

    @AfterEach
    void closeRuntime() {
        try {
            rt.close();
        } catch (ComputeExceptionGroup expectedInSomeTests) {
            // tests that make kernels fail check close() themselves; here only threads matter
        }
        assertEquals(Set.of(), TestRuntimes.kernelThreads(), "no kernel thread outlives close()");
    }

    static <T> RingKernel<T, T> echo() {
        return RingKernel.mapping(x -> x);
    }

    @Test
    @DisplayName("runs on the module path")
    void modulePath() {
        assertTrue(getClass().getModule().isNamed());
        assertEquals("org.jdotcompute.spi", getClass().getModule().getName());
    }

    @Test
    @DisplayName("the quick start works: launch, activate, send, receive, close")
    void quickStart() {
        rt.launch("square", RingKernel.<Integer, Integer>mapping(x -> x * x));
        rt.activate("square");
        rt.send("square", 7);
        Integer squared = rt.receive("square");
        assertEquals(49, squared);
        assertEquals(Set.of("square"), rt.kernelIds());
        rt.close();
        assertTrue(TestRuntimes.kernelThreads().isEmpty());
    }

    @Nested
    @DisplayName("lifecycle")
    class Lifecycle {
        @Test
        @DisplayName("goes LAUNCHED → ACTIVE → DEACTIVATED → ACTIVE → TERMINATED")
        void states() {
            rt.launch("k", echo());
            assertEquals(KernelState.LAUNCHED, rt.state("k"));
            rt.activate("k");
            assertEquals(KernelState.ACTIVE, rt.state("k"));
            rt.deactivate("k");
            assertEquals(KernelState.DEACTIVATED, rt.state("k"));
            rt.reactivate("k");
            assertEquals(KernelState.ACTIVE, rt.state("k"));
            rt.terminate("k");
            assertEquals(KernelState.TERMINATED, rt.state("k"));
            assertFalse(rt.host("k").thread().isAlive(), "terminate returns when the thread has stopped");
        }

        @Test
        @DisplayName("messages sent while LAUNCHED queue up and are handled after activation, in order")
        void queuesBeforeActivation() {
            var handled = new AtomicInteger();
            rt.launch("k", RingKernel.<Integer, Integer>mapping(x -> {
                handled.incrementAndGet();
                return x + 1;
            }));
            for (int i = 0; i < 10; i++) {
                rt.send("k", i);
            }
            await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2)).until(() -> handled.get() == 0);
            assertEquals(10, rt.metrics("k").inputQueue().depth());
            rt.activate("k");
            for (int i = 0; i < 10; i++) {
                assertEquals(i + 1, (Integer) rt.receive("k"));
            }
        }

        @Test
        @DisplayName("while DEACTIVATED nothing is processed and nothing is lost")
        void deactivated() {
            rt.launch("k", echo());
            rt.activate("k");
            rt.send("k", "before");
            assertEquals("before", rt.receive("k"));
            rt.deactivate("k");
            for (int i = 0; i < 50; i++) {
                rt.send("k", "m" + i);
            }
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                    .until(() -> rt.metrics("k").messagesIn() == 1);
            assertThrows(QueueEmptyException.class, () -> rt.receive("k", Duration.ofMillis(10)));
            rt.reactivate("k");
            for (int i = 0; i < 50; i++) {
                assertEquals("m" + i, rt.receive("k"));
            }
        }

        @Test
        @DisplayName("a kernel whose run returns by itself is TERMINATED, and its outputs can still be received")
        void returnsByItself() {
            rt.<Void, Integer>launch("gen", ctx -> {
                for (int i = 0; i < 3; i++) {
                    ctx.send(i);
                }
            });
            rt.activate("gen");
            awaitState(rt, "gen", KernelState.TERMINATED);
            assertEquals(0, (Integer) rt.receive("gen"));
            assertEquals(1, (Integer) rt.receive("gen"));
            assertEquals(2, (Integer) rt.receive("gen"));
            var e = assertThrows(KernelStateException.class, () -> rt.receive("gen"));
            assertEquals("[gen] Invalid state: TERMINATED, expected: LAUNCHED, ACTIVE, DEACTIVATED", e.getMessage());
        }

        @Test
        @DisplayName("terminating a LAUNCHED kernel never runs it")
        void terminateLaunched() {
            var ran = new AtomicInteger();
            rt.<Object, Object>launch("k", ctx -> ran.incrementAndGet());
            rt.terminate("k");
            assertEquals(KernelState.TERMINATED, rt.state("k"));
            assertEquals(0, ran.get());
        }

        @Test
        @DisplayName("each kernel runs on a platform thread named after it, or on a virtual thread when asked")
        void threads() {
            var platform = new CompletableFuture<Thread>();
            var virtual = new CompletableFuture<Thread>();
            rt.<Object, Object>launch("plat", ctx -> platform.complete(Thread.currentThread()));
            rt.<Object, Object>launch("virt", ctx -> virtual.complete(Thread.currentThread()),
                    RingKernelOptions.defaults().withVirtualThread(true));
            rt.activate("plat");
            rt.activate("virt");
            Thread p = platform.join();
            Thread v = virtual.join();
            assertEquals("ring-kernel-plat", p.getName());
            assertFalse(p.isVirtual());
            assertEquals("ring-kernel-virt", v.getName());
            assertTrue(v.isVirtual());
        }

        @Test
        @DisplayName("launch rejects null and blank arguments")
        void badLaunch() {
            assertThrows(NullPointerException.class, () -> rt.launch(null, echo()));
            assertThrows(NullPointerException.class, () -> rt.launch("k", null));
            var e = assertThrows(IllegalArgumentException.class, () -> rt.launch(" ", echo()));
            assertEquals("kernel id ' ' is blank; give the kernel a name", e.getMessage());
        }
    }

    @Nested
    @DisplayName("terminate")
    class Terminate {
        @Test
        @DisplayName("wakes a kernel blocked in receive at once")
        void wakesReceive() {
            var entered = new CountDownLatch(1);
            var returned = new AtomicReference<Object>("not yet");
            rt.<Object, Object>launch("k", ctx -> {
                entered.countDown();
                returned.set(ctx.receive());
            });
            rt.activate("k");
            awaitParked(rt.host("k").thread());
            long start = System.nanoTime();
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> rt.terminate("k"));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(tookMillis < 1000, "terminate took " + tookMillis + " ms");
            assertNull(returned.get());
            assertEquals(KernelState.TERMINATED, rt.state("k"));
        }

        @Test
        @DisplayName("wakes a kernel blocked in a timed receive at once")
        void wakesTimedReceive() {
            rt.<Object, Object>launch("k", ctx -> {
                while (!ctx.shouldTerminate()) {
                    ctx.receive(Duration.ofHours(1));
                }
            });
            rt.activate("k");
            awaitParked(rt.host("k").thread());
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> rt.terminate("k"));
            assertEquals(KernelState.TERMINATED, rt.state("k"));
        }

        @Test
        @DisplayName("wakes a kernel blocked in send on a full output queue; it ends TERMINATED, not FAILED")
        void wakesKernelSend() {
            rt.<Object, Integer>launch("k", ctx -> {
                for (int i = 0; ; i++) {
                    ctx.send(i);
                }
            }, RingKernelOptions.defaults().withOutputQueueSize(2));
            rt.activate("k");
            await().atMost(Duration.ofSeconds(10)).until(() -> rt.metrics("k").outputQueue().depth() == 2);
            awaitParked(rt.host("k").thread());
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> rt.terminate("k"));
            assertEquals(KernelState.TERMINATED, rt.state("k"));
            assertNull(rt.host("k").failure());
        }

        @Test
        @DisplayName("wakes a sender blocked on a full input queue and a blocked receiver, with KernelStateException")
        void wakesExternalThreads() throws Exception {
            rt.launch("k", echo(), RingKernelOptions.defaults().withInputQueueSize(1));
            rt.send("k", "fills the queue");
            var senderFailure = new CompletableFuture<Throwable>();
            var receiverFailure = new CompletableFuture<Throwable>();
            Thread sender = Thread.ofPlatform().daemon().start(() -> {
                try {
                    rt.send("k", "blocks");
                } catch (Throwable t) {
                    senderFailure.complete(t);
                }
            });
            Thread receiver = Thread.ofPlatform().daemon().start(() -> {
                try {
                    rt.receive("k");
                } catch (Throwable t) {
                    receiverFailure.complete(t);
                }
            });
            awaitParked(sender);
            awaitParked(receiver);
            rt.terminate("k");
            var s = assertInstanceOf(KernelStateException.class, senderFailure.get(5, TimeUnit.SECONDS));
            var r = assertInstanceOf(KernelStateException.class, receiverFailure.get(5, TimeUnit.SECONDS));
            assertTrue(Set.of(KernelState.TERMINATING, KernelState.TERMINATED).contains(s.currentState()), s.getMessage());
            assertTrue(Set.of(KernelState.TERMINATING, KernelState.TERMINATED).contains(r.currentState()), r.getMessage());
            assertEquals(RUNNABLE, s.expectedStates());
        }

        @Test
        @DisplayName("a kernel may terminate itself; terminate then returns at once instead of waiting for itself")
        void selfTermination() {
            rt.<Object, Object>launch("self", ctx -> {
                rt.terminate("self");
                while (ctx.receive() != null) {
                    // drains nothing: receive returns null once terminating
                }
            });
            rt.activate("self");
            awaitState(rt, "self", KernelState.TERMINATED);
        }

        @Test
        @DisplayName("close from a kernel's own thread is refused instead of waiting forever for itself")
        void closeFromKernel() {
            var refused = new CompletableFuture<Throwable>();
            rt.<Object, Object>launch("closer", ctx -> {
                try {
                    rt.close();
                } catch (IllegalStateException e) {
                    refused.complete(e);
                }
            });
            rt.activate("closer");
            var e = assertInstanceOf(IllegalStateException.class, refused.join());
            assertEquals("RingKernelRuntime[test] cannot be closed from ring kernel 'closer''s own thread: close()"
                    + " waits for every kernel thread to end; close it from outside its kernels (a kernel may"
                    + " terminate itself with terminate(its id))", e.getMessage());
        }

        @Test
        @DisplayName("any operation on a terminated kernel throws KernelStateException")
        void afterTermination() {
            rt.launch("k", echo());
            rt.activate("k");
            rt.terminate("k");
            List<Consumer<String>> operations = List.of(rt::activate, rt::deactivate, rt::reactivate, rt::terminate,
                    id -> rt.send(id, "x"), id -> rt.send(id, "x", Duration.ofSeconds(1)), id -> rt.receive(id),
                    id -> rt.receive(id, Duration.ofSeconds(1)), id -> rt.call(id, "x", Duration.ofSeconds(1)));
            for (Consumer<String> op : operations) {
                var e = assertThrows(KernelStateException.class, () -> op.accept("k"));
                assertEquals(KernelState.TERMINATED, e.currentState());
                assertEquals("k", e.kernelId());
                assertTrue(e.getMessage().startsWith("[k] Invalid state: TERMINATED, expected: "), e.getMessage());
            }
            assertEquals(KernelState.TERMINATED, rt.state("k"));
        }
    }

    @Nested
    @DisplayName("exceptions")
    class Exceptions {
        @Test
        @DisplayName("every operation on an unknown id throws KernelNotFoundException")
        void notFound() {
            List<Consumer<String>> operations = List.of(rt::activate, rt::deactivate, rt::reactivate, rt::terminate,
                    rt::state, rt::metrics, id -> rt.send(id, "x"), id -> rt.send(id, "x", Duration.ofSeconds(1)),
                    id -> rt.receive(id), id -> rt.receive(id, Duration.ofSeconds(1)),
                    id -> rt.call(id, "x", Duration.ofSeconds(1)));
            for (Consumer<String> op : operations) {
                var e = assertThrows(KernelNotFoundException.class, () -> op.accept("nope"));
                assertEquals("[nope] Kernel not found: 'nope'", e.getMessage());
                assertEquals("nope", e.kernelId());
            }
        }

        @Test
        @DisplayName("launching an id twice throws KernelAlreadyExistsException")
        void alreadyExists() {
            rt.launch("k", echo());
            var e = assertThrows(KernelAlreadyExistsException.class, () -> rt.launch("k", echo()));
            assertEquals("[k] Kernel already exists", e.getMessage());
            assertEquals("k", e.kernelId());
        }

        @Test
        @DisplayName("activate, deactivate and reactivate in the wrong state throw KernelStateException with the expected state")
        void wrongState() {
            rt.launch("k", echo());
            var e = assertThrows(KernelStateException.class, () -> rt.deactivate("k"));
            assertEquals("[k] Invalid state: LAUNCHED, expected: ACTIVE", e.getMessage());
            assertEquals(KernelState.LAUNCHED, e.currentState());
            assertEquals(List.of(KernelState.ACTIVE), e.expectedStates());
            e = assertThrows(KernelStateException.class, () -> rt.reactivate("k"));
            assertEquals("[k] Invalid state: LAUNCHED, expected: DEACTIVATED", e.getMessage());
            rt.activate("k");
            e = assertThrows(KernelStateException.class, () -> rt.activate("k"));
            assertEquals("[k] Invalid state: ACTIVE, expected: LAUNCHED", e.getMessage());
            assertEquals(List.of(KernelState.LAUNCHED), e.expectedStates());
            e = assertThrows(KernelStateException.class, () -> rt.reactivate("k"));
            assertEquals("[k] Invalid state: ACTIVE, expected: DEACTIVATED", e.getMessage());
            rt.deactivate("k");
            e = assertThrows(KernelStateException.class, () -> rt.deactivate("k"));
            assertEquals("[k] Invalid state: DEACTIVATED, expected: ACTIVE", e.getMessage());
        }

        @Test
        @DisplayName("a full input queue under REJECT throws QueueFullException naming its size")
        void rejectFull() {
            rt.launch("k", echo(), RingKernelOptions.defaults().withInputQueueSize(2)
                    .withBackpressure(BackpressureStrategy.REJECT));
            rt.send("k", 1);
            rt.send("k", 2);
            var e = assertThrows(QueueFullException.class, () -> rt.send("k", 3));
            assertEquals("Queue is full (size: 2)", e.getMessage());
            assertEquals(1, rt.metrics("k").rejected());
        }

        @Test
        @DisplayName("under REJECT a full output queue makes the kernel's send throw; uncaught, the kernel fails with it")
        void rejectOutput() {
            rt.launch("k", echo(), RingKernelOptions.defaults().withOutputQueueSize(1)
                    .withBackpressure(BackpressureStrategy.REJECT));
            rt.activate("k");
            rt.send("k", 1);
            rt.send("k", 2);
            awaitState(rt, "k", KernelState.FAILED);
            assertEquals(1, (Integer) rt.receive("k"));
            var e = assertThrows(KernelStateException.class, () -> rt.receive("k"));
            var cause = assertInstanceOf(QueueFullException.class, e.getCause());
            assertEquals("Queue is full (size: 1)", cause.getMessage());
        }

        @Test
        @DisplayName("a timed send on a full BLOCK queue throws QueueFullException when it expires")
        void blockTimeout() {
            rt.launch("k", echo(), RingKernelOptions.defaults().withInputQueueSize(1));
            rt.send("k", 1);
            var e = assertThrows(QueueFullException.class, () -> rt.send("k", 2, Duration.ofMillis(30)));
            assertEquals("Queue is full (size: 1)", e.getMessage());
        }

        @Test
        @DisplayName("a timed receive throws QueueEmptyException when it expires")
        void receiveTimeout() {
            rt.launch("k", echo());
            rt.activate("k");
            var e = assertThrows(QueueEmptyException.class, () -> rt.receive("k", Duration.ofMillis(20)));
            assertEquals("Queue is empty", e.getMessage());
        }

        @Test
        @DisplayName("a message of the wrong input type throws MessageValidationException")
        void wrongInputType() {
            rt.launch("k", echo(), RingKernelOptions.defaults().withInputType(Integer.class));
            var e = assertThrows(MessageValidationException.class, () -> rt.send("k", "text"));
            assertEquals("java.lang.String.type: kernel 'k' takes input messages of type java.lang.Integer only;"
                    + " send a Integer or launch the kernel with another input type", e.getMessage());
            assertEquals("java.lang.String", e.messageType());
            assertEquals("type", e.field());
            rt.send("k", 5);
            assertEquals(1, rt.metrics("k").rejected());
            assertEquals(1, rt.metrics("k").inputQueue().enqueued());
        }

        @Test
        @DisplayName("a null message throws NullPointerException")
        void nullMessage() {
            rt.launch("k", echo());
            var e = assertThrows(NullPointerException.class, () -> rt.send("k", null));
            assertEquals("message must not be null (kernel 'k')", e.getMessage());
        }

        @Test
        @DisplayName("an output of the wrong type fails the kernel with MessageValidationException")
        void wrongOutputType() {
            rt.launch("k", RingKernel.<Object, Object>mapping(x -> x), RingKernelOptions.defaults()
                    .withOutputType(Integer.class));
            rt.activate("k");
            rt.send("k", "not an integer");
            awaitState(rt, "k", KernelState.FAILED);
            var e = assertThrows(KernelStateException.class, () -> rt.receive("k"));
            assertInstanceOf(MessageValidationException.class, e.getCause());
        }

        @Test
        @DisplayName("a priority outside 0-255 is rejected with the value named")
        void badPriority() {
            record P(int priority) implements Prioritized {
            }
            rt.launch("k", echo(), RingKernelOptions.defaults().withPriority(true));
            var e = assertThrows(IllegalArgumentException.class, () -> rt.send("k", new P(300)));
            assertTrue(e.getMessage().startsWith("priority 300 of a "), e.getMessage());
        }
    }

    @Nested
    @DisplayName("failures")
    class Failures {
        @Test
        @DisplayName("a handler that throws moves the kernel to FAILED; its outputs can be received, then send and receive throw with the cause")
        void failed() {
            var boom = new IllegalStateException("boom");
            rt.<String, String>launch("k", ctx -> {
                while (!ctx.shouldTerminate()) {
                    String m = ctx.receive();
                    if (m == null) {
                        return;
                    }
                    if (m.equals("fail")) {
                        throw boom;
                    }
                    ctx.send(m.toUpperCase());
                }
            });
            rt.activate("k");
            rt.send("k", "a");
            rt.send("k", "b");
            rt.send("k", "fail");
            awaitState(rt, "k", KernelState.FAILED);
            assertEquals("A", rt.receive("k"));
            assertEquals("B", rt.receive("k"));
            var r = assertThrows(KernelStateException.class, () -> rt.receive("k"));
            assertEquals("[k] Invalid state: FAILED, expected: LAUNCHED, ACTIVE, DEACTIVATED", r.getMessage());
            assertSame(boom, r.getCause());
            var s = assertThrows(KernelStateException.class, () -> rt.send("k", "again"));
            assertSame(boom, s.getCause());
            assertEquals(KernelState.FAILED, s.currentState());
            var a = assertThrows(KernelStateException.class, () -> rt.activate("k"));
            assertSame(boom, a.getCause());
            var t = assertThrows(KernelStateException.class, () -> rt.terminate("k"));
            assertSame(boom, t.getCause());
            assertEquals(1, rt.metrics("k").failures());
        }

        @Test
        @DisplayName("a receiver blocked when the kernel fails is woken with the failure")
        void wakesReceiver() throws Exception {
            var trigger = new CountDownLatch(1);
            rt.<Object, Object>launch("k", ctx -> {
                trigger.await();
                throw new ArithmeticException("late");
            });
            rt.activate("k");
            var failure = new CompletableFuture<Throwable>();
            Thread receiver = Thread.ofPlatform().daemon().start(() -> {
                try {
                    rt.receive("k");
                } catch (Throwable t) {
                    failure.complete(t);
                }
            });
            awaitParked(receiver);
            trigger.countDown();
            var e = assertInstanceOf(KernelStateException.class, failure.get(5, TimeUnit.SECONDS));
            assertInstanceOf(ArithmeticException.class, e.getCause());
        }

        @Test
        @DisplayName("a failure in one kernel leaves the others running")
        void isolation() {
            rt.launch("good", echo());
            rt.<Object, Object>launch("bad", ctx -> {
                throw new IllegalArgumentException("bad kernel");
            });
            rt.activate("good");
            rt.activate("bad");
            awaitState(rt, "bad", KernelState.FAILED);
            for (int i = 0; i < 100; i++) {
                rt.send("good", i);
                assertEquals(i, (Integer) rt.receive("good"));
            }
            assertEquals(KernelState.ACTIVE, rt.state("good"));
        }
    }

    @Nested
    @DisplayName("close")
    class Close {
        @Test
        @DisplayName("reports every failed kernel in one ComputeExceptionGroup, received or not, and leaves no thread")
        void reportsAll() {
            var first = new IllegalStateException("first");
            var second = new UnsupportedOperationException("second");
            rt.<Object, Object>launch("a", ctx -> {
                throw first;
            });
            rt.<Object, Object>launch("b", ctx -> {
                ctx.receive(); // fails only when closing: nobody ever sees it but close()
                throw second;
            });
            rt.launch("c", echo());
            rt.launch("d", echo()); // never activated
            rt.activate("a");
            rt.activate("b");
            rt.activate("c");
            awaitState(rt, "a", KernelState.FAILED);
            assertThrows(KernelStateException.class, () -> rt.send("a", "x")); // this failure was seen
            var group = assertThrows(ComputeExceptionGroup.class, rt::close);
            assertEquals(List.of(first, second), group.exceptions());
            assertEquals("closing RingKernelRuntime[test]: kernel(s) 'a', 'b' failed (2 sub-exceptions)",
                    group.getMessage());
            assertEquals(Set.of(), TestRuntimes.kernelThreads());
        }

        @Test
        @DisplayName("without failures closes quietly, is idempotent, and makes later use throw IllegalStateException")
        void quiet() {
            rt.launch("k", echo());
            rt.activate("k");
            rt.send("k", 1);
            rt.close();
            rt.close();
            var e = assertThrows(IllegalStateException.class, () -> rt.send("k", 2));
            assertEquals("RingKernelRuntime[test] is closed; create a new runtime", e.getMessage());
            assertThrows(IllegalStateException.class, () -> rt.launch("x", echo()));
            assertThrows(IllegalStateException.class, () -> rt.state("k"));
        }

        @Test
        @DisplayName("terminates many kernels blocked in receive concurrently and promptly")
        void many() {
            for (int i = 0; i < 20; i++) {
                rt.launch("k" + i, echo());
                if (i % 2 == 0) {
                    rt.activate("k" + i);
                }
            }
            assertEquals(20, TestRuntimes.kernelThreads().size());
            assertTimeoutPreemptively(Duration.ofSeconds(5), rt::close);
            assertEquals(Set.of(), TestRuntimes.kernelThreads());
        }

        @Test
        @DisplayName("runs the after-close action (the owned compute runtime) and reports its failure too")
        void afterClose() {
            var closedCompute = new AtomicInteger();
            var computeFailure = new IllegalStateException("compute close failed");
            var owned = new RingRuntime("RingKernelRuntime[owned]", () -> {
                throw new IllegalStateException("none");
            }, () -> {
                closedCompute.incrementAndGet();
                throw computeFailure;
            });
            owned.launch("k", echo());
            var group = assertThrows(ComputeExceptionGroup.class, owned::close);
            assertEquals(List.of(computeFailure), group.exceptions());
            assertEquals(1, closedCompute.get());
            owned.close();
            assertEquals(1, closedCompute.get());
        }
    }

    @Nested
    @DisplayName("messages")
    class Messages {
        record Sample(int id, int[] values) {
        }

        @Test
        @DisplayName("are passed by reference by default (zero copy)")
        void byReference() {
            rt.launch("k", echo());
            rt.activate("k");
            var sample = new Sample(1, new int[] {1, 2});
            rt.send("k", sample);
            assertSame(sample, rt.receive("k"));
        }

        @Test
        @DisplayName("are copied through a codec when the kernel asks for value semantics")
        void copied() {
            var codec = MessageCodec.of(java.lang.invoke.MethodHandles.lookup(), Sample.class);
            var seen = new CompletableFuture<int[]>();
            var proceed = new CountDownLatch(1);
            rt.<Sample, Sample>launch("k", ctx -> {
                Sample s = ctx.receive();
                proceed.await();
                seen.complete(s.values().clone());
                ctx.send(s);
            }, RingKernelOptions.defaults().withInputCodec(codec).withOutputCodec(codec));
            var e = assertThrows(MessageValidationException.class, () -> rt.send("k", "not a sample"));
            assertEquals("type", e.field());
            rt.activate("k");
            var sample = new Sample(7, new int[] {1, 2, 3});
            rt.send("k", sample);
            sample.values()[0] = 99; // the sender mutates its object after sending
            proceed.countDown();
            assertEquals(List.of(1, 2, 3), java.util.Arrays.stream(seen.join()).boxed().toList());
            Sample out = rt.receive("k");
            assertNotSame(sample, out);
            assertEquals(7, out.id());
        }

        @Test
        @DisplayName("are delivered by priority when priorities are on")
        void priorities() {
            record P(int priority, String name) implements Prioritized {
            }
            rt.launch("k", echo(), RingKernelOptions.defaults().withPriority(true));
            rt.send("k", new P(1, "low"));
            rt.send("k", new P(200, "high"));
            rt.send("k", new P(100, "mid"));
            rt.activate("k");
            List<String> order = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                P p = rt.receive("k");
                order.add(p.name());
            }
            assertEquals(List.of("high", "mid", "low"), order);
        }

        @Test
        @DisplayName("DROP_OLDEST drops and counts the oldest inputs")
        void dropOldest() {
            rt.launch("k", echo(), RingKernelOptions.defaults().withInputQueueSize(2)
                    .withBackpressure(BackpressureStrategy.DROP_OLDEST));
            for (int i = 0; i < 5; i++) {
                rt.send("k", i);
            }
            assertEquals(3, rt.metrics("k").dropped());
            rt.activate("k");
            assertEquals(3, (Integer) rt.receive("k"));
            assertEquals(4, (Integer) rt.receive("k"));
        }
    }

    @Nested
    @DisplayName("call")
    class Call {
        @Test
        @DisplayName("returns the reply to its own request while plain outputs stay in the queue in order")
        void matched() throws Exception {
            rt.launch("k", RingKernel.<Integer, Integer>mapping(x -> x * 10));
            rt.activate("k");
            rt.send("k", 1);
            int reply = rt.call("k", 2, Duration.ofSeconds(10));
            assertEquals(20, reply);
            rt.send("k", 3);
            assertEquals(10, (Integer) rt.receive("k"));
            assertEquals(30, (Integer) rt.receive("k"));
        }

        @Test
        @DisplayName("concurrent callers and plain senders never get each other's messages")
        void concurrent() throws Exception {
            rt.launch("k", RingKernel.<Integer, Integer>mapping(x -> -x));
            rt.activate("k");
            int callers = 4;
            int perCaller = 2_000;
            var errors = new java.util.concurrent.ConcurrentLinkedQueue<String>();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int base = (c + 1) * 1_000_000;
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < perCaller; i++) {
                        int reply = rt.call("k", base + i, Duration.ofSeconds(30));
                        if (reply != -(base + i)) {
                            errors.add("call " + (base + i) + " got " + reply);
                        }
                    }
                }));
            }
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perCaller; i++) {
                    rt.send("k", i);
                }
            }));
            for (Thread t : threads) {
                t.join();
            }
            for (int i = 0; i < perCaller; i++) {
                int out = rt.receive("k", Duration.ofSeconds(10));
                if (out != -i) {
                    errors.add("plain output " + i + " was " + out);
                }
            }
            assertTrue(errors.isEmpty(), () -> errors.size() + " mismatches, e.g. " + errors.peek());
            assertThrows(QueueEmptyException.class, () -> rt.receive("k", Duration.ofMillis(10)));
        }

        @Test
        @DisplayName("times out with QueueEmptyException and a late reply is dropped, not delivered to others")
        void timeout() {
            var release = new CountDownLatch(1);
            rt.<Integer, Integer>launch("k", ctx -> {
                Integer m;
                while ((m = ctx.receive()) != null) {
                    release.await();
                    ctx.send(m);
                }
            });
            rt.activate("k");
            var e = assertThrows(QueueEmptyException.class, () -> rt.call("k", 1, Duration.ofMillis(50)));
            assertEquals("Queue is empty", e.getMessage());
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> rt.metrics("k").dropped() == 1);
            rt.send("k", 2);
            assertEquals(2, (Integer) rt.receive("k"));
        }

        @Test
        @DisplayName("fails with KernelStateException when the kernel fails before replying")
        void kernelFails() {
            var boom = new IllegalStateException("no reply");
            rt.<Integer, Integer>launch("k", ctx -> {
                ctx.receive();
                throw boom;
            });
            rt.activate("k");
            var e = assertThrows(KernelStateException.class, () -> rt.call("k", 1, Duration.ofSeconds(10)));
            assertSame(boom, e.getCause());
            assertEquals(KernelState.FAILED, e.currentState());
        }
    }
}
