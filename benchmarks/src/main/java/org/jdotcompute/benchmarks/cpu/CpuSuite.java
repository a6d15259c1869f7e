package org.jdotcompute.benchmarks.cpu;

import java.util.List;

import org.jdotcompute.benchmarks.BenchSuite;
import org.jdotcompute.benchmarks.Comparison;
import org.jdotcompute.benchmarks.Target;

/** The CPU backend's comparisons: P4 and P5 of PERFORMANCE.md. Stateless. */
public final class CpuSuite implements BenchSuite {
    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public List<Comparison> comparisons() {
        Target p4 = new Target.AtLeastRatio(0.9);
        return List.of(
                new Comparison("P4", "vector add, 16M floats, vs parallel stream", CpuKernelBenchmark.class,
                        "vectorAddOurs", "vectorAddParallelStream", p4),
                new Comparison("P4", "SAXPY, 16M floats, vs parallel stream", CpuKernelBenchmark.class,
                        "saxpyOurs", "saxpyParallelStream", p4),
                new Comparison("P4", "matmul 512x512, vs parallel stream", CpuKernelBenchmark.class,
                        "matmulOurs", "matmulParallelStream", new Target.AtLeastRatio(0.8)),
                new Comparison("P5", "launch, 1-element kernel, vs direct call", LaunchOverheadBenchmark.class,
                        "launchOneElement", "directStaticCall", new Target.AtMostMicros(20)));
    }
}
