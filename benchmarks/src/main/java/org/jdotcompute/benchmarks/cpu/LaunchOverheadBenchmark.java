package org.jdotcompute.benchmarks.cpu;

import java.util.concurrent.TimeUnit;

import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.KernelContext;
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
 * P5: the cost of launching a 1-element kernel through {@code ComputeRuntime.launch} (argument
 * checks, engine counters and JFR event, the backend's dispatch) against calling the same
 * kernel method directly, in the same run. A JMH state; not thread-safe (JMH runs it on one thread).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class LaunchOverheadBenchmark {
    private ComputeRuntime runtime;
    private CompiledKernel increment;
    private final int[] cells = new int[1];
    private final Range one = Range.of(1);
    private final KernelContext direct = new FirstItem();

    @Setup(Level.Trial)
    public void setUp() {
        runtime = ComputeRuntime.builder().backend("cpu").build();
        increment = runtime.compile(BenchKernels.class, "increment");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        runtime.close();
    }

    @Benchmark
    public int[] launchOneElement() {
        runtime.launch(increment, one, (Object) cells);
        return cells;
    }

    @Benchmark
    public int[] directStaticCall() {
        BenchKernels.increment(direct, cells);
        return cells;
    }

    /** The context of the one work-item of a 1-element range, for the direct call. */
    private static final class FirstItem implements KernelContext {
        @Override
        public int globalId(int dim) {
            return 0;
        }

        @Override
        public int localId(int dim) {
            return 0;
        }

        @Override
        public int groupId(int dim) {
            return 0;
        }

        @Override
        public int globalSize(int dim) {
            return 1;
        }

        @Override
        public int localSize(int dim) {
            return 1;
        }

        @Override
        public int numGroups(int dim) {
            return 1;
        }

        @Override
        public void barrier() {
            // one work-item: nothing to wait for
        }

        @Override
        public float[] localFloats(int n) {
            return new float[n];
        }

        @Override
        public double[] localDoubles(int n) {
            return new double[n];
        }

        @Override
        public int[] localInts(int n) {
            return new int[n];
        }

        @Override
        public long[] localLongs(int n) {
            return new long[n];
        }

        @Override
        public short[] localShorts(int n) {
            return new short[n];
        }

        @Override
        public byte[] localBytes(int n) {
            return new byte[n];
        }
    }
}
