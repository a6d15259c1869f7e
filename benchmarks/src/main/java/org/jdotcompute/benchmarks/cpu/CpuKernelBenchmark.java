package org.jdotcompute.benchmarks.cpu;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
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
 * P4: CPU-backend kernels against hand-written {@code IntStream.range(...).parallel()} loops
 * doing the same arithmetic over the same index space, in the same run. Vector add and SAXPY
 * over 16 M floats, a 512 x 512 matrix multiplication (one work-item per output element).
 * A JMH state; not thread-safe (JMH runs it on one thread).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class CpuKernelBenchmark {
    static final int N = 16 * 1024 * 1024;
    static final int M = 512;

    private ComputeRuntime runtime;
    private CompiledKernel vectorAdd;
    private CompiledKernel saxpy;
    private CompiledKernel matmul;
    private float[] a;
    private float[] b;
    private float[] c;
    private float[] ma;
    private float[] mb;
    private float[] mc;

    @Setup(Level.Trial)
    public void setUp() {
        runtime = ComputeRuntime.builder().backend("cpu").build();
        vectorAdd = runtime.compile(BenchKernels.class, "vectorAdd");
        saxpy = runtime.compile(BenchKernels.class, "saxpy");
        matmul = runtime.compile(BenchKernels.class, "matmul");
        Random r = new Random(42);
        a = new float[N];
        b = new float[N];
        c = new float[N];
        for (int i = 0; i < N; i++) {
            a[i] = r.nextFloat();
            b[i] = r.nextFloat();
        }
        ma = new float[M * M];
        mb = new float[M * M];
        mc = new float[M * M];
        for (int i = 0; i < M * M; i++) {
            ma[i] = r.nextFloat();
            mb[i] = r.nextFloat();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        runtime.close();
    }

    @Benchmark
    public float[] vectorAddOurs() {
        runtime.launch(vectorAdd, Range.of(N), a, b, c);
        return c;
    }

    @Benchmark
    public float[] vectorAddParallelStream() {
        float[] a = this.a;
        float[] b = this.b;
        float[] c = this.c;
        IntStream.range(0, N).parallel().forEach(i -> {
            if (i < c.length) {
                c[i] = a[i] + b[i];
            }
        });
        return c;
    }

    @Benchmark
    public float[] saxpyOurs() {
        runtime.launch(saxpy, Range.of(N), 0.5f, a, c);
        return c;
    }

    @Benchmark
    public float[] saxpyParallelStream() {
        float[] x = this.a;
        float[] y = this.c;
        float alpha = 0.5f;
        IntStream.range(0, N).parallel().forEach(i -> {
            if (i < y.length) {
                y[i] = alpha * x[i] + y[i];
            }
        });
        return y;
    }

    @Benchmark
    public float[] matmulOurs() {
        runtime.launch(matmul, Range.of2d(M, M), M, ma, mb, mc);
        return mc;
    }

    @Benchmark
    public float[] matmulParallelStream() {
        float[] a = ma;
        float[] b = mb;
        float[] c = mc;
        int n = M;
        IntStream.range(0, n * n).parallel().forEach(idx -> {
            int col = idx % n;
            int row = idx / n;
            float sum = 0f;
            for (int k = 0; k < n; k++) {
                sum += a[row * n + k] * b[k * n + col];
            }
            c[row * n + col] = sum;
        });
        return c;
    }
}
