package org.jdotcompute.benchmarks.cuda;

import java.util.List;
import java.util.Optional;

import org.jdotcompute.benchmarks.BenchSuite;
import org.jdotcompute.benchmarks.Comparison;
import org.jdotcompute.benchmarks.Target;

/**
 * The CUDA backend's comparisons: P9 of PERFORMANCE.md (launch overhead against a raw JCuda
 * launch of the same PTX; vector-add bandwidth against a device-to-device copy). Unavailable
 * without a CUDA device: the rows then say so with the probe's reason. Not executed yet: no GPU
 * was available when the benchmarks were written. Stateless.
 */
public final class CudaSuite implements BenchSuite {
    @Override
    public String name() {
        return "cuda";
    }

    /** Unavailable without a CUDA device, as {@code ComputeRuntime.discover()} reports it. */
    @Override
    public Optional<String> unavailable() {
        return BenchSuite.backendUnavailable("cuda", "no CUDA device");
    }

    @Override
    public List<Comparison> comparisons() {
        return List.of(
                new Comparison("P9", "CUDA launch, 1-element kernel, vs raw JCuda, same PTX", CudaLaunchBenchmark.class,
                        "launchOurs", "launchRawJCuda", new Target.AtLeastRatio(0.9)),
                new Comparison("P9", "CUDA vector add 64M floats, vs D2D copy of equal bytes",
                        CudaBandwidthBenchmark.class, "vectorAddOurs", "deviceCopy", new Target.AtLeastRatio(0.8)));
    }
}
