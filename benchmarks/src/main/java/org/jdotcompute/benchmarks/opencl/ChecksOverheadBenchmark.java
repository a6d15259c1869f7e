package org.jdotcompute.benchmarks.opencl;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.DeviceBuffer;
import org.jdotcompute.api.Range;
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
 * P7: the cost of device-side bounds checks. The same Java kernels compiled with
 * {@code CheckMode.INDEX} (the default: every array access checked, a failing work-item writes
 * the error record) and with {@code CheckMode.NONE}, launched on the OpenCL backend over data
 * resident on the device (so the kernel, not the copies, is measured): a gather
 * {@code dst[i] = src[index[i]]} over 16 M elements with random indices, and a 5-point stencil
 * over a 4096 x 4096 grid. Both modes clear and read the error record. A JMH state; not
 * thread-safe (JMH runs it on one thread).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
public class ChecksOverheadBenchmark {
    static final int N = 16 * 1024 * 1024;
    static final int SIDE = 4096;

    /** One runtime with its check mode, kernels and resident data. */
    private static final class Variant {
        final ComputeRuntime runtime;
        final CompiledKernel gather;
        final CompiledKernel stencil;
        final DeviceBuffer index;
        final DeviceBuffer src;
        final DeviceBuffer dst;
        final DeviceBuffer grid;
        final DeviceBuffer out;

        Variant(CheckMode mode, int[] indices, float[] values, float[] cells) {
            runtime = ComputeRuntime.builder().backend("opencl").checks(mode).build();
            gather = runtime.compile(BenchKernels.class, "gather");
            stencil = runtime.compile(BenchKernels.class, "stencil");
            index = runtime.allocate((long) N * Integer.BYTES);
            index.write(indices);
            src = runtime.allocate((long) N * Float.BYTES);
            src.write(values);
            dst = runtime.allocate((long) N * Float.BYTES);
            grid = runtime.allocate((long) SIDE * SIDE * Float.BYTES);
            grid.write(cells);
            out = runtime.allocate((long) SIDE * SIDE * Float.BYTES);
        }
    }

    private Variant checked;
    private Variant unchecked;
    private final Range line = Range.of(N);
    private final Range square = Range.of2d(SIDE, SIDE);

    @Setup(Level.Trial)
    public void setUp() {
        Random r = new Random(7);
        int[] indices = new int[N];
        float[] values = new float[N];
        for (int i = 0; i < N; i++) {
            indices[i] = r.nextInt(N);
            values[i] = r.nextFloat();
        }
        float[] cells = new float[SIDE * SIDE];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = r.nextFloat();
        }
        checked = new Variant(CheckMode.INDEX, indices, values, cells);
        unchecked = new Variant(CheckMode.NONE, indices, values, cells);
        // Same results in both modes (and the checked kernels do not fail).
        gatherIndex();
        gatherNone();
        stencilIndex();
        stencilNone();
        float[] one = new float[N];
        float[] other = new float[N];
        checked.dst.read(one);
        unchecked.dst.read(other);
        requireEqual(one, other, "gather");
        checked.out.read(one);
        unchecked.out.read(other);
        requireEqual(one, other, "stencil");
    }

    private static void requireEqual(float[] one, float[] other, String kernel) {
        if (!java.util.Arrays.equals(one, other)) {
            throw new IllegalStateException(kernel + " gives different results under INDEX and NONE");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        checked.runtime.close();
        unchecked.runtime.close();
    }

    @Benchmark
    public DeviceBuffer gatherIndex() {
        checked.runtime.launch(checked.gather, line, checked.index, checked.src, checked.dst);
        return checked.dst;
    }

    @Benchmark
    public DeviceBuffer gatherNone() {
        unchecked.runtime.launch(unchecked.gather, line, unchecked.index, unchecked.src, unchecked.dst);
        return unchecked.dst;
    }

    @Benchmark
    public DeviceBuffer stencilIndex() {
        checked.runtime.launch(checked.stencil, square, SIDE, SIDE, checked.grid, checked.out);
        return checked.out;
    }

    @Benchmark
    public DeviceBuffer stencilNone() {
        unchecked.runtime.launch(unchecked.stencil, square, SIDE, SIDE, unchecked.grid, unchecked.out);
        return unchecked.out;
    }
}
