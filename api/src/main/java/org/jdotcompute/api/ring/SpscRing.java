package org.jdotcompute.api.ring;

/**
 * A single-producer single-consumer ring (Lamport's queue with the FastFlow refinement: the
 * consumer finds elements by their slot, the producer finds room through a cached consumer
 * index, so in the common case neither reads the other's cache line).
 */
final class SpscRing<E> extends FifoRing<E> {

    SpscRing(int capacity, boolean producersMayWait) {
        super(capacity, producersMayWait);
    }

    @Override
    boolean offer(E e, int priority) {
        long p = (long) PRODUCER_INDEX.getOpaque(this);
        if (p >= (long) PRODUCER_LIMIT.getOpaque(this)) {
            long limit = (long) CONSUMER_INDEX.getVolatile(this) + capacity;
            if (p >= limit) {
                return false;
            }
            PRODUCER_LIMIT.setOpaque(this, limit);
        }
        SLOTS.setRelease(buffer, (int) (p & mask), e);
        PRODUCER_INDEX.setVolatile(this, p + 1);
        return true;
    }

    @Override
    E poll() {
        long c = (long) CONSUMER_INDEX.getOpaque(this);
        int slot = (int) (c & mask);
        Object e = SLOTS.getAcquire(buffer, slot);
        if (e == null) {
            return null;
        }
        return consumed(c, slot, e);
    }
}
