package org.jdotcompute.benchmarks.opencl;

import java.util.List;
import java.util.Optional;

import org.jdotcompute.benchmarks.BenchSuite;
import org.jdotcompute.benchmarks.Comparison;
import org.jdotcompute.benchmarks.Target;
import org.jdotcompute.benchmarks.Timing;

/** The OpenCL backend's comparisons: P6, P7 and P8 of PERFORMANCE.md. Stateless. */
public final class OpenClSuite implements BenchSuite {
    @Override
    public String name() {
        return "opencl";
    }

    /** Unavailable without an OpenCL device, as {@code ComputeRuntime.discover()} reports it. */
    @Override
    public Optional<String> unavailable() {
        return BenchSuite.backendUnavailable("opencl", "no OpenCL device");
    }

    @Override
    public List<Comparison> comparisons() {
        Target p6 = new Target.AtLeastRatio(0.9);
        Target p7 = new Target.AtMostOverhead(10);
        Class<?> copies = OpenClKernelBenchmark.class;
        Class<?> resident = OpenClResidentBenchmark.class;
        Class<?> checks = ChecksOverheadBenchmark.class;
        return List.of(
                new Comparison("P6", "OpenCL vector add 16M, arrays copied, vs LWJGL", copies,
                        "vectorAddOurs", "vectorAddHandWritten", p6),
                new Comparison("P6", "OpenCL SAXPY 16M, arrays copied, vs LWJGL", copies,
                        "saxpyOurs", "saxpyHandWritten", p6),
                new Comparison("P6", "OpenCL matmul 512, arrays copied, vs LWJGL", copies,
                        "matmulOurs", "matmulHandWritten", p6),
                new Comparison("P6", "OpenCL vector add 16M, resident, vs LWJGL", resident,
                        "vectorAddOurs", "vectorAddHandWritten", p6),
                new Comparison("P6", "OpenCL SAXPY 16M, resident, vs LWJGL", resident,
                        "saxpyOurs", "saxpyHandWritten", p6),
                new Comparison("P6", "OpenCL matmul 512, resident, vs LWJGL", resident,
                        "matmulOurs", "matmulHandWritten", p6),
                new Comparison("P7", "OpenCL gather 16M, checks INDEX vs NONE", checks,
                        "gatherIndex", "gatherNone", p7),
                new Comparison("P7", "OpenCL stencil 4096^2, checks INDEX vs NONE", checks,
                        "stencilIndex", "stencilNone", p7),
                new Comparison("P8", "OpenCL first compile (fresh JVM) vs LWJGL build", CompileColdBenchmark.class,
                        "firstCompileOurs", "firstBuildHandWritten", new Target.ContextOnly(), Timing.SINGLE_SHOT),
                new Comparison("P8", "OpenCL cached compile vs clCreateKernel", CompileCachedBenchmark.class,
                        "secondCompileOurs", "kernelObjectHandWritten", new Target.AtMostMicros(1000)));
    }
}
