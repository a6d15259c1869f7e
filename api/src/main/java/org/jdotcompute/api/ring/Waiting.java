package org.jdotcompute.api.ring;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One side's waiters of a {@link MessageQueue} (its consumers waiting for a message, or its
 * producers waiting for room): threads that found nothing after spinning park here, and the
 * other side wakes them only when some are registered. Each side has its own lock and condition,
 * so producers never wake producers and consumers never wake consumers.
 *
 * <p>No wake-up is lost: a waiter increments {@link #waiters} (sequentially consistent) and then
 * re-checks the queue; the other side changes the queue with a sequentially consistent write and
 * then reads {@link #waiters}. One of the two always sees the other. The re-check and the wait
 * happen under {@link #lock}, which {@link #wakeOne()} takes, so a signal cannot fall between them.
 */
final class Waiting {
    /** A timeout that never expires. */
    static final long FOREVER = -1;
    /** Busy-spin iterations before a waiter starts yielding. */
    static final int SPINS = 1 << 7;
    /** How long a waiter spins and yields before it parks. */
    static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

    private final AtomicInteger waiters = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();

    /** What a waiter waits for; read with sequentially consistent reads. */
    @FunctionalInterface
    interface ReadyCheck {
        boolean ready();
    }

    /** Whether any thread is parked (or about to park) here. */
    boolean hasWaiters() {
        return waiters.get() != 0;
    }

    /** Wakes one parked waiter, if any is registered. */
    void wakeOne() {
        if (waiters.get() != 0) {
            lock.lock();
            try {
                ready.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Wakes every parked waiter. */
    void wakeAll() {
        lock.lock();
        try {
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until {@code condition} is ready or {@code timeoutNanos} pass ({@link #FOREVER}: no
     * timeout): spins briefly, then yields, then parks.
     *
     * @return whether the condition is ready (false: the timeout passed)
     * @throws InterruptedException if the thread is interrupted while parked
     */
    boolean await(ReadyCheck condition, long timeoutNanos) throws InterruptedException {
        boolean timed = timeoutNanos != FOREVER;
        long start = System.nanoTime();
        long spinNanos = timed ? Math.min(timeoutNanos, SPIN_NANOS) : SPIN_NANOS;
        int spins = 0;
        while (true) {
            if (condition.ready()) {
                return true;
            }
            if ((spins & 63) == 0 && System.nanoTime() - start >= spinNanos) {
                break;
            }
            spins = backOff(spins);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        lock.lock();
        waiters.incrementAndGet();
        try {
            while (!condition.ready()) {
                if (!timed) {
                    ready.await();
                } else {
                    long left = timeoutNanos - (System.nanoTime() - start);
                    if (left <= 0) {
                        return false;
                    }
                    ready.awaitNanos(left);
                }
            }
            return true;
        } finally {
            waiters.decrementAndGet();
            lock.unlock();
        }
    }

    /** One step of a spin loop: busy-spin for the first {@link #SPINS} steps, then yield. */
    static int backOff(int spins) {
        if (spins < SPINS) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
        return spins + 1;
    }
}
