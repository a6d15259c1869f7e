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
 * for comparison (no producer ever waits, so a get needs no fence).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class QueuePutGetBenchmark {
    private static final Long PAYLOAD = 8L;

    @Param({"SPSC", "MPSC", "MPMC"})
    public QueueConcurrency concurrency;

    @Param({"BLOCK", "REJECT"})
    public BackpressureStrategy strategy;

    private MessageQueue<Long> queue;
    private ArrayBlockingQueue<Long> abq;

    @Setup
    public void setUp() {
        queue = new MessageQueue<>(4096, strategy, concurrency, false);
        abq = new ArrayBlockingQueue<>(4096);
    }

    @Benchmark
    public Long messageQueuePutGet() {
        queue.put(PAYLOAD);
        return queue.get();
    }

    @Benchmark
    public Long arrayBlockingQueueOfferPoll() {
        abq.offer(PAYLOAD);
        return abq.poll();
    }
}
