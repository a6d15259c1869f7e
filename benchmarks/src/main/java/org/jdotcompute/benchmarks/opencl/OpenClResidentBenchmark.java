package org.jdotcompute.benchmarks.opencl;

import static org.jdotcompute.benchmarks.opencl.HandWrittenOpenCl.arg;

import java.util.Random;
import java.util.concurrent.TimeUnit;

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
 * P6 without transfers: the kernels of {@link OpenClKernelBenchmark} on data resident on the
 * device, so the generated code and the launch path are measured rather than the copies. Ours:
 * {@code ComputeRuntime.launch} with {@link DeviceBuffer}s (arguments set, the error record
 * cleared, the kernel enqueued, waited for, the record read back). The baseline: the
 * hand-written kernel's arguments set, the kernel enqueued and waited for. A JMH state; not
 * thread-safe (JMH runs it on one thread).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
public class OpenClResidentBenchmark {
    static final int N = OpenClKernelBenchmark.N;
    static final int M = OpenClKernelBenchmark.M;

    private ComputeRuntime runtime;
    private CompiledKernel vectorAdd;
    private CompiledKernel saxpy;
    private CompiledKernel matmul;
    private DeviceBuffer a;
    private DeviceBuffer b;
    private DeviceBuffer c;
    private DeviceBuffer ma;
    private DeviceBuffer mb;
    private DeviceBuffer mc;
    private HandWrittenOpenCl hand;
    private long program;
    private long handVectorAdd;
    private long handSaxpy;
    private long handMatmul;
    private long ha;
    private long hb;
    private long hc;
    private long hma;
    private long hmb;
    private long hmc;

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
        float[] x = new float[N];
        float[] y = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = r.nextFloat();
            y[i] = r.nextFloat();
        }
        float[] mx = new float[M * M];
        float[] my = new float[M * M];
        for (int i = 0; i < M * M; i++) {
            mx[i] = r.nextFloat();
            my[i] = r.nextFloat();
        }
        a = upload(x);
        b = upload(y);
        c = runtime.allocate((long) N * Float.BYTES);
        ma = upload(mx);
        mb = upload(my);
        mc = runtime.allocate((long) M * M * Float.BYTES);
        ha = hand.buffer(x);
        hb = hand.buffer(y);
        hc = hand.buffer(new float[N]);
        hma = hand.buffer(mx);
        hmb = hand.buffer(my);
        hmc = hand.buffer(new float[M * M]);

        float[] out = new float[N];
        vectorAddOurs();
        c.read(out);
        Checks.vectorAdd(out, x, y, "ours");
        vectorAddHandWritten();
        hand.read(hc, out);
        Checks.vectorAdd(out, x, y, "hand-written");
        float[] mout = new float[M * M];
        matmulOurs();
        mc.read(mout);
        Checks.matmul(mout, mx, my, M, "ours", true);
        matmulHandWritten();
        hand.read(hmc, mout);
        Checks.matmul(mout, mx, my, M, "hand-written", false);
    }

    private DeviceBuffer upload(float[] data) {
        DeviceBuffer buffer = runtime.allocate((long) data.length * Float.BYTES);
        buffer.write(data);
        return buffer;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (long mem : new long[] {ha, hb, hc, hma, hmb, hmc}) {
            HandWrittenOpenCl.release(mem);
        }
        HandWrittenOpenCl.releaseKernel(handVectorAdd);
        HandWrittenOpenCl.releaseKernel(handSaxpy);
        HandWrittenOpenCl.releaseKernel(handMatmul);
        HandWrittenOpenCl.releaseProgram(program);
        hand.close();
        runtime.close(); // closes the buffers too
    }

    @Benchmark
    public DeviceBuffer vectorAddOurs() {
        runtime.launch(vectorAdd, Range.of(N), a, b, c);
        return c;
    }

    @Benchmark
    public long vectorAddHandWritten() {
        arg(handVectorAdd, 0, ha);
        arg(handVectorAdd, 1, hb);
        arg(handVectorAdd, 2, hc);
        arg(handVectorAdd, 3, N);
        hand.run(handVectorAdd, N);
        hand.finish();
        return hc;
    }

    @Benchmark
    public DeviceBuffer saxpyOurs() {
        runtime.launch(saxpy, Range.of(N), 0.5f, a, c);
        return c;
    }

    @Benchmark
    public long saxpyHandWritten() {
        arg(handSaxpy, 0, 0.5f);
        arg(handSaxpy, 1, ha);
        arg(handSaxpy, 2, hc);
        arg(handSaxpy, 3, N);
        hand.run(handSaxpy, N);
        hand.finish();
        return hc;
    }

    @Benchmark
    public DeviceBuffer matmulOurs() {
        runtime.launch(matmul, Range.of2d(M, M), M, ma, mb, mc);
        return mc;
    }

    @Benchmark
    public long matmulHandWritten() {
        arg(handMatmul, 0, M);
        arg(handMatmul, 1, hma);
        arg(handMatmul, 2, hmb);
        arg(handMatmul, 3, hmc);
        hand.run(handMatmul, M, M);
        hand.finish();
        return hmc;
    }
}
