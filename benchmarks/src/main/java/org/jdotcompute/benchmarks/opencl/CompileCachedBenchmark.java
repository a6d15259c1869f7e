package org.jdotcompute.benchmarks.opencl;

import java.util.concurrent.TimeUnit;

import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.benchmarks.BenchKernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * P8, cached compile: compiling a kernel again on a runtime that compiled it before — the
 * translation comes from the front end's cache and the program from the backend's program cache,
 * so what is left is the engine's checks, the OpenCL C emission and a new kernel object — against
 * the hand-written baseline's {@code clCreateKernel} (and {@code clReleaseKernel}) on a program
 * it built before. Every compiled kernel stays registered with its runtime until the runtime
 * closes ({@code CompiledKernel} has no {@code close}), so each iteration gets a fresh runtime.
 * A JMH state; not thread-safe (JMH runs it on one thread).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class CompileCachedBenchmark {
    private ComputeRuntime runtime;
    private HandWrittenOpenCl hand;
    private long program;

    @Setup(Level.Iteration)
    public void setUp() {
        runtime = ComputeRuntime.builder().backend("opencl").build();
        runtime.compile(BenchKernels.class, "matmul");
        hand = new HandWrittenOpenCl();
        Checks.sameDevice(runtime, hand);
        program = hand.build(HandWrittenOpenCl.MATMUL_SOURCE);
    }

    @TearDown(Level.Iteration)
    public void tearDown() {
        HandWrittenOpenCl.releaseProgram(program);
        hand.close();
        runtime.close();
    }

    @Benchmark
    public CompiledKernel secondCompileOurs() {
        return runtime.compile(BenchKernels.class, "matmul");
    }

    @Benchmark
    public long kernelObjectHandWritten() {
        long kernel = hand.kernel(program, "matmul");
        HandWrittenOpenCl.releaseKernel(kernel);
        return kernel;
    }
}
