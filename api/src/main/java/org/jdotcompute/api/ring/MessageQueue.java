package org.jdotcompute.api.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.jdotcompute.api.exceptions.QueueEmptyException;
import org.jdotcompute.api.exceptions.QueueFullException;

/**
 * A bounded message queue with a backpressure contract: a lock-free ring buffer (single- or
 * multi-producer, single- or multi-consumer, see {@link QueueConcurrency}) or, with priority order
 * on, 256 FIFO buckets under a short lock.
 *
 * <ul>
 *   <li>{@link BackpressureStrategy#BLOCK}: {@link #put(Object)} waits for room;
 *       {@link #put(Object, Duration)} throws {@link QueueFullException} when its timeout expires.
 *   <li>{@link BackpressureStrategy#REJECT}: {@code put} on a full queue throws
 *       {@link QueueFullException} at once.
 *   <li>{@link BackpressureStrategy#DROP_OLDEST}: {@code put} on a full queue removes the oldest
 *       message and counts it in {@link #droppedCount()}. With priorities, the oldest message of the
 *       <em>lowest</em> priority goes (the incoming message counts as the newest of its priority, so
 *       a message of lower priority than everything queued is itself dropped) — never a message of
 *       a higher priority than one kept.
 * </ul>
 *
 * <p>With priority order, messages implementing {@link Prioritized} are delivered highest
 * priority first, FIFO within a priority; other messages have {@link Prioritized#DEFAULT_PRIORITY}.
 * The capacity bounds the total whatever the priorities.
 *
 * <p>Waiting (a {@code BLOCK} put on a full queue, {@link #take()}, the timed gets) spins while
 * spinning pays — up to 20 µs when the other side answers that fast, as with free cores — and
 * otherwise parks at once (never a fixed sleep); a put wakes only waiting consumers and a get wakes
 * only waiting producers, and only when some are parked. An interrupted wait keeps the thread's
 * interrupt flag set and throws {@link QueueFullException} (for puts) or
 * {@link QueueEmptyException} (for gets) whose cause is the {@link InterruptedException}.
 *
 * <p>{@link #close()} ends the queue for producers: puts then throw {@link IllegalStateException};
 * messages already in it can still be taken, after which blocking gets fail at once instead of
 * waiting for messages that cannot come.
 *
 * <p>Counters: {@link #enqueuedCount()}, {@link #dequeuedCount()}, {@link #droppedCount()},
 * {@link #rejectedCount()} and {@link #highWaterMark()}; under concurrency they are snapshots.
 *
 * <p>Thread-safe for the threads its {@link QueueConcurrency} allows (any number of each with the
 * two-argument constructor). Happens-before: putting a message happens-before getting it.
 *
 * @param <T> the message type
 */
public final class MessageQueue<T> {
    private static final VarHandle HIGH_WATER_MARK;

    static {
        try {
            HIGH_WATER_MARK = MethodHandles.lookup().findVarHandle(MessageQueue.class, "highWaterMark", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Longer timeouts are cut to this (about 73 years), which keeps deadline arithmetic exact. */
    private static final long MAX_TIMEOUT_NANOS = Long.MAX_VALUE / 4;

    private final Ring<T> ring;
    private final int capacity;
    private final BackpressureStrategy strategy;
    private final QueueConcurrency concurrency;
    private final boolean priorityOrder;
    /** Consumers waiting for a message. */
    private final Waiting consumers = new Waiting();
    /** Producers waiting for room (only under {@code BLOCK}). */
    private final Waiting producers = new Waiting();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong cleared = new AtomicLong();
    private volatile boolean closed;
    @SuppressWarnings("unused") // accessed through HIGH_WATER_MARK
    private volatile int highWaterMark;

    /**
     * A FIFO queue for any number of producers and consumers.
     *
     * @param capacity the most messages it holds (1 to 2<sup>30</sup>)
     * @param strategy what a put on a full queue does
     * @throws IllegalArgumentException if the capacity is out of range (names it)
     */
    public MessageQueue(int capacity, BackpressureStrategy strategy) {
        this(capacity, strategy, QueueConcurrency.MPMC, false);
    }

    /**
     * A queue with a chosen ring and, optionally, priority order.
     *
     * @param capacity      the most messages it holds (1 to 2<sup>30</sup>)
     * @param strategy      what a put on a full queue does
     * @param concurrency   which threads may use it at once; {@code DROP_OLDEST} queues always use
     *                      the multi-consumer ring (a full put removes a message itself), and
     *                      priority queues use their lock whatever this says
     * @param priorityOrder whether messages are delivered by {@link Prioritized#priority()}
     * @throws IllegalArgumentException if the capacity is out of range (names it)
     */
    public MessageQueue(int capacity, BackpressureStrategy strategy, QueueConcurrency concurrency,
            boolean priorityOrder) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity " + capacity + " must be positive");
        }
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(concurrency, "concurrency");
        this.capacity = capacity;
        this.strategy = strategy;
        this.concurrency = concurrency;
        this.priorityOrder = priorityOrder;
        QueueConcurrency ringKind = strategy == BackpressureStrategy.DROP_OLDEST ? QueueConcurrency.MPMC : concurrency;
        boolean producersMayWait = strategy == BackpressureStrategy.BLOCK;
        this.ring = priorityOrder ? new PriorityRing<>(capacity, producersMayWait) : switch (ringKind) {
            case SPSC -> new SpscRing<>(capacity, producersMayWait);
            case MPSC -> new MpscRing<>(capacity, producersMayWait);
            case MPMC -> new MpmcRing<>(capacity, producersMayWait);
        };
    }

    // ------------------------------------------------------------------ producers

    /**
     * Puts {@code message} under the queue's strategy; under {@code BLOCK} waits as long as it
     * takes for room.
     *
     * @throws QueueFullException       under {@code REJECT} when the queue is full (or when
     *                                  interrupted while waiting; the cause says so)
     * @throws IllegalStateException    if the queue is closed
     * @throws IllegalArgumentException if priority order is on and the message's priority is
     *                                  outside 0–255
     * @throws NullPointerException     if {@code message} is null
     */
    public void put(T message) {
        put(message, false, 0);
    }

    /**
     * Puts {@code message}, waiting at most {@code timeout} for room under {@code BLOCK}.
     *
     * @throws QueueFullException if the queue is still full when the timeout expires, or at once
     *                            under {@code REJECT}; see {@link #put(Object)} for the others
     */
    public void put(T message, Duration timeout) {
        put(message, true, deadline(timeout));
    }

    /**
     * Puts {@code message} if it can without waiting: under {@code BLOCK} and {@code REJECT}
     * returns {@code false} on a full queue (counted as rejected); under {@code DROP_OLDEST}
     * always succeeds.
     *
     * @throws IllegalStateException if the queue is closed; see {@link #put(Object)} for the others
     */
    public boolean offer(T message) {
        int priority = checkPut(message);
        if (ring.offer(message, priority)) {
            afterPut();
            return true;
        }
        if (strategy == BackpressureStrategy.DROP_OLDEST) {
            putDropping(message, priority);
            return true;
        }
        rejected.incrementAndGet();
        return false;
    }

    private void put(T message, boolean timed, long deadline) {
        int priority = checkPut(message);
        if (ring.offer(message, priority)) {
            afterPut();
            return;
        }
        switch (strategy) {
            case REJECT -> {
                rejected.incrementAndGet();
                throw new QueueFullException(capacity);
            }
            case DROP_OLDEST -> putDropping(message, priority);
            case BLOCK -> putWaiting(message, priority, timed, deadline);
        }
    }

    private int checkPut(T message) {
        Objects.requireNonNull(message, "message must not be null");
        int priority = priorityOrder ? Prioritized.priorityOf(message) : 0;
        if (closed) {
            throw closedForPuts();
        }
        return priority;
    }

    private void putDropping(T message, int priority) {
        int n = ring.offerDropping(message, priority);
        if (n > 0) {
            dropped.addAndGet(n);
        }
        afterPut();
    }

    private void putWaiting(T message, int priority, boolean timed, long deadline) {
        Waiting.ReadyCheck room = () -> closed || ring.size() < capacity;
        while (true) {
            boolean ready;
            try {
                ready = producers.await(room, remaining(timed, deadline));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                rejected.incrementAndGet();
                throw new QueueFullException(capacity, e);
            }
            if (closed) {
                throw closedForPuts();
            }
            if (!ready) {
                rejected.incrementAndGet();
                throw new QueueFullException(capacity);
            }
            if (ring.offer(message, priority)) {
                afterPut();
                return;
            }
        }
    }

    private void afterPut() {
        int size = ring.size();
        int mark = (int) HIGH_WATER_MARK.getOpaque(this);
        while (size > mark && !HIGH_WATER_MARK.weakCompareAndSet(this, mark, size)) {
            mark = (int) HIGH_WATER_MARK.getVolatile(this);
        }
        consumers.wakeOne();
    }

    // ------------------------------------------------------------------ consumers

    /**
     * Takes the next message without waiting.
     *
     * @throws QueueEmptyException if the queue is empty
     */
    public T get() {
        T message = poll();
        if (message == null) {
            throw new QueueEmptyException();
        }
        return message;
    }

    /**
     * Takes the next message, waiting at most {@code timeout}.
     *
     * @throws QueueEmptyException   if the timeout expires (or the wait is interrupted; the cause
     *                               says so)
     * @throws IllegalStateException if the queue is closed and empty
     */
    public T get(Duration timeout) {
        T message = await(true, deadline(timeout));
        if (message == null) {
            throw closed ? closedAndEmpty() : new QueueEmptyException();
        }
        return message;
    }

    /**
     * Takes the next message, waiting as long as it takes.
     *
     * @throws IllegalStateException if the queue is (or becomes) closed and empty
     * @throws QueueEmptyException   if the wait is interrupted (the cause says so)
     */
    public T take() {
        T message = await(false, 0);
        if (message == null) {
            throw closedAndEmpty();
        }
        return message;
    }

    /** Takes the next message without waiting; {@code null} when the queue is empty. */
    public T poll() {
        T message = ring.poll();
        if (message != null) {
            afterTake();
        }
        return message;
    }

    /**
     * Takes the next message, waiting at most {@code timeout}; {@code null} when the timeout
     * expires, or at once when the queue is closed and empty.
     *
     * @throws QueueEmptyException if the wait is interrupted (the cause says so)
     */
    public T poll(Duration timeout) {
        return await(true, deadline(timeout));
    }

    private T await(boolean timed, long deadline) {
        T message = ring.poll();
        if (message != null) {
            afterTake();
            return message;
        }
        Waiting.ReadyCheck available = () -> closed || ring.size() > 0;
        while (true) {
            boolean ready;
            try {
                ready = consumers.await(available, remaining(timed, deadline));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QueueEmptyException(e);
            }
            message = ring.poll();
            if (message != null) {
                afterTake();
                return message;
            }
            if (!ready || closed) {
                return null;
            }
        }
    }

    private void afterTake() {
        if (strategy == BackpressureStrategy.BLOCK) {
            producers.wakeOne();
        }
    }

    /**
     * Removes every message, as a consumer (so only where this thread may consume); returns how
     * many. They are not counted as dequeued or dropped.
     */
    public int clear() {
        int n = 0;
        while (ring.poll() != null) {
            n++;
        }
        if (n > 0) {
            cleared.addAndGet(n);
            afterTake();
        }
        return n;
    }

    // ------------------------------------------------------------------ closing

    /**
     * Closes the queue to producers: waiting and later puts throw {@link IllegalStateException};
     * messages already queued can still be taken, and then blocking gets stop waiting. Idempotent.
     */
    public void close() {
        closed = true;
        producers.wakeAll();
        consumers.wakeAll();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    private IllegalStateException closedForPuts() {
        return new IllegalStateException(this + " is closed; no message can be put in it any more");
    }

    private IllegalStateException closedAndEmpty() {
        return new IllegalStateException(this + " is closed and empty; no message can arrive any more");
    }

    // ------------------------------------------------------------------ state and counters

    /** The number of queued messages (a snapshot). */
    public int size() {
        return ring.size();
    }

    /** The most messages the queue holds. */
    public int capacity() {
        return capacity;
    }

    /** Whether the queue is empty (a snapshot). */
    public boolean isEmpty() {
        return ring.size() == 0;
    }

    /** What a put on a full queue does. */
    public BackpressureStrategy strategy() {
        return strategy;
    }

    /** Which threads may use the queue at once. */
    public QueueConcurrency concurrency() {
        return concurrency;
    }

    /** Whether messages are delivered in priority order. */
    public boolean priorityOrder() {
        return priorityOrder;
    }

    /** Messages accepted by a put so far (dropped ones included). */
    public long enqueuedCount() {
        return ring.produced();
    }

    /** Messages taken by a get, take or poll so far. */
    public long dequeuedCount() {
        return Math.max(0, ring.consumed() - dropped.get() - cleared.get());
    }

    /** Messages removed by {@code DROP_OLDEST} so far. */
    public long droppedCount() {
        return dropped.get();
    }

    /** Puts refused so far: {@code REJECT} on a full queue, an expired or interrupted {@code BLOCK} wait, a failed offer. */
    public long rejectedCount() {
        return rejected.get();
    }

    /** The greatest number of messages seen in the queue right after a put. */
    public int highWaterMark() {
        return (int) HIGH_WATER_MARK.getVolatile(this);
    }

    @Override
    public String toString() {
        return "MessageQueue(capacity " + capacity + ", " + strategy + ", "
                + (priorityOrder ? "priority" : concurrency.name()) + ")";
    }

    /** The {@link System#nanoTime()} at which {@code timeout} from now expires (compare by difference). */
    private static long deadline(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long nanos;
        try {
            nanos = Math.min(Math.max(0, timeout.toNanos()), MAX_TIMEOUT_NANOS);
        } catch (ArithmeticException e) {
            nanos = timeout.isNegative() ? 0 : MAX_TIMEOUT_NANOS;
        }
        return System.nanoTime() + nanos;
    }

    private static long remaining(boolean timed, long deadline) {
        return timed ? Math.max(0, deadline - System.nanoTime()) : Waiting.FOREVER;
    }
}
