package org.jdotcompute.benchmarks.ring;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jdotcompute.api.ring.BackpressureStrategy;
import org.jdotcompute.api.ring.MessageQueue;
import org.jdotcompute.api.ring.QueueConcurrency;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * P3: an uncontended {@link MessageQueue} put followed by a get on one thread, against
 * {@link ArrayBlockingQueue} offer + poll in the same run. The headline is {@code BLOCK} (the
 * default strategy, whose gets must be able to wake a waiting producer); {@code REJECT} is shown
 * for context (no producer ever waits, so a get needs no fence). Both use the default ring,
 * {@code MPMC} (what {@code new MessageQueue<>(capacity, strategy)} builds); plain JMH measures the
 * others with {@code -p concurrency=SPSC,MPSC,MPMC}. The baseline's state has no parameter, so it
 * runs once. JMH states; not thread-safe (JMH confines each to its thread).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QueuePutGetBenchmark {
    private static final Long PAYLOAD = 8L;
    private static final int CAPACITY = 4096;

    /** Our two queues, of one ring kind. */
    @State(Scope.Thread)
    public static class Queues {
        /** The ring; one default value, so BenchRunner gets one result per benchmark. */
        @Param({"MPMC"})
        public QueueConcurrency concurrency;

        MessageQueue<Long> block;
        MessageQueue<Long> reject;

        @Setup
        public void setUp() {
            block = new MessageQueue<>(CAPACITY, BackpressureStrategy.BLOCK, concurrency, false);
            reject = new MessageQueue<>(CAPACITY, BackpressureStrategy.REJECT, concurrency, false);
        }
    }

    /** The baseline queue. */
    @State(Scope.Thread)
    public static class Baseline {
        final ArrayBlockingQueue<Long> abq = new ArrayBlockingQueue<>(CAPACITY);
    }

    @Benchmark
    public Long messageQueueBlockPutGet(Queues q) {
        q.block.put(PAYLOAD);
        return q.block.get();
    }

    @Benchmark
    public Long messageQueueRejectPutGet(Queues q) {
        q.reject.put(PAYLOAD);
        return q.reject.get();
    }

    @Benchmark
    public Long arrayBlockingQueueOfferPoll(Baseline b) {
        b.abq.offer(PAYLOAD);
        return b.abq.poll();
    }
}
