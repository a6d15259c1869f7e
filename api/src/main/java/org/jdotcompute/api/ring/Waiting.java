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
 * <p>The spin is adaptive (the idea of HotSpot's adaptive spinning): a wait that ends while
 * spinning keeps the next spin long ({@link #MAX_SPIN_NANOS}); one that has to park drops it to
 * {@link #MIN_SPIN_NANOS}; and one wait in {@value #PROBE_EVERY} spins the maximum, to find out
 * whether spinning pays again. With free cores a ping-pong is answered within the spin and never
 * pays for a park and an unpark; on an oversubscribed machine (where the partner may need this
 * very core), or on a queue idle for long, waiters park almost at once instead of burning the CPU.
 *
 * <p>No wake-up is lost: a waiter increments {@link #waiters} (sequentially consistent) and then
 * re-checks the queue; the other side changes the queue with a sequentially consistent write and
 * then reads {@link #waiters}. One of the two always sees the other. The re-check and the wait
 * happen under {@link #lock}, which {@link #wakeOne()} takes, so a signal cannot fall between them.
 */
final class Waiting {
    /** A timeout that never expires. */
    static final long FOREVER = -1;
    /** Busy-spin iterations of {@link #backOff} before it starts yielding. */
    static final int SPINS = 1 << 7;
    /** The longest a waiter spins before it parks. */
    static final long MAX_SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
    /**
     * The shortest spin: none — one more look, then park. (On a machine whose cores are all busy
     * even a 300 ns spin was measured to slow a ping-pong down, since the partner needs this core.)
     */
    static final long MIN_SPIN_NANOS = 0;
    /** One wait in this many spins {@link #MAX_SPIN_NANOS} whatever the current spin length. */
    static final int PROBE_EVERY = 256;

    private final AtomicInteger waiters = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    /** The current spin length; updated racily by waiters (any value in range is fine). */
    private long spinNanos = MIN_SPIN_NANOS;
    /** Waits so far, for probing; updated racily. */
    private int waits;

    /** What a waiter waits for; read with sequentially consistent reads. */
    @FunctionalInterface
    interface ReadyCheck {
        boolean ready();
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
     * timeout): spins for the current adaptive spin length, then parks.
     *
     * @return whether the condition is ready (false: the timeout passed)
     * @throws InterruptedException if the thread is interrupted while parked
     */
    boolean await(ReadyCheck condition, long timeoutNanos) throws InterruptedException {
        boolean timed = timeoutNanos != FOREVER;
        long start = System.nanoTime();
        long budget = ++waits % PROBE_EVERY == 0 ? MAX_SPIN_NANOS : spinNanos;
        long spinFor = timed ? Math.min(timeoutNanos, budget) : budget;
        for (int spins = 0; ; spins++) {
            if (condition.ready()) {
                if (budget > MIN_SPIN_NANOS) {
                    spinNanos = MAX_SPIN_NANOS; // spinning paid off: keep spinning
                }
                return true;
            }
            if ((spins & 31) == 0 && System.nanoTime() - start >= spinFor) {
                break;
            }
            Thread.onSpinWait();
        }
        spinNanos = MIN_SPIN_NANOS; // it did not: park almost at once next time
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
