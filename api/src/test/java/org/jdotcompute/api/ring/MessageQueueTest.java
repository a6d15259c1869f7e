package org.jdotcompute.api.ring;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jdotcompute.api.exceptions.QueueEmptyException;
import org.jdotcompute.api.exceptions.QueueFullException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("MessageQueue")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MessageQueueTest {

    record Msg(int priority, String name) implements Prioritized {
    }

    static Thread startDaemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    static void awaitParked(Thread t) {
        await().atMost(Duration.ofSeconds(10)).until(() -> t.getState() == Thread.State.WAITING
                || t.getState() == Thread.State.TIMED_WAITING);
    }

    @Test
    @DisplayName("runs on the module path")
    void modulePath() {
        assertTrue(getClass().getModule().isNamed(), "tests must run in the org.jdotcompute.api module");
    }

    @Nested
    @DisplayName("construction")
    class Construction {
        @Test
        @DisplayName("rejects a capacity of zero or less, naming it")
        void badCapacity() {
            var e = assertThrows(IllegalArgumentException.class, () -> new MessageQueue<>(0, BackpressureStrategy.BLOCK));
            assertEquals("capacity 0 must be positive", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> new MessageQueue<>(-3, BackpressureStrategy.REJECT));
            assertEquals("capacity -3 must be positive", e.getMessage());
        }

        @Test
        @DisplayName("rejects a capacity over 2^30, naming it")
        void hugeCapacity() {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> new MessageQueue<>((1 << 30) + 1, BackpressureStrategy.BLOCK));
            assertEquals("capacity 1073741825 is too large; the most is 1073741824", e.getMessage());
        }

        @Test
        @DisplayName("rejects a null strategy and a null message")
        void nulls() {
            assertThrows(NullPointerException.class, () -> new MessageQueue<>(4, null));
            var q = new MessageQueue<String>(4, BackpressureStrategy.BLOCK);
            var e = assertThrows(NullPointerException.class, () -> q.put(null));
            assertEquals("message must not be null", e.getMessage());
        }

        @Test
        @DisplayName("reports its settings")
        void settings() {
            var q = new MessageQueue<String>(5, BackpressureStrategy.REJECT, QueueConcurrency.MPSC, true);
            assertEquals(5, q.capacity());
            assertEquals(BackpressureStrategy.REJECT, q.strategy());
            assertEquals(QueueConcurrency.MPSC, q.concurrency());
            assertTrue(q.priorityOrder());
            assertEquals("MessageQueue(capacity 5, REJECT, priority)", q.toString());
        }
    }

    @Nested
    @DisplayName("in FIFO order")
    class Fifo {
        @ParameterizedTest(name = "{0}")
        @EnumSource(QueueConcurrency.class)
        @DisplayName("delivers messages in the order they were put, up to an exact capacity that need not be a power of two")
        void order(QueueConcurrency concurrency) {
            var q = new MessageQueue<Integer>(3, BackpressureStrategy.REJECT, concurrency, false);
            assertTrue(q.isEmpty());
            for (int round = 0; round < 5; round++) { // wraps around the ring
                q.put(1);
                q.put(2);
                q.put(3);
                assertEquals(3, q.size());
                assertFalse(q.offer(4));
                assertEquals(1, q.get());
                assertEquals(2, q.get());
                assertEquals(3, q.get());
                assertTrue(q.isEmpty());
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(QueueConcurrency.class)
        @DisplayName("get on an empty queue throws QueueEmptyException at once; poll returns null")
        void empty(QueueConcurrency concurrency) {
            var q = new MessageQueue<Integer>(2, BackpressureStrategy.BLOCK, concurrency, false);
            var e = assertThrows(QueueEmptyException.class, q::get);
            assertEquals("Queue is empty", e.getMessage());
            assertNull(q.poll());
        }

        @Test
        @DisplayName("a capacity of one works for every ring")
        void capacityOne() {
            for (QueueConcurrency c : QueueConcurrency.values()) {
                var q = new MessageQueue<String>(1, BackpressureStrategy.REJECT, c, false);
                for (int i = 0; i < 10; i++) {
                    q.put("m" + i);
                    assertFalse(q.offer("x"));
                    assertEquals("m" + i, q.take());
                }
            }
        }
    }

    @Nested
    @DisplayName("under REJECT")
    class Reject {
        @ParameterizedTest(name = "priority order {0}")
        @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
        @DisplayName("a put on a full queue throws QueueFullException naming the capacity, and counts it")
        void full(boolean priority) {
            var q = new MessageQueue<String>(2, BackpressureStrategy.REJECT, QueueConcurrency.MPMC, priority);
            q.put("a");
            q.put("b");
            var e = assertThrows(QueueFullException.class, () -> q.put("c"));
            assertEquals("Queue is full (size: 2)", e.getMessage());
            assertEquals(2, e.queueSize());
            var timed = assertThrows(QueueFullException.class, () -> q.put("c", Duration.ofSeconds(5)));
            assertEquals("Queue is full (size: 2)", timed.getMessage());
            assertEquals(2, q.rejectedCount());
            assertEquals(2, q.size());
            assertEquals("a", q.get());
        }
    }

    @Nested
    @DisplayName("under BLOCK")
    class Block {
        @ParameterizedTest(name = "{0}")
        @EnumSource(QueueConcurrency.class)
        @DisplayName("a put on a full queue waits (parked, not spinning) until a get makes room")
        void waitsForRoom(QueueConcurrency concurrency) throws Exception {
            var q = new MessageQueue<String>(1, BackpressureStrategy.BLOCK, concurrency, false);
            q.put("first");
            var done = new CompletableFuture<Void>();
            Thread producer = startDaemon("producer", () -> {
                q.put("second");
                done.complete(null);
            });
            awaitParked(producer);
            assertFalse(done.isDone());
            assertEquals("first", q.get());
            done.get(10, TimeUnit.SECONDS);
            assertEquals("second", q.get());
        }

        @Test
        @DisplayName("a timed put throws QueueFullException when the timeout expires")
        void timedPut() {
            var q = new MessageQueue<String>(1, BackpressureStrategy.BLOCK);
            q.put("x");
            long start = System.nanoTime();
            var e = assertThrows(QueueFullException.class, () -> q.put("y", Duration.ofMillis(50)));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50));
            assertEquals("Queue is full (size: 1)", e.getMessage());
            assertEquals(1, q.rejectedCount());
        }

        @Test
        @DisplayName("an interrupted put throws QueueFullException caused by InterruptedException and keeps the flag")
        void interruptedPut() throws Exception {
            var q = new MessageQueue<String>(1, BackpressureStrategy.BLOCK);
            q.put("x");
            var thrown = new AtomicReference<Throwable>();
            var flag = new AtomicReference<Boolean>();
            Thread producer = startDaemon("producer", () -> {
                try {
                    q.put("y");
                } catch (QueueFullException e) {
                    thrown.set(e);
                    flag.set(Thread.currentThread().isInterrupted());
                }
            });
            awaitParked(producer);
            producer.interrupt();
            producer.join(10_000);
            assertInstanceOf(InterruptedException.class, thrown.get().getCause());
            assertTrue(flag.get());
        }

        @Test
        @DisplayName("a take waits for a put, and a get with a timeout gives up with QueueEmptyException")
        void takeWaits() throws Exception {
            var q = new MessageQueue<String>(4, BackpressureStrategy.BLOCK, QueueConcurrency.SPSC, false);
            var got = new CompletableFuture<String>();
            Thread consumer = startDaemon("consumer", () -> got.complete(q.take()));
            awaitParked(consumer);
            q.put("hello");
            assertEquals("hello", got.get(10, TimeUnit.SECONDS));
            var e = assertThrows(QueueEmptyException.class, () -> q.get(Duration.ofMillis(20)));
            assertEquals("Queue is empty", e.getMessage());
            assertNull(q.poll(Duration.ofMillis(1)));
        }

        @Test
        @DisplayName("producers and consumers are woken separately: many parked consumers all get a message")
        void manyConsumers() throws Exception {
            var q = new MessageQueue<Integer>(8, BackpressureStrategy.BLOCK);
            List<CompletableFuture<Integer>> results = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                var f = new CompletableFuture<Integer>();
                results.add(f);
                threads.add(startDaemon("consumer-" + i, () -> f.complete(q.take())));
            }
            threads.forEach(MessageQueueTest::awaitParked);
            for (int i = 0; i < 4; i++) {
                q.put(i);
            }
            int sum = 0;
            for (var f : results) {
                sum += f.get(10, TimeUnit.SECONDS);
            }
            assertEquals(0 + 1 + 2 + 3, sum);
        }
    }

    @Nested
    @DisplayName("under DROP_OLDEST")
    class DropOldest {
        @Test
        @DisplayName("a put on a full queue removes the oldest message and counts it")
        void dropsOldest() {
            var q = new MessageQueue<Integer>(3, BackpressureStrategy.DROP_OLDEST, QueueConcurrency.SPSC, false);
            for (int i = 1; i <= 5; i++) {
                q.put(i);
            }
            assertEquals(2, q.droppedCount());
            assertEquals(3, q.get());
            assertEquals(4, q.get());
            assertEquals(5, q.get());
            assertEquals(5, q.enqueuedCount());
            assertEquals(3, q.dequeuedCount());
            assertTrue(q.offer(6));
        }

        @Test
        @DisplayName("with priorities it drops the oldest of the lowest priority, never a higher one")
        void dropsLowest() {
            var q = new MessageQueue<Msg>(3, BackpressureStrategy.DROP_OLDEST, QueueConcurrency.MPMC, true);
            q.put(new Msg(255, "urgent"));
            q.put(new Msg(10, "old-low"));
            q.put(new Msg(10, "new-low"));
            q.put(new Msg(100, "middle"));
            assertEquals(1, q.droppedCount());
            assertEquals("urgent", q.get().name());
            assertEquals("middle", q.get().name());
            assertEquals("new-low", q.get().name());
        }

        @Test
        @DisplayName("with priorities an incoming message below everything queued is the one dropped")
        void dropsIncomingLowest() {
            var q = new MessageQueue<Msg>(2, BackpressureStrategy.DROP_OLDEST, QueueConcurrency.MPMC, true);
            q.put(new Msg(200, "a"));
            q.put(new Msg(200, "b"));
            q.put(new Msg(1, "low"));
            assertEquals(1, q.droppedCount());
            assertEquals(2, q.size());
            assertEquals("a", q.get().name());
            assertEquals("b", q.get().name());
        }
    }

    @Nested
    @DisplayName("in priority order")
    class Priority {
        @Test
        @DisplayName("delivers the highest priority first and FIFO within a priority; plain messages count as 128")
        void order() {
            var q = new MessageQueue<Object>(10, BackpressureStrategy.REJECT, QueueConcurrency.MPMC, true);
            q.put(new Msg(5, "low-1"));
            q.put(new Msg(200, "high-1"));
            q.put("plain");
            q.put(new Msg(5, "low-2"));
            q.put(new Msg(200, "high-2"));
            q.put(new Msg(0, "zero"));
            q.put(new Msg(255, "top"));
            List<String> names = new ArrayList<>();
            Object m;
            while ((m = q.poll()) != null) {
                names.add(m instanceof Msg msg ? msg.name() : (String) m);
            }
            assertEquals(List.of("top", "high-1", "high-2", "plain", "low-1", "low-2", "zero"), names);
        }

        @Test
        @DisplayName("respects the capacity whatever the priorities")
        void capacity() {
            var q = new MessageQueue<Msg>(2, BackpressureStrategy.REJECT, QueueConcurrency.MPMC, true);
            q.put(new Msg(1, "a"));
            q.put(new Msg(2, "b"));
            assertThrows(QueueFullException.class, () -> q.put(new Msg(255, "c")));
            assertEquals(2, q.size());
            assertEquals(2, q.highWaterMark());
        }

        @Test
        @DisplayName("rejects a priority outside 0-255, naming the value")
        void badPriority() {
            var q = new MessageQueue<Msg>(2, BackpressureStrategy.BLOCK, QueueConcurrency.MPMC, true);
            var e = assertThrows(IllegalArgumentException.class, () -> q.put(new Msg(256, "x")));
            assertEquals("priority 256 of a org.jdotcompute.api.ring.MessageQueueTest$Msg is outside 0–255;"
                    + " return a priority in that range", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> q.put(new Msg(-1, "x")));
            assertTrue(e.getMessage().startsWith("priority -1 of a "));
            assertTrue(q.isEmpty());
        }

        @Test
        @DisplayName("a BLOCK put on a full priority queue waits for room")
        void blocks() throws Exception {
            var q = new MessageQueue<Msg>(1, BackpressureStrategy.BLOCK, QueueConcurrency.MPMC, true);
            q.put(new Msg(1, "a"));
            var done = new CompletableFuture<Void>();
            Thread producer = startDaemon("producer", () -> {
                q.put(new Msg(9, "b"));
                done.complete(null);
            });
            awaitParked(producer);
            assertEquals("a", q.take().name());
            done.get(10, TimeUnit.SECONDS);
            assertEquals("b", q.take().name());
        }
    }

    @Nested
    @DisplayName("when closed")
    class Closed {
        @Test
        @DisplayName("refuses puts, lets what is queued be taken, then stops blocking gets")
        void drains() {
            var q = new MessageQueue<String>(4, BackpressureStrategy.BLOCK, QueueConcurrency.MPSC, false);
            q.put("left");
            q.close();
            assertTrue(q.isClosed());
            var e = assertThrows(IllegalStateException.class, () -> q.put("late"));
            assertEquals("MessageQueue(capacity 4, BLOCK, MPSC) is closed; no message can be put in it any more",
                    e.getMessage());
            assertEquals("left", q.take());
            var empty = assertThrows(IllegalStateException.class, q::take);
            assertEquals("MessageQueue(capacity 4, BLOCK, MPSC) is closed and empty; no message can arrive any more",
                    empty.getMessage());
            assertNull(q.poll(Duration.ofDays(1)));
            assertThrows(QueueEmptyException.class, q::get);
        }

        @Test
        @DisplayName("wakes a parked consumer and a parked producer at once")
        void wakesWaiters() throws Exception {
            var empty = new MessageQueue<String>(1, BackpressureStrategy.BLOCK);
            var full = new MessageQueue<String>(1, BackpressureStrategy.BLOCK);
            full.put("x");
            var consumerFailure = new CompletableFuture<Throwable>();
            var producerFailure = new CompletableFuture<Throwable>();
            Thread consumer = startDaemon("consumer", () -> {
                try {
                    empty.take();
                } catch (IllegalStateException e) {
                    consumerFailure.complete(e);
                }
            });
            Thread producer = startDaemon("producer", () -> {
                try {
                    full.put("y");
                } catch (IllegalStateException e) {
                    producerFailure.complete(e);
                }
            });
            awaitParked(consumer);
            awaitParked(producer);
            empty.close();
            full.close();
            assertInstanceOf(IllegalStateException.class, consumerFailure.get(5, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, producerFailure.get(5, TimeUnit.SECONDS));
        }
    }

    @Nested
    @DisplayName("counters")
    class Counters {
        @Test
        @DisplayName("count enqueued, dequeued, dropped and the high-water mark")
        void move() {
            var q = new MessageQueue<Integer>(4, BackpressureStrategy.DROP_OLDEST);
            for (int i = 0; i < 3; i++) {
                q.put(i);
            }
            assertEquals(3, q.highWaterMark());
            q.get();
            q.get();
            for (int i = 0; i < 6; i++) {
                q.put(i);
            }
            assertEquals(9, q.enqueuedCount());
            assertEquals(2, q.dequeuedCount());
            assertEquals(3, q.droppedCount());
            assertEquals(4, q.highWaterMark());
            assertEquals(4, q.size());
            assertEquals(4, q.clear());
            assertEquals(0, q.size());
            QueueMetrics m = QueueMetrics.of(q);
            assertEquals(new QueueMetrics(4, 0, 4, 9, 2, 3, 0), m);
        }
    }
}
