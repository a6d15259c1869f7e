package org.jdotcompute.api.ring;

/**
 * A multi-producer single-consumer ring (the JCTools {@code MpscArrayQueue} design): producers
 * claim an index with a CAS and then publish the element in its slot; the single consumer reads
 * slots in order.
 */
final class MpscRing<E> extends FifoRing<E> {

    MpscRing(int capacity, boolean producersMayWait) {
        super(capacity, producersMayWait);
    }

    @Override
    boolean offer(E e, int priority) {
        long limit = (long) PRODUCER_LIMIT.getVolatile(this);
        long p;
        do {
            p = (long) PRODUCER_INDEX.getVolatile(this);
            if (p >= limit) {
                limit = (long) CONSUMER_INDEX.getVolatile(this) + capacity;
                if (p >= limit) {
                    return false;
                }
                PRODUCER_LIMIT.setRelease(this, limit); // any stale value is still a safe bound
            }
        } while (!PRODUCER_INDEX.compareAndSet(this, p, p + 1));
        SLOTS.setRelease(buffer, (int) (p & mask), e);
        return true;
    }

    @Override
    E poll() {
        long c = (long) CONSUMER_INDEX.getOpaque(this);
        int slot = (int) (c & mask);
        Object e = SLOTS.getAcquire(buffer, slot);
        if (e == null) {
            if (c == (long) PRODUCER_INDEX.getVolatile(this)) {
                return null;
            }
            // A producer claimed this index and is about to publish: wait for it.
            int spins = 0;
            while ((e = SLOTS.getAcquire(buffer, slot)) == null) {
                spins = Waiting.backOff(spins);
            }
        }
        return consumed(c, slot, e);
    }
}
