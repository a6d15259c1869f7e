package org.jdotcompute.benchmarks.opencl;

import static org.jdotcompute.benchmarks.opencl.HandWrittenOpenCl.arg;

import java.util.Random;
import java.util.concurrent.TimeUnit;

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
 * P6 with transfers: Java kernels launched on the OpenCL backend with Java arrays (the backend
 * creates a buffer from each array, runs the kernel, waits, reads every array back and reads the
 * device error record) against the same kernels hand-written in OpenCL C and run through LWJGL
 * with the same transfers (a buffer from each array, the kernel, wait, every array read back,
 * buffers released). Vector add and SAXPY over 16 M floats, a 512 x 512 matrix multiplication
 * (one work-item per output element), no local size (the driver chooses). Our kernels are
 * compiled with the default {@code CheckMode.INDEX}. A JMH state; not thread-safe (JMH runs it on
 * one thread).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class OpenClKernelBenchmark {
    static final int N = 16 * 1024 * 1024;
    static final int M = 512;

    private ComputeRuntime runtime;
    private CompiledKernel vectorAdd;
    private CompiledKernel saxpy;
    private CompiledKernel matmul;
    private HandWrittenOpenCl hand;
    private long program;
    private long handVectorAdd;
    private long handSaxpy;
    private long handMatmul;
    private float[] a;
    private float[] b;
    private float[] c;
    private float[] ma;
    private float[] mb;
    private float[] mc;

    @Setup(Level.Trial)
    public void setUp() {
        runtime = ComputeRuntime.builder().backend("opencl").build();
        vectorAdd = runtime.compile(BenchKernels.class, "vectorAdd");
        saxpy = runtime.compile(BenchKernels.class, "saxpy");
        matmul = runtime.compile(BenchKernels.class, "matmul");
        hand = new HandWrittenOpenCl();
        Checks.sameDevice(runtime, hand);
        program = hand.build(HandWrittenOpenCl.SOURCE);
        handVectorAdd = hand.kernel(program, "vectorAdd");
        handSaxpy = hand.kernel(program, "saxpy");
        handMatmul = hand.kernel(program, "matmul");
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
        Checks.vectorAdd(vectorAddOurs(), a, b, "ours");
        Checks.vectorAdd(vectorAddHandWritten(), a, b, "hand-written");
        Checks.matmul(matmulOurs(), ma, mb, M, "ours", true);
        Checks.matmul(matmulHandWritten(), ma, mb, M, "hand-written", false);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        HandWrittenOpenCl.releaseKernel(handVectorAdd);
        HandWrittenOpenCl.releaseKernel(handSaxpy);
        HandWrittenOpenCl.releaseKernel(handMatmul);
        HandWrittenOpenCl.releaseProgram(program);
        hand.close();
        runtime.close();
    }

    @Benchmark
    public float[] vectorAddOurs() {
        runtime.launch(vectorAdd, Range.of(N), a, b, c);
        return c;
    }

    @Benchmark
    public float[] vectorAddHandWritten() {
        long da = hand.buffer(a);
        long db = hand.buffer(b);
        long dc = hand.buffer(c);
        arg(handVectorAdd, 0, da);
        arg(handVectorAdd, 1, db);
        arg(handVectorAdd, 2, dc);
        arg(handVectorAdd, 3, N);
        hand.run(handVectorAdd, N);
        hand.finish();
        hand.read(da, a);
        hand.read(db, b);
        hand.read(dc, c);
        HandWrittenOpenCl.release(da);
        HandWrittenOpenCl.release(db);
        HandWrittenOpenCl.release(dc);
        return c;
    }

    @Benchmark
    public float[] saxpyOurs() {
        runtime.launch(saxpy, Range.of(N), 0.5f, a, c);
        return c;
    }

    @Benchmark
    public float[] saxpyHandWritten() {
        long dx = hand.buffer(a);
        long dy = hand.buffer(c);
        arg(handSaxpy, 0, 0.5f);
        arg(handSaxpy, 1, dx);
        arg(handSaxpy, 2, dy);
        arg(handSaxpy, 3, N);
        hand.run(handSaxpy, N);
        hand.finish();
        hand.read(dx, a);
        hand.read(dy, c);
        HandWrittenOpenCl.release(dx);
        HandWrittenOpenCl.release(dy);
        return c;
    }

    @Benchmark
    public float[] matmulOurs() {
        runtime.launch(matmul, Range.of2d(M, M), M, ma, mb, mc);
        return mc;
    }

    @Benchmark
    public float[] matmulHandWritten() {
        long da = hand.buffer(ma);
        long db = hand.buffer(mb);
        long dc = hand.buffer(mc);
        arg(handMatmul, 0, M);
        arg(handMatmul, 1, da);
        arg(handMatmul, 2, db);
        arg(handMatmul, 3, dc);
        hand.run(handMatmul, M, M);
        hand.finish();
        hand.read(da, ma);
        hand.read(db, mb);
        hand.read(dc, mc);
        HandWrittenOpenCl.release(da);
        HandWrittenOpenCl.release(db);
        HandWrittenOpenCl.release(dc);
        return mc;
    }
}
