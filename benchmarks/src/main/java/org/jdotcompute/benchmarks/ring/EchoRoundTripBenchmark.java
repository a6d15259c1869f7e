package org.jdotcompute.benchmarks.ring;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jdotcompute.api.SystemProperties;
import org.jdotcompute.api.ring.RingKernel;
import org.jdotcompute.api.ring.RingKernelRuntime;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * P1: one message round trip, send → handler → receive, through an echo ring kernel on its own
 * platform thread; the baseline is a hand-written ping-pong between two threads over two
 * {@link ArrayBlockingQueue}s, measured in the same run. SampleTime gives p50/p99.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-D" + SystemProperties.BACKEND + "=cpu")
@State(Scope.Benchmark)
public class EchoRoundTripBenchmark {
    private static final Long PAYLOAD = 42L;
    private static final Long STOP = -1L;

    private RingKernelRuntime ring;
    private ArrayBlockingQueue<Long> ping;
    private ArrayBlockingQueue<Long> pong;
    private Thread echo;

    @Setup(Level.Trial)
    public void setUp() {
        ring = BenchRuntimes.open();
        ring.launch("echo", RingKernel.<Long, Long>mapping(x -> x));
        ring.activate("echo");
        ping = new ArrayBlockingQueue<>(4096);
        pong = new ArrayBlockingQueue<>(4096);
        echo = Thread.ofPlatform().name("abq-echo").start(() -> {
            try {
                while (true) {
                    Long m = ping.take();
                    if (m == STOP) {
                        return;
                    }
                    pong.put(m);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        ring.close();
        ping.put(STOP);
        echo.join();
    }

    @Benchmark
    public Long ringKernelEcho() {
        ring.send("echo", PAYLOAD);
        return ring.receive("echo");
    }

    @Benchmark
    public Long arrayBlockingQueuePingPong() throws InterruptedException {
        ping.put(PAYLOAD);
        return pong.take();
    }
}
