package org.jdotcompute.api.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The fields every lock-free FIFO ring shares, padded so the producer's and the consumer's
 * indices live on separate cache lines (the layout JCTools uses: superclass fields come first).
 */
abstract class FifoRing<E> extends FifoRingConsumerFields<E> {
    static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);

    final Object[] buffer;
    final int mask;

    FifoRing(int capacity, boolean producersMayWait) {
        super(capacity, producersMayWait);
        int physical = physicalSize(capacity);
        this.buffer = new Object[physical];
        this.mask = physical - 1;
    }

    @Override
    final long produced() {
        return (long) PRODUCER_INDEX.getVolatile(this);
    }

    @Override
    final long consumed() {
        return (long) CONSUMER_INDEX.getVolatile(this);
    }

    @Override
    final int size() {
        long c = (long) CONSUMER_INDEX.getVolatile(this);
        long p = (long) PRODUCER_INDEX.getVolatile(this);
        return clampSize(p - c, capacity);
    }

    /**
     * The single consumer's end of a poll: clears {@code slot} and publishes index {@code c + 1}
     * (with a full fence when producers may be waiting for room, see {@link Ring}).
     */
    @SuppressWarnings("unchecked")
    final E consumed(long c, int slot, Object e) {
        SLOTS.setOpaque(buffer, slot, null);
        if (producersMayWait) {
            CONSUMER_INDEX.setVolatile(this, c + 1);
        } else {
            CONSUMER_INDEX.setRelease(this, c + 1);
        }
        return (E) e;
    }

    @Override
    int offerDropping(E e, int priority) {
        int dropped = 0;
        while (!offer(e, priority)) {
            if (poll() != null) {
                dropped++;
            }
        }
        return dropped;
    }
}

@SuppressWarnings("unused") // padding
abstract class FifoRingPad0<E> extends Ring<E> {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;

    FifoRingPad0(int capacity, boolean producersMayWait) {
        super(capacity, producersMayWait);
    }
}

abstract class FifoRingProducerFields<E> extends FifoRingPad0<E> {
    static final VarHandle PRODUCER_INDEX;
    static final VarHandle PRODUCER_LIMIT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PRODUCER_INDEX = lookup.findVarHandle(FifoRingProducerFields.class, "producerIndex", long.class);
            PRODUCER_LIMIT = lookup.findVarHandle(FifoRingProducerFields.class, "producerLimit", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The next index a producer claims; accessed through {@link #PRODUCER_INDEX}. */
    long producerIndex;
    /** A cached bound: indices below it are known to fit; accessed through {@link #PRODUCER_LIMIT}. */
    long producerLimit;

    FifoRingProducerFields(int capacity, boolean producersMayWait) {
        super(capacity, producersMayWait);
        this.producerLimit = capacity;
    }
}

@SuppressWarnings("unused") // padding
abstract class FifoRingPad1<E> extends FifoRingProducerFields<E> {
    long p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;

    FifoRingPad1(int capacity, boolean producersMayWait) {
        super(capacity, producersMayWait);
    }
}

abstract class FifoRingConsumerIndex<E> extends FifoRingPad1<E> {
    static final VarHandle CONSUMER_INDEX;

    static {
        try {
            CONSUMER_INDEX = MethodHandles.lookup().findVarHandle(FifoRingConsumerIndex.class, "consumerIndex",
                    long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The next index a consumer takes; accessed through {@link #CONSUMER_INDEX}. */
    long consumerIndex;

    FifoRingConsumerIndex(int capacity, boolean producersMayWait) {
        super(capacity, producersMayWait);
    }
}

@SuppressWarnings("unused") // padding
abstract class FifoRingConsumerFields<E> extends FifoRingConsumerIndex<E> {
    long p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p2a, p2b, p2c, p2d, p2e, p2f;

    FifoRingConsumerFields(int capacity, boolean producersMayWait) {
        super(capacity, producersMayWait);
    }
}
