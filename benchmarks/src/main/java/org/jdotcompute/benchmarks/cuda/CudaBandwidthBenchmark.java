package org.jdotcompute.benchmarks.cuda;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;

import jcuda.driver.CUdeviceptr;

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
 * P9, bandwidth: {@link BenchKernels#vectorAdd} over {@value #N} floats on resident buffers (ours,
 * checks {@code INDEX}) against a device-to-device copy that moves the same bytes
 * ({@code cuMemcpyDtoDAsync} of {@value #COPY_BYTES} bytes, then {@code cuStreamSynchronize},
 * through {@link RawCuda}). The vector add reads 8 and writes 4 bytes per element, 12·N bytes in
 * all; the copy reads and writes 6·N bytes each, also 12·N. With equal traffic, the ratio of the
 * times (copy time / our time) is our bandwidth as a fraction of the copy's; the target is at
 * least 0.8. Each side has its own state, so each fork opens only its own context.
 *
 * <p>Not executed yet: no GPU was available when it was written. JMH states; not thread-safe.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class CudaBandwidthBenchmark {
    /** Elements of the vector add: 64 M floats, 256 MiB per array (768 MiB moved per launch). */
    static final int N = 1 << 26;
    /** The copy's size: half the vector add's traffic, since a copy reads and writes each byte. */
    static final long COPY_BYTES = 6L * N;

    /** Ours: the CUDA backend through the public API. */
    @State(Scope.Benchmark)
    public static class Ours {
        ComputeRuntime runtime;
        CompiledKernel vectorAdd;
        DeviceBuffer a;
        DeviceBuffer b;
        DeviceBuffer c;
        final Range range = Range.of(N);

        @Setup(Level.Trial)
        public void setUp() {
            runtime = ComputeRuntime.builder().backend("cuda").checks(CheckMode.INDEX).build();
            vectorAdd = runtime.compile(BenchKernels.class, "vectorAdd");
            a = filled(i -> i * 0.5f);
            b = filled(i -> 1.0f / (1 + (i & 1023)));
            c = runtime.allocateFloats(N);
            runtime.launch(vectorAdd, range, a, b, c);
            c.copyToHost();
            MemorySegment x = a.hostSegment();
            MemorySegment y = b.hostSegment();
            MemorySegment z = c.hostSegment();
            for (long i = 0; i < N; i++) {
                float want = x.getAtIndex(ValueLayout.JAVA_FLOAT, i) + y.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                float got = z.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                if (Float.floatToRawIntBits(got) != Float.floatToRawIntBits(want)) {
                    throw new IllegalStateException("the CUDA backend's vectorAdd gave c[" + i + "] = " + got
                            + ", Java gives " + want);
                }
            }
        }

        private DeviceBuffer filled(IndexFunction f) {
            DeviceBuffer buffer = runtime.allocateFloats(N);
            MemorySegment host = buffer.hostSegment();
            for (long i = 0; i < N; i++) {
                host.setAtIndex(ValueLayout.JAVA_FLOAT, i, f.at(i));
            }
            buffer.copyToDevice();
            return buffer;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            runtime.close(); // closes the buffers and the kernel
        }
    }

    /** A value per element index. */
    @FunctionalInterface
    interface IndexFunction {
        float at(long i);
    }

    /** The baseline: a device-to-device copy of the same traffic through JCuda. */
    @State(Scope.Benchmark)
    public static class Copy {
        RawCuda cuda;
        CUdeviceptr src;
        CUdeviceptr dst;

        @Setup(Level.Trial)
        public void setUp() {
            cuda = new RawCuda();
            src = cuda.allocate(COPY_BYTES);
            dst = cuda.allocate(COPY_BYTES);
            cuda.fill(src, Float.floatToRawIntBits(1.5f), COPY_BYTES);
            cuda.copy(dst, src, COPY_BYTES);
            float[] first = new float[1];
            float[] last = new float[1];
            cuda.read(dst, 0, first);
            cuda.read(dst, COPY_BYTES - Float.BYTES, last);
            if (first[0] != 1.5f || last[0] != 1.5f) {
                throw new IllegalStateException("the device-to-device copy gave " + first[0] + " and " + last[0]
                        + " at its ends, expected 1.5");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            cuda.close();
        }
    }

    @Benchmark
    public DeviceBuffer vectorAddOurs(Ours s) {
        s.runtime.launch(s.vectorAdd, s.range, s.a, s.b, s.c);
        return s.c;
    }

    @Benchmark
    public CUdeviceptr deviceCopy(Copy s) {
        s.cuda.copy(s.dst, s.src, COPY_BYTES);
        return s.dst;
    }
}
