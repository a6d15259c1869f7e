package org.jdotcompute.benchmarks.ring;

import java.util.List;

import org.jdotcompute.benchmarks.BenchSuite;
import org.jdotcompute.benchmarks.Comparison;
import org.jdotcompute.benchmarks.Metric;
import org.jdotcompute.benchmarks.Target;
import org.jdotcompute.benchmarks.Timing;

/**
 * The ring kernels' comparisons: P1, P2 and P3 of PERFORMANCE.md, each against its
 * {@code ArrayBlockingQueue} baseline measured in the same run. P1's two targets (an absolute
 * bound and "at least 2x the ping-pong") are judged on the p50 and on the p99 row alike. Stateless.
 */
public final class RingSuite implements BenchSuite {
    @Override
    public String name() {
        return "ring";
    }

    @Override
    public List<Comparison> comparisons() {
        Class<?> echo = EchoRoundTripBenchmark.class;
        Class<?> queue = QueuePutGetBenchmark.class;
        return List.of(
                new Comparison("P1", "ring echo round trip (CPU), vs ABQ ping-pong", echo,
                        "ringKernelEcho", "arrayBlockingQueuePingPong",
                        List.of(new Target.AtMostMicros(2), new Target.AtLeastRatio(2)), new Metric.Percentile(50)),
                new Comparison("P1", "ring echo round trip (CPU), vs ABQ ping-pong", echo,
                        "ringKernelEcho", "arrayBlockingQueuePingPong",
                        List.of(new Target.AtMostMicros(20), new Target.AtLeastRatio(2)), new Metric.Percentile(99)),
                new Comparison("P2", "ring pipeline producer->kernel->consumer, vs ABQ pipeline",
                        PipelineThroughputBenchmark.class, "ringKernelPipeline", "arrayBlockingQueuePipeline",
                        List.of(new Target.AtLeastPerSecond(5_000_000), new Target.AtLeastRatio(3)),
                        new Metric.Throughput()),
                new Comparison("P3", "MessageQueue put+get, BLOCK (default), vs ABQ offer+poll", queue,
                        "messageQueueBlockPutGet", "arrayBlockingQueueOfferPoll",
                        List.of(new Target.AtMostMicros(0.020), new Target.AtLeastRatio(3)),
                        new Metric.Time(Timing.STEADY_STATE)),
                new Comparison("P3", "MessageQueue put+get, REJECT, vs ABQ offer+poll", queue,
                        "messageQueueRejectPutGet", "arrayBlockingQueueOfferPoll", new Target.ContextOnly()));
    }
}
