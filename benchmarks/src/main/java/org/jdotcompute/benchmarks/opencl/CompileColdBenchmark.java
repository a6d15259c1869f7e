package org.jdotcompute.benchmarks.opencl;

import java.util.concurrent.TimeUnit;

import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.benchmarks.BenchKernels;
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
 * P8, first compile: the first {@code ComputeRuntime.compile} of a kernel in a fresh JVM on a
 * fresh OpenCL runtime — the bytecode front end (its classes loaded and run for the first time),
 * the OpenCL C emitter, the driver's program build and the kernel object — against the
 * hand-written baseline's first {@code clCreateProgramWithSource} + {@code clBuildProgram} +
 * {@code clCreateKernel} of the same kernel in OpenCL C. One shot per JVM: each fork measures
 * one call, and a second iteration in the same JVM is refused (the translation would be cached);
 * run it with {@code -bm ss -wi 0 -i 1} and several forks ({@code BenchRunner} does).
 *
 * <p>The context is created in the setup, outside the measurement. PoCL keeps built programs
 * in a disk cache ({@code ~/.cache/pocl/kcache}) keyed by source and options: from the second
 * fork on, both sides hit it unless the benchmark runs with {@code POCL_KERNEL_CACHE=0} in the
 * environment (the forks inherit it); quote which with the figures.
 *
 * <p>A JMH state; not thread-safe (JMH runs it on one thread).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 10, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class CompileColdBenchmark {
    private static boolean measured; // one shot per JVM

    private ComputeRuntime runtime;
    private HandWrittenOpenCl hand;
    private CompiledKernel kernel;
    private long program;
    private long handKernel;

    @Setup(Level.Iteration)
    public void setUp() {
        if (measured) {
            throw new IllegalStateException("a cold compile can be measured once per JVM (the first translation is"
                    + " cached): run with -bm ss -wi 0 -i 1 and several forks");
        }
        measured = true;
        runtime = ComputeRuntime.builder().backend("opencl").build();
        hand = new HandWrittenOpenCl();
        Checks.sameDevice(runtime, hand);
    }

    @TearDown(Level.Iteration)
    public void tearDown() {
        if (handKernel != 0) {
            HandWrittenOpenCl.releaseKernel(handKernel);
            HandWrittenOpenCl.releaseProgram(program);
        }
        hand.close();
        runtime.close();
    }

    @Benchmark
    public CompiledKernel firstCompileOurs() {
        kernel = runtime.compile(BenchKernels.class, "matmul");
        return kernel;
    }

    @Benchmark
    public long firstBuildHandWritten() {
        program = hand.build(HandWrittenOpenCl.MATMUL_SOURCE);
        handKernel = hand.kernel(program, "matmul");
        return handKernel;
    }
}
