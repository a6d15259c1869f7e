package org.jdotcompute.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.jdotcompute.api.ring.BackpressureStrategy;
import org.jdotcompute.api.ring.MessageQueue;
import org.jdotcompute.api.ring.QueueConcurrency;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * jcstress termination tests of the wake-up protocol: a consumer blocked in {@code take} (or a
 * producer blocked in a {@code BLOCK} put) must be woken by the other side — a lost wake-up would
 * leave the actor STALE.
 */
public final class WakeUpStress {
    private WakeUpStress() {
    }

    /** A consumer parked in take on the SPSC ring is woken by a put. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the put woke the consumer")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wake-up")
    @State
    public static class SpscTake {
        final MessageQueue<Integer> q = new MessageQueue<>(2, BackpressureStrategy.BLOCK, QueueConcurrency.SPSC, false);

        @Actor
        public void consumer() {
            q.take();
        }

        @Signal
        public void producer() {
            q.put(1);
        }
    }

    /** A consumer parked in take on the MPSC ring is woken by a put. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the put woke the consumer")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wake-up")
    @State
    public static class MpscTake {
        final MessageQueue<Integer> q = new MessageQueue<>(2, BackpressureStrategy.BLOCK, QueueConcurrency.MPSC, false);

        @Actor
        public void consumer() {
            q.take();
        }

        @Signal
        public void producer() {
            q.put(1);
        }
    }

    /** A consumer parked in take on the MPMC ring is woken by a put. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the put woke the consumer")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wake-up")
    @State
    public static class MpmcTake {
        final MessageQueue<Integer> q = new MessageQueue<>(2, BackpressureStrategy.BLOCK, QueueConcurrency.MPMC, false);

        @Actor
        public void consumer() {
            q.take();
        }

        @Signal
        public void producer() {
            q.put(1);
        }
    }

    /** A consumer parked in take on the priority buckets is woken by a put. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the put woke the consumer")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wake-up")
    @State
    public static class PriorityTake {
        final MessageQueue<Integer> q = new MessageQueue<>(2, BackpressureStrategy.BLOCK, QueueConcurrency.MPMC, true);

        @Actor
        public void consumer() {
            q.take();
        }

        @Signal
        public void producer() {
            q.put(1);
        }
    }

    /** A producer parked in a BLOCK put on a full MPSC ring is woken by a get. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the get woke the producer")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wake-up")
    @State
    public static class MpscBlockedPut {
        final MessageQueue<Integer> q = new MessageQueue<>(1, BackpressureStrategy.BLOCK, QueueConcurrency.MPSC, false);

        {
            q.put(0);
        }

        @Actor
        public void producer() {
            q.put(1);
        }

        @Signal
        public void consumer() {
            q.take();
        }
    }

    /** A producer parked in a BLOCK put on a full SPSC ring is woken by a get. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the get woke the producer")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wake-up")
    @State
    public static class SpscBlockedPut {
        final MessageQueue<Integer> q = new MessageQueue<>(1, BackpressureStrategy.BLOCK, QueueConcurrency.SPSC, false);

        {
            q.put(0);
        }

        @Actor
        public void producer() {
            q.put(1);
        }

        @Signal
        public void consumer() {
            q.take();
        }
    }

    /** A consumer parked in take is released by close. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "close woke the consumer")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "lost wake-up")
    @State
    public static class CloseWakesTake {
        final MessageQueue<Integer> q = new MessageQueue<>(2, BackpressureStrategy.BLOCK, QueueConcurrency.MPSC, false);

        @Actor
        public void consumer() {
            try {
                q.take();
            } catch (IllegalStateException closed) {
                // expected: closed and empty
            }
        }

        @Signal
        public void closer() {
            q.close();
        }
    }
}
