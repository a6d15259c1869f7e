package org.jdotcompute.spi.internal.ring;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.jdotcompute.api.exceptions.KernelState;
import org.jdotcompute.api.exceptions.KernelStateException;
import org.jdotcompute.api.exceptions.QueueEmptyException;
import org.jdotcompute.api.exceptions.QueueFullException;
import org.jdotcompute.api.ring.BackpressureStrategy;
import org.jdotcompute.api.ring.Prioritized;
import org.jdotcompute.api.ring.RingKernel;
import org.jdotcompute.api.ring.RingKernelOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Ring kernels under load")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RingReliabilityTest {

    /** A message from producer {@code producer}, its {@code seq}-th, with a priority. */
    record M(int producer, int seq, int priority) implements Prioritized {
    }

    /** Checks what one consumer received: no duplicates, FIFO per producer (and per priority lane). */
    static final class Ledger {
        final BitSet[] seen;
        final int[][] last;
        final List<String> errors = new ArrayList<>();
        long count;

        Ledger(int producers, int perProducer) {
            seen = new BitSet[producers];
            last = new int[producers][256];
            for (int p = 0; p < producers; p++) {
                seen[p] = new BitSet(perProducer);
                java.util.Arrays.fill(last[p], -1);
            }
        }

        void accept(M m) {
            count++;
            if (seen[m.producer()].get(m.seq())) {
                error("duplicate " + m);
            }
            seen[m.producer()].set(m.seq());
            if (m.seq() <= last[m.producer()][m.priority()]) {
                error("out of order: " + m + " after " + last[m.producer()][m.priority()]);
            }
            last[m.producer()][m.priority()] = m.seq();
        }

        private void error(String e) {
            if (errors.size() < 10) {
                errors.add(e);
            }
        }

        void assertClean() {
            if (!errors.isEmpty()) {
                fail("consumer saw errors: " + errors);
            }
        }
    }

    static List<Thread> producers(RingRuntime rt, String id, int producers, int perProducer, boolean priorities,
            AtomicLong rejected, BitSet[] accepted) {
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int me = p;
            threads.add(Thread.ofPlatform().name("producer-" + p).start(() -> {
                for (int seq = 0; seq < perProducer; seq++) {
                    try {
                        rt.send(id, new M(me, seq, priorities ? (seq % 4) * 50 : 0));
                        if (accepted != null) {
                            accepted[me].set(seq);
                        }
                    } catch (QueueFullException e) {
                        rejected.incrementAndGet();
                    }
                }
            }));
        }
        return threads;
    }

    static void join(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
    }

    @Nested
    @DisplayName("many messages")
    class Many {
        @Test
        @DisplayName("1 M messages from 4 concurrent producers: none lost, none duplicated, FIFO per producer")
        void million() throws Exception {
            try (var rt = TestRuntimes.standalone()) {
                rt.launch("relay", RingKernel.<M, M>mapping(m -> m));
                rt.activate("relay");
                int producers = 4;
                int per = 250_000;
                var threads = producers(rt, "relay", producers, per, false, new AtomicLong(), null);
                var ledger = new Ledger(producers, per);
                for (long i = 0; i < (long) producers * per; i++) {
                    ledger.accept(rt.receive("relay"));
                }
                join(threads);
                ledger.assertClean();
                for (int p = 0; p < producers; p++) {
                    assertEquals(per, ledger.seen[p].cardinality(), "producer " + p);
                }
                await().atMost(Duration.ofSeconds(5)).until(() -> rt.metrics("relay").messagesOut() == 1_000_000);
                var metrics = rt.metrics("relay");
                assertEquals(1_000_000, metrics.messagesIn());
                assertEquals(1_000_000, metrics.messagesOut());
                assertEquals(0, metrics.dropped());
                assertEquals(1_000_000, metrics.latency().count());
                assertThrows(rt);
            }
        }

        private static void assertThrows(RingRuntime rt) {
            org.junit.jupiter.api.Assertions.assertThrows(QueueEmptyException.class,
                    () -> rt.receive("relay", Duration.ofMillis(5)));
        }

        @Test
        @DisplayName("with priorities: none lost, none duplicated, FIFO per producer within each priority")
        void priorities() throws Exception {
            try (var rt = TestRuntimes.standalone()) {
                rt.launch("relay", RingKernel.<M, M>mapping(m -> m), RingKernelOptions.defaults().withPriority(true)
                        .withInputQueueSize(256).withOutputQueueSize(256));
                rt.activate("relay");
                int producers = 4;
                int per = 50_000;
                var threads = producers(rt, "relay", producers, per, true, new AtomicLong(), null);
                var ledger = new Ledger(producers, per);
                for (long i = 0; i < (long) producers * per; i++) {
                    ledger.accept(rt.receive("relay"));
                }
                join(threads);
                ledger.assertClean();
                assertEquals((long) producers * per, ledger.count);
            }
        }
    }

    @Nested
    @DisplayName("backpressure under contention")
    class Backpressure {
        @ParameterizedTest(name = "{0}")
        @EnumSource(BackpressureStrategy.class)
        @DisplayName("every strategy keeps its contract with 4 producers and a slow-ish consumer")
        void strategy(BackpressureStrategy strategy) throws Exception {
            try (var rt = TestRuntimes.standalone()) {
                int producers = 4;
                int per = 50_000;
                // Under REJECT a full output queue would make the kernel's own send throw (and the
                // mapping kernel fail, as documented): give it room, so REJECT is tested on the input.
                int outputSize = strategy == BackpressureStrategy.REJECT ? producers * per : 16;
                rt.launch("relay", RingKernel.<M, M>mapping(m -> m), RingKernelOptions.defaults()
                        .withBackpressure(strategy).withInputQueueSize(16).withOutputQueueSize(outputSize));
                rt.activate("relay");
                var rejected = new AtomicLong();
                var accepted = new BitSet[producers];
                for (int p = 0; p < producers; p++) {
                    accepted[p] = new BitSet(per);
                }
                var threads = producers(rt, "relay", producers, per, false, rejected, accepted);
                var done = new AtomicBoolean();
                var ledger = new Ledger(producers, per);
                Thread consumer = Thread.ofPlatform().name("consumer").start(() -> {
                    while (true) {
                        try {
                            ledger.accept(rt.receive("relay", Duration.ofMillis(20)));
                        } catch (QueueEmptyException e) {
                            if (done.get() && rt.metrics("relay").inputQueue().depth() == 0
                                    && rt.metrics("relay").outputQueue().depth() == 0
                                    && rt.metrics("relay").messagesIn() == rt.metrics("relay").inputQueue().dequeued()
                                    && settled(rt)) {
                                return;
                            }
                        }
                    }
                });
                join(threads);
                done.set(true);
                consumer.join();
                ledger.assertClean();
                var m = rt.metrics("relay");
                long sent = (long) producers * per;
                switch (strategy) {
                    case BLOCK -> {
                        assertEquals(sent, ledger.count);
                        assertEquals(0, m.dropped());
                        assertEquals(0, rejected.get());
                    }
                    case REJECT -> {
                        assertEquals(sent - rejected.get(), ledger.count, "everything accepted arrives");
                        assertEquals(rejected.get(), m.rejected());
                        assertTrue(rejected.get() > 0, "the consumer is slower than 4 producers: some sends are rejected");
                        for (int p = 0; p < producers; p++) {
                            assertEquals(accepted[p], ledger.seen[p]);
                        }
                    }
                    case DROP_OLDEST -> {
                        assertEquals(sent, ledger.count + m.dropped(), "everything arrives or is counted as dropped");
                        assertEquals(0, rejected.get());
                    }
                }
            }
        }

        /** Whether the kernel has handed on everything it took (messagesOut caught up with messagesIn). */
        private static boolean settled(RingRuntime rt) {
            var m = rt.metrics("relay");
            return m.messagesOut() == m.messagesIn();
        }
    }

    @Nested
    @DisplayName("lifecycle under load")
    class LifecycleUnderLoad {
        @Test
        @DisplayName("deactivate/reactivate while producers send: nothing handled while deactivated, nothing lost")
        void toggling() throws Exception {
            try (var rt = TestRuntimes.standalone()) {
                rt.launch("relay", RingKernel.<M, M>mapping(m -> m), RingKernelOptions.defaults()
                        .withInputQueueSize(64));
                rt.activate("relay");
                int producers = 2;
                int per = 100_000;
                var threads = producers(rt, "relay", producers, per, false, new AtomicLong(), null);
                var ledger = new Ledger(producers, per);
                Thread consumer = Thread.ofPlatform().name("consumer").start(() -> {
                    for (long i = 0; i < (long) producers * per; i++) {
                        ledger.accept(rt.receive("relay"));
                    }
                });
                var violations = new ArrayList<String>();
                for (int round = 0; round < 20 && threads.stream().anyMatch(Thread::isAlive); round++) {
                    rt.deactivate("relay");
                    long frozen = rt.metrics("relay").messagesIn();
                    await().during(Duration.ofMillis(20)).atMost(Duration.ofSeconds(2))
                            .until(() -> rt.metrics("relay").messagesIn() == frozen);
                    if (rt.metrics("relay").messagesIn() != frozen) {
                        violations.add("round " + round + ": handled while deactivated");
                    }
                    rt.reactivate("relay");
                    await().atMost(Duration.ofSeconds(10)).until(() -> rt.metrics("relay").messagesIn() > frozen
                            || threads.stream().noneMatch(Thread::isAlive));
                }
                join(threads);
                consumer.join(60_000);
                assertTrue(violations.isEmpty(), violations::toString);
                ledger.assertClean();
                assertEquals((long) producers * per, ledger.count);
            }
        }

        @Test
        @DisplayName("terminate while producers and a consumer are busy: everyone is released with KernelStateException")
        void terminateUnderLoad() throws Exception {
            try (var rt = TestRuntimes.standalone()) {
                rt.launch("relay", RingKernel.<M, M>mapping(m -> m), RingKernelOptions.defaults()
                        .withInputQueueSize(8).withOutputQueueSize(8));
                rt.activate("relay");
                var outcomes = new ConcurrentLinkedQueue<Throwable>();
                List<Thread> threads = new ArrayList<>();
                for (int p = 0; p < 3; p++) {
                    int me = p;
                    threads.add(Thread.ofPlatform().start(() -> {
                        try {
                            for (int seq = 0; ; seq++) {
                                rt.send("relay", new M(me, seq, 0));
                            }
                        } catch (Throwable t) {
                            outcomes.add(t);
                        }
                    }));
                }
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        while (true) {
                            rt.receive("relay");
                        }
                    } catch (Throwable t) {
                        outcomes.add(t);
                    }
                }));
                await().atMost(Duration.ofSeconds(10)).until(() -> rt.metrics("relay").messagesIn() > 10_000);
                rt.terminate("relay");
                join(threads);
                assertEquals(4, outcomes.size());
                for (Throwable t : outcomes) {
                    assertTrue(t instanceof KernelStateException, "released with " + t);
                }
                assertEquals(KernelState.TERMINATED, rt.state("relay"));
            }
        }
    }

    @Nested
    @DisplayName("threads")
    class Threads {
        @Test
        @DisplayName("no thread leaks after many runtimes with platform and virtual kernels are closed")
        void noLeak() {
            Set<Thread> before = liveThreads();
            for (int r = 0; r < 10; r++) {
                var rt = TestRuntimes.standalone();
                for (int k = 0; k < 6; k++) {
                    rt.launch("k" + k, RingKernel.<Integer, Integer>mapping(x -> x + 1),
                            RingKernelOptions.defaults().withVirtualThread(k % 2 == 1));
                    if (k % 3 != 0) {
                        rt.activate("k" + k);
                        rt.send("k" + k, k);
                        assertEquals(k + 1, (Integer) rt.receive("k" + k));
                    }
                }
                rt.close();
                assertEquals(Set.of(), TestRuntimes.kernelThreads(), "after close " + r);
            }
            Set<Thread> after = liveThreads();
            after.removeAll(before);
            // The JDK's own virtual-thread machinery (the ForkJoinPool carriers, VirtualThread-unblocker
            // and -unparker) is started on first use, shared by the whole JVM, and lingers by design.
            Set<String> leaked = after.stream().map(Thread::getName)
                    .filter(n -> !n.startsWith("ForkJoinPool-") && !n.startsWith("VirtualThread-"))
                    .collect(Collectors.toSet());
            assertEquals(Set.of(), leaked, "threads started by the runtimes and still alive");
        }

        private static Set<Thread> liveThreads() {
            return new HashSet<>(Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).toList());
        }
    }
}
