package org.jdotcompute.api.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.jdotcompute.api.exceptions.QueueFullException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Several producers and consumers hammer one queue: nothing is lost or duplicated, each
 * producer's messages arrive in order (per priority), and every strategy keeps its contract.
 */
@DisplayName("MessageQueue under contention")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MessageQueueContentionTest {
    private static final int PER_PRODUCER = 50_000;

    /** A message: who sent it, its sequence number, and a priority derived from it. */
    record Tagged(int producer, int seq, int priority) implements Prioritized {
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (BackpressureStrategy s : BackpressureStrategy.values()) {
            cases.add(Arguments.of(QueueConcurrency.SPSC, s, false, 1, 1));
            cases.add(Arguments.of(QueueConcurrency.MPSC, s, false, 4, 1));
            cases.add(Arguments.of(QueueConcurrency.MPMC, s, false, 4, 3));
            cases.add(Arguments.of(QueueConcurrency.MPMC, s, true, 4, 2));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} priority={2}, {3} producer(s), {4} consumer(s)")
    @MethodSource("cases")
    @DisplayName("loses nothing, duplicates nothing and keeps each producer's order")
    void contention(QueueConcurrency concurrency, BackpressureStrategy strategy, boolean priority, int producers,
            int consumers) throws Exception {
        var q = new MessageQueue<Tagged>(64, strategy, concurrency, priority);
        var accepted = new BitSet[producers];
        var received = new ConcurrentLinkedQueue<List<Tagged>>();
        var failures = new ConcurrentLinkedQueue<String>();
        var producersDone = new AtomicBoolean();
        var rejected = new AtomicLong();
        var start = new CountDownLatch(1);
        List<Thread> producerThreads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            accepted[p] = new BitSet(PER_PRODUCER);
            producerThreads.add(Thread.ofPlatform().name("producer-" + p).start(() -> {
                awaitQuietly(start);
                for (int seq = 0; seq < PER_PRODUCER; seq++) {
                    try {
                        q.put(new Tagged(id, seq, priority ? seq % 3 * 100 : 0));
                        accepted[id].set(seq);
                    } catch (QueueFullException e) {
                        rejected.incrementAndGet(); // REJECT only
                    }
                }
            }));
        }
        List<Thread> consumerThreads = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            consumerThreads.add(Thread.ofPlatform().name("consumer-" + c).start(() -> {
                awaitQuietly(start);
                List<Tagged> mine = new ArrayList<>();
                while (true) {
                    Tagged m = q.poll(Duration.ofMillis(5));
                    if (m != null) {
                        mine.add(m);
                    } else if (producersDone.get() && q.isEmpty()) {
                        break;
                    }
                }
                received.add(mine);
            }));
        }
        start.countDown();
        for (Thread t : producerThreads) {
            t.join();
        }
        producersDone.set(true);
        for (Thread t : consumerThreads) {
            t.join();
        }

        BitSet[] seen = new BitSet[producers];
        for (int p = 0; p < producers; p++) {
            seen[p] = new BitSet(PER_PRODUCER);
        }
        long total = 0;
        for (List<Tagged> mine : received) {
            int[][] last = new int[producers][3];
            for (int[] row : last) {
                java.util.Arrays.fill(row, -1);
            }
            for (Tagged m : mine) {
                total++;
                if (seen[m.producer()].get(m.seq())) {
                    failures.add("duplicate " + m);
                }
                seen[m.producer()].set(m.seq());
                int lane = priority ? m.priority() / 100 : 0;
                if (m.seq() <= last[m.producer()][lane]) {
                    failures.add("out of order: " + m + " after seq " + last[m.producer()][lane]);
                }
                last[m.producer()][lane] = m.seq();
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " ordering/duplication failures, e.g. " + failures.peek());
        }
        long sent = (long) producers * PER_PRODUCER;
        switch (strategy) {
            case BLOCK -> {
                assertEquals(sent, total, "every message arrives");
                assertEquals(0, q.droppedCount());
                assertEquals(0, rejected.get());
            }
            case REJECT -> {
                assertEquals(sent - rejected.get(), total, "every accepted message arrives");
                assertEquals(rejected.get(), q.rejectedCount());
                for (int p = 0; p < producers; p++) {
                    assertEquals(accepted[p], seen[p], "producer " + p + ": received exactly what was accepted");
                }
            }
            case DROP_OLDEST -> {
                assertEquals(sent, total + q.droppedCount(), "every message arrives or is counted as dropped");
                assertEquals(0, rejected.get());
            }
        }
        assertEquals(sent - rejected.get(), q.enqueuedCount());
        assertEquals(total, q.dequeuedCount());
        assertTrue(q.highWaterMark() <= 64, "high-water mark " + q.highWaterMark() + " within capacity");
        assertTrue(q.isEmpty());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
