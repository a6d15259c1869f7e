package org.jdotcompute.benchmarks.cuda;

import java.util.concurrent.TimeUnit;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.DeviceBuffer;
import org.jdotcompute.api.Range;
import org.jdotcompute.backend.cuda.ptx.PtxModule;
import org.jdotcompute.benchmarks.BenchKernels;
import org.jdotcompute.spi.device.ErrorRecord;
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
 * P9, launch overhead: a 1-element kernel ({@link BenchKernels#increment}, checks {@code INDEX})
 * on a resident buffer. Ours: {@code ComputeRuntime.launch} on the {@code cuda} backend (argument
 * checks, the kernel launched on the backend's stream, the 80-byte error record read back, the
 * stream synchronised, the record decoded). The baseline: the very PTX the backend emits for that
 * kernel, loaded and launched with JCuda directly ({@link RawCuda}), with the same arguments
 * (the array's pointer and length, a zeroed error record, the three global sizes), one block of
 * one thread (the backend's geometry for a 1-element range), then {@code cuStreamSynchronize}.
 * Each side has its own state, so each fork opens only its own context.
 *
 * <p>Not executed yet: no GPU was available when it was written. JMH states; not thread-safe.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class CudaLaunchBenchmark {
    /** Ours: the CUDA backend through the public API. */
    @State(Scope.Benchmark)
    public static class Ours {
        ComputeRuntime runtime;
        CompiledKernel increment;
        DeviceBuffer cells;
        final Range one = Range.of(1);

        @Setup(Level.Trial)
        public void setUp() {
            runtime = ComputeRuntime.builder().backend("cuda").checks(CheckMode.INDEX).build();
            increment = runtime.compile(BenchKernels.class, "increment");
            cells = runtime.allocateInts(1);
            cells.write(new int[] {0});
            runtime.launch(increment, one, cells);
            int[] out = new int[1];
            cells.read(out);
            if (out[0] != 1) {
                throw new IllegalStateException("the CUDA backend's increment left " + out[0] + ", expected 1");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            runtime.close(); // closes the buffer and the kernel
        }
    }

    /** The baseline: the same PTX through JCuda. */
    @State(Scope.Benchmark)
    public static class Raw {
        RawCuda cuda;
        CUfunction increment;
        CUdeviceptr cells;
        Pointer parameters;

        @Setup(Level.Trial)
        public void setUp() {
            cuda = new RawCuda();
            PtxModule ptx = RawCuda.ptxOf("increment", CheckMode.INDEX, int[].class);
            increment = cuda.load(ptx.ptx(), ptx.entryName());
            cells = cuda.allocate(Integer.BYTES);
            CUdeviceptr record = cuda.allocate(ErrorRecord.BYTES);
            // The entry's parameters: int[] cells as (pointer, length), the error record, the global sizes.
            parameters = Pointer.to(Pointer.to(cells), Pointer.to(new int[] {1}), Pointer.to(record),
                    Pointer.to(new int[] {1}), Pointer.to(new int[] {1}), Pointer.to(new int[] {1}));
            cuda.launch(increment, 1, 1, parameters);
            int[] out = new int[1];
            cuda.read(cells, out);
            int[] state = new int[ErrorRecord.BYTES / Integer.BYTES];
            cuda.read(record, state);
            if (out[0] != 1 || state[ErrorRecord.STATE / Integer.BYTES] != 0
                    || state[ErrorRecord.COUNT / Integer.BYTES] != 0) {
                throw new IllegalStateException("the raw launch of the backend's PTX left " + out[0]
                        + " (expected 1) and an error record with state " + state[ErrorRecord.STATE / Integer.BYTES]
                        + ", count " + state[ErrorRecord.COUNT / Integer.BYTES] + " (expected 0, 0)");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            cuda.close();
        }
    }

    @Benchmark
    public DeviceBuffer launchOurs(Ours s) {
        s.runtime.launch(s.increment, s.one, s.cells);
        return s.cells;
    }

    @Benchmark
    public CUdeviceptr launchRawJCuda(Raw s) {
        s.cuda.launch(s.increment, 1, 1, s.parameters);
        return s.cells;
    }
}
