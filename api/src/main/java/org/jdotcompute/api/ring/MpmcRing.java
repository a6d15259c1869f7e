package org.jdotcompute.api.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A multi-producer multi-consumer ring (Dmitry Vyukov's bounded MPMC queue, as in JCTools'
 * {@code MpmcArrayQueue}): every slot has a sequence number telling producers and consumers whose
 * turn it is; both sides claim indices with a CAS.
 */
final class MpmcRing<E> extends FifoRing<E> {
    private static final VarHandle SEQUENCES = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] sequences;

    MpmcRing(int capacity, boolean producersMayWait) {
        super(capacity, producersMayWait);
        sequences = new long[buffer.length];
        for (int i = 0; i < sequences.length; i++) {
            sequences[i] = i;
        }
        VarHandle.releaseFence();
    }

    @Override
    boolean offer(E e, int priority) {
        long limit = (long) PRODUCER_LIMIT.getVolatile(this);
        int spins = 0;
        for (;;) {
            long p = (long) PRODUCER_INDEX.getVolatile(this);
            if (p >= limit) {
                limit = (long) CONSUMER_INDEX.getVolatile(this) + capacity;
                if (p >= limit) {
                    return false;
                }
                PRODUCER_LIMIT.setRelease(this, limit); // any stale value is still a safe bound
            }
            int slot = (int) (p & mask);
            long sequence = (long) SEQUENCES.getAcquire(sequences, slot);
            if (sequence == p) {
                if (PRODUCER_INDEX.compareAndSet(this, p, p + 1)) {
                    SLOTS.setOpaque(buffer, slot, e);
                    SEQUENCES.setRelease(sequences, slot, p + 1);
                    return true;
                }
            } else if (sequence < p) {
                // p is within capacity, so a consumer has claimed the slot's last element and is
                // about to release the slot.
                spins = Waiting.backOff(spins);
            }
            // sequence > p: another producer took p; retry with a fresh index.
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    E poll() {
        int spins = 0;
        for (;;) {
            long c = (long) CONSUMER_INDEX.getVolatile(this);
            int slot = (int) (c & mask);
            long sequence = (long) SEQUENCES.getAcquire(sequences, slot);
            long expected = c + 1;
            if (sequence == expected) {
                if (CONSUMER_INDEX.compareAndSet(this, c, expected)) {
                    Object e = SLOTS.getOpaque(buffer, slot);
                    SLOTS.setOpaque(buffer, slot, null);
                    SEQUENCES.setRelease(sequences, slot, c + buffer.length);
                    return (E) e;
                }
            } else if (sequence < expected) {
                if (c >= (long) PRODUCER_INDEX.getVolatile(this)) {
                    return null;
                }
                // A producer claimed c and is about to publish it.
                spins = Waiting.backOff(spins);
            }
            // sequence > expected: another consumer took c; retry.
        }
    }
}
