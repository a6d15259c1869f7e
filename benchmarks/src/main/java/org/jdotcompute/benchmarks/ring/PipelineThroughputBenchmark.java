package org.jdotcompute.benchmarks.ring;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jdotcompute.api.SystemProperties;
import org.jdotcompute.api.exceptions.QueueEmptyException;
import org.jdotcompute.api.ring.RingKernel;
import org.jdotcompute.api.ring.RingKernelRuntime;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * P2: throughput of producer → relay kernel → consumer with an 8-byte payload (one shared
 * {@code Long}). The benchmark thread produces a batch and waits until the consumer thread has
 * received all of it, so the figure is end-to-end. The baseline is the same pipeline with a relay
 * thread between two {@link ArrayBlockingQueue}s, measured in the same run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-D" + SystemProperties.BACKEND + "=cpu")
@State(Scope.Benchmark)
public class PipelineThroughputBenchmark {
    static final int BATCH = 10_000;
    private static final Long PAYLOAD = 8L;
    private static final Long STOP = -1L;

    private RingKernelRuntime ring;
    private final AtomicLong ringReceived = new AtomicLong();
    private long ringSent;
    private volatile boolean running;
    private Thread ringConsumer;

    private ArrayBlockingQueue<Long> in;
    private ArrayBlockingQueue<Long> out;
    private final AtomicLong abqReceived = new AtomicLong();
    private long abqSent;
    private Thread abqRelay;
    private Thread abqConsumer;

    @Setup(Level.Trial)
    public void setUp() {
        running = true;
        ring = BenchRuntimes.open();
        ring.launch("relay", RingKernel.<Long, Long>mapping(x -> x));
        ring.activate("relay");
        ringConsumer = Thread.ofPlatform().name("ring-consumer").start(() -> {
            while (running) {
                try {
                    ring.receive("relay", Duration.ofMillis(100));
                    ringReceived.lazySet(ringReceived.get() + 1);
                } catch (QueueEmptyException idle) {
                    // loop: check running
                }
            }
        });
        in = new ArrayBlockingQueue<>(4096);
        out = new ArrayBlockingQueue<>(4096);
        abqRelay = Thread.ofPlatform().name("abq-relay").start(() -> {
            try {
                while (true) {
                    Long m = in.take();
                    out.put(m);
                    if (m == STOP) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        abqConsumer = Thread.ofPlatform().name("abq-consumer").start(() -> {
            try {
                while (out.take() != STOP) {
                    abqReceived.lazySet(abqReceived.get() + 1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        running = false;
        ringConsumer.join();
        ring.close();
        in.put(STOP);
        abqRelay.join();
        abqConsumer.join();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void ringKernelPipeline() {
        for (int i = 0; i < BATCH; i++) {
            ring.send("relay", PAYLOAD);
        }
        ringSent += BATCH;
        while (ringReceived.get() < ringSent) {
            Thread.onSpinWait();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void arrayBlockingQueuePipeline() throws InterruptedException {
        for (int i = 0; i < BATCH; i++) {
            in.put(PAYLOAD);
        }
        abqSent += BATCH;
        while (abqReceived.get() < abqSent) {
            Thread.onSpinWait();
        }
    }
}
