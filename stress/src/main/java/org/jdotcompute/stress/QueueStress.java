package org.jdotcompute.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.jdotcompute.api.ring.BackpressureStrategy;
import org.jdotcompute.api.ring.MessageQueue;
import org.jdotcompute.api.ring.QueueConcurrency;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/**
 * jcstress tests of {@link MessageQueue}'s lock-free rings (and its priority buckets): ordering,
 * no loss, no duplication, exact capacity, drop counting. Each nested class is one test; the
 * outcomes not listed are forbidden.
 */
public final class QueueStress {
    private QueueStress() {
    }

    static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    /** One producer puts 1 then 2 while one consumer polls twice: never 2 before 1, never twice the same. */
    @JCStressTest
    @Outcome(id = {"0, 0", "0, 1", "1, 0", "1, 2"}, expect = ACCEPTABLE, desc = "in order, possibly partial")
    @Outcome(expect = FORBIDDEN, desc = "reordered, duplicated or invented")
    @State
    public static class SpscOrder {
        final MessageQueue<Integer> q = new MessageQueue<>(4, BackpressureStrategy.REJECT, QueueConcurrency.SPSC, false);

        @Actor
        public void producer() {
            q.put(1);
            q.put(2);
        }

        @Actor
        public void consumer(II_Result r) {
            r.r1 = orZero(q.poll());
            r.r2 = orZero(q.poll());
        }
    }

    /** Two producers race into a multi-producer ring; the consumer drains after both: both arrive, once each. */
    @JCStressTest
    @Outcome(id = {"1, 2", "2, 1"}, expect = ACCEPTABLE, desc = "both delivered once")
    @Outcome(expect = FORBIDDEN, desc = "lost or duplicated")
    @State
    public static class MpscTwoProducers {
        final MessageQueue<Integer> q = new MessageQueue<>(4, BackpressureStrategy.REJECT, QueueConcurrency.MPSC, false);

        @Actor
        public void p1() {
            q.put(1);
        }

        @Actor
        public void p2() {
            q.put(2);
        }

        @Arbiter
        public void drain(II_Result r) {
            r.r1 = orZero(q.poll());
            r.r2 = orZero(q.poll());
            if (q.poll() != null) {
                r.r1 = -1;
            }
        }
    }

    /** One producer puts 1 then 2 while one consumer polls twice, on the MPMC ring. */
    @JCStressTest
    @Outcome(id = {"0, 0", "0, 1", "1, 0", "1, 2"}, expect = ACCEPTABLE, desc = "in order, possibly partial")
    @Outcome(expect = FORBIDDEN, desc = "reordered, duplicated or invented")
    @State
    public static class MpmcOrder {
        final MessageQueue<Integer> q = new MessageQueue<>(2, BackpressureStrategy.REJECT, QueueConcurrency.MPMC, false);

        @Actor
        public void producer() {
            q.put(1);
            q.put(2);
        }

        @Actor
        public void consumer(II_Result r) {
            r.r1 = orZero(q.poll());
            r.r2 = orZero(q.poll());
        }
    }

    /** Two consumers race over two queued messages on the MPMC ring: each gets a different one. */
    @JCStressTest
    @Outcome(id = {"1, 2", "2, 1"}, expect = ACCEPTABLE, desc = "each consumer got one message")
    @Outcome(expect = FORBIDDEN, desc = "duplicated, lost or invented")
    @State
    public static class MpmcTwoConsumers {
        final MessageQueue<Integer> q = new MessageQueue<>(2, BackpressureStrategy.REJECT, QueueConcurrency.MPMC, false);

        {
            q.put(1);
            q.put(2);
        }

        @Actor
        public void c1(II_Result r) {
            r.r1 = orZero(q.poll());
        }

        @Actor
        public void c2(II_Result r) {
            r.r2 = orZero(q.poll());
        }
    }

    /** Two producers race for the last slot of a capacity-1 MPSC ring: exactly one wins. */
    @JCStressTest
    @Outcome(id = {"true, false", "false, true"}, expect = ACCEPTABLE, desc = "exactly one fits")
    @Outcome(expect = FORBIDDEN, desc = "capacity exceeded or both refused")
    @State
    public static class MpscCapacity {
        final MessageQueue<Integer> q = new MessageQueue<>(1, BackpressureStrategy.REJECT, QueueConcurrency.MPSC, false);

        @Actor
        public void p1(ZZ_Result r) {
            r.r1 = q.offer(1);
        }

        @Actor
        public void p2(ZZ_Result r) {
            r.r2 = q.offer(2);
        }
    }

    /** The same race on the MPMC ring with a capacity (3) that is not a power of two. */
    @JCStressTest
    @Outcome(id = {"true, false", "false, true"}, expect = ACCEPTABLE, desc = "exactly one fits")
    @Outcome(expect = FORBIDDEN, desc = "capacity exceeded or both refused")
    @State
    public static class MpmcCapacity {
        final MessageQueue<Integer> q = new MessageQueue<>(3, BackpressureStrategy.REJECT, QueueConcurrency.MPMC, false);

        {
            q.put(0);
            q.put(0);
        }

        @Actor
        public void p1(ZZ_Result r) {
            r.r1 = q.offer(1);
        }

        @Actor
        public void p2(ZZ_Result r) {
            r.r2 = q.offer(2);
        }
    }

    /** The same race on the priority buckets. */
    @JCStressTest
    @Outcome(id = {"true, false", "false, true"}, expect = ACCEPTABLE, desc = "exactly one fits")
    @Outcome(expect = FORBIDDEN, desc = "capacity exceeded or both refused")
    @State
    public static class PriorityCapacity {
        final MessageQueue<Integer> q = new MessageQueue<>(1, BackpressureStrategy.REJECT, QueueConcurrency.MPMC, true);

        @Actor
        public void p1(ZZ_Result r) {
            r.r1 = q.offer(1);
        }

        @Actor
        public void p2(ZZ_Result r) {
            r.r2 = q.offer(2);
        }
    }

    /**
     * Two producers (messages 2 and 4) into a full capacity-1 DROP_OLDEST queue holding 1: two
     * drops are counted, the oldest (1) is gone, and one of the new messages is left.
     */
    @JCStressTest
    @Outcome(id = {"2, 2", "4, 2"}, expect = ACCEPTABLE, desc = "one new message left, two drops counted")
    @Outcome(expect = FORBIDDEN, desc = "the oldest kept, a message lost, or a drop not counted")
    @State
    public static class DropOldestTwoProducers {
        final MessageQueue<Integer> q = new MessageQueue<>(1, BackpressureStrategy.DROP_OLDEST,
                QueueConcurrency.MPMC, false);

        {
            q.put(1);
        }

        @Actor
        public void p2() {
            q.put(2);
        }

        @Actor
        public void p4() {
            q.put(4);
        }

        @Arbiter
        public void check(II_Result r) {
            r.r1 = orZero(q.poll());
            r.r2 = q.isEmpty() ? (int) q.droppedCount() : -1;
        }
    }

    /**
     * A producer puts 2 into a full capacity-1 DROP_OLDEST queue holding 1 while a consumer polls:
     * every message is taken, dropped (and counted) or left, exactly once, and FIFO holds.
     */
    @JCStressTest
    @Outcome(id = {"1, 2, 0", "2, 0, 1", "0, 2, 1"}, expect = ACCEPTABLE, desc = "consumer first, or the put dropped 1 first")
    @Outcome(expect = FORBIDDEN, desc = "a message lost or duplicated, or a drop not counted")
    @State
    public static class DropOldestWithConsumer {
        final MessageQueue<Integer> q = new MessageQueue<>(1, BackpressureStrategy.DROP_OLDEST,
                QueueConcurrency.MPMC, false);

        {
            q.put(1);
        }

        @Actor
        public void producer() {
            q.put(2);
        }

        @Actor
        public void consumer(III_Result r) {
            r.r1 = orZero(q.poll());
        }

        @Arbiter
        public void check(III_Result r) {
            r.r2 = orZero(q.poll());
            r.r3 = (int) q.droppedCount();
        }
    }
}
