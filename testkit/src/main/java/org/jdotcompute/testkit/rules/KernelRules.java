package org.jdotcompute.testkit.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.jdotcompute.api.Capabilities.Feature;
import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.Range;
import org.jdotcompute.testkit.corpus.Comparison;
import org.jdotcompute.testkit.corpus.Inputs;
import org.jdotcompute.testkit.corpus.MemoryKernels;
import org.jdotcompute.testkit.internal.ConformanceKernels;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * KRN: data-parallel kernels — 1-D, 2-D and 3-D ranges (sizes that are not multiples of any local
 * size, larger than one work-group), work-group ids, local memory and barriers, atomics,
 * reductions, scalar arguments and wrong arguments.
 */
public abstract class KernelRules extends RuleGroup {
    /** For {@link org.jdotcompute.testkit.BackendConformanceSuite}'s nested group. */
    protected KernelRules() {
    }


    private static void assertIds(int[] out, String what) {
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                fail(what + ": work-item " + i + " of " + out.length + " did not run (its element is still 0)");
            }
        }
    }

    private static void assumeGroup(Kit kit, int size) {
        int max = kit.capabilities().maxWorkGroupSize();
        Kit.skipUnless(size <= max, "maxWorkGroupSize " + max + " is below the rule's work-group of " + size);
    }

    @Test
    @DisplayName("KRN-001 a 1-D range runs every work-item and reports its global size")
    public void range1d(Kit kit) {
        ComputeRuntime rt = kit.runtime();
        int n = 1000;
        int[] out = new int[n];
        int[] sizes = new int[3];
        kit.launch(rt, kit.compile(rt, "ids1d"), Range.of(n), out, sizes);
        for (int i = 0; i < n; i++) {
            assertEquals(i + 1, out[i], "element " + i);
        }
        assertArrayEquals(new int[] {n, 1, 1}, sizes, "globalSize(0..2)");
    }

    @Test
    @DisplayName("KRN-002 a 1-D range of a prime size, larger than any work-group, runs every work-item")
    public void rangeNotAMultiple(Kit kit) {
        ComputeRuntime rt = kit.runtime();
        int n = 100_003;
        int[] out = new int[n];
        int[] sizes = new int[3];
        kit.launch(rt, kit.compile(rt, "ids1d"), Range.of(n), out, sizes);
        assertIds(out, "Range.of(" + n + ")");
        for (int i = 0; i < n; i++) {
            if (out[i] != i + 1) {
                assertEquals(i + 1, out[i], "element " + i);
            }
        }
        assertArrayEquals(new int[] {n, 1, 1}, sizes, "globalSize(0..2)");
    }

    @Test
    @DisplayName("KRN-003 a 2-D range of prime sizes runs every work-item with its coordinates")
    public void range2d(Kit kit) {
        ComputeRuntime rt = kit.runtime();
        int w = 37;
        int h = 23;
        int[] out = new int[w * h];
        int[] sizes = new int[3];
        kit.launch(rt, kit.compile(rt, "ids2d"), Range.of2d(w, h), out, sizes);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                assertEquals((x | y << 12) + 1, out[y * w + x], "work-item (" + x + ", " + y + ")");
            }
        }
        assertArrayEquals(new int[] {w, h, 1}, sizes, "globalSize(0..2)");
    }

    @Test
    @DisplayName("KRN-004 a 3-D range of prime sizes runs every work-item with its coordinates")
    public void range3d(Kit kit) {
        ComputeRuntime rt = kit.runtime();
        int w = 13;
        int h = 7;
        int d = 5;
        int[] out = new int[w * h * d];
        int[] sizes = new int[3];
        kit.launch(rt, kit.compile(rt, "ids3d"), Range.of3d(w, h, d), out, sizes);
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    assertEquals((x | y << 10 | z << 20) + 1, out[(z * h + y) * w + x],
                            "work-item (" + x + ", " + y + ", " + z + ")");
                }
            }
        }
        assertArrayEquals(new int[] {w, h, d}, sizes, "globalSize(0..2)");
    }

    @Test
    @DisplayName("KRN-005 with a local size, local ids, group ids, local sizes and group counts agree with the global ids")
    public void workGroupIds(Kit kit) {
        assumeGroup(kit, 32);
        ComputeRuntime rt = kit.runtime();
        int w = 32;
        int h = 24;
        int lw = 8;
        int lh = 4;
        int[] out = new int[w * h * 10];
        kit.launch(rt, kit.compile(rt, "groupIds"), Range.of2d(w, h).withLocal(lw, lh), out);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * 10;
                int[] expected = {x, y, x % lw, y % lh, x / lw, y / lh, lw, lh, w / lw, h / lh};
                assertArrayEquals(expected, Arrays.copyOfRange(out, o, o + 10), "work-item (" + x + ", " + y
                        + "): globalId, localId, groupId, localSize and numGroups in dimensions 0 and 1");
            }
        }
    }

    @Test
    @DisplayName("KRN-006 group-local memory and a barrier exchange values within each work-group")
    public void localMemoryAndBarrier(Kit kit) {
        kit.assume(Feature.LOCAL_MEMORY, "KRN-006 reverses tiles in group-local memory");
        kit.assume(Feature.BARRIERS, "KRN-006 reverses tiles across a barrier");
        assumeGroup(kit, ConformanceKernels.TILE);
        ComputeRuntime rt = kit.runtime();
        int t = ConformanceKernels.TILE;
        int n = t * 37;
        int[] in = kit.random("KRN-006").ints(n).toArray();
        int[] out = new int[n];
        kit.launch(rt, kit.compile(rt, "reverseTiles"), Range.of(n, t), in, out);
        for (int i = 0; i < n; i++) {
            int group = i / t;
            int l = i % t;
            assertEquals(in[group * t + t - 1 - l], out[i], "element " + i + " (local id " + l + " of group " + group + ")");
        }
    }

    @Test
    @DisplayName("KRN-007 a tree reduction with barriers in a loop sums each work-group")
    public void reduction(Kit kit) {
        kit.assume(Feature.LOCAL_MEMORY, "KRN-007 reduces in group-local memory");
        kit.assume(Feature.BARRIERS, "KRN-007 reduces across barriers");
        assumeGroup(kit, ConformanceKernels.SUM_GROUP);
        ComputeRuntime rt = kit.runtime();
        int g = ConformanceKernels.SUM_GROUP;
        int groups = 40;
        int[] in = kit.random("KRN-007").ints(g * groups).toArray();
        int[] sums = new int[groups];
        kit.launch(rt, kit.compile(rt, "groupSums"), Range.of(g * groups, g), in, sums);
        for (int k = 0; k < groups; k++) {
            int expected = 0;
            for (int i = 0; i < g; i++) {
                expected += in[k * g + i];
            }
            assertEquals(expected, sums[k], "the sum of work-group " + k);
        }
    }

    @Test
    @DisplayName("KRN-008 matmul with local tiles gives the JVM's result bit for bit")
    public void tiledMatmul(Kit kit) {
        kit.assume(Feature.LOCAL_MEMORY, "KRN-008 multiplies tiles in group-local memory");
        kit.assume(Feature.BARRIERS, "KRN-008 synchronises tiles with barriers");
        int tile = MemoryKernels.TILE;
        assumeGroup(kit, tile * tile);
        ComputeRuntime rt = kit.runtime();
        int n = 64;
        RandomGenerator r = kit.random("KRN-008");
        float[] a = Inputs.floats(r, n * n, -1f, 1f);
        float[] b = Inputs.floats(r, n * n, -1f, 1f);
        float[] expected = new float[n * n];
        float[] actual = new float[n * n];
        Range range = Range.of2d(n, n).withLocal(tile, tile);
        CompiledKernel matmul = rt.compile(MemoryKernels.class, "tiledMatmul");
        kit.launch(rt, matmul, range, a.clone(), b.clone(), actual, n);
        assertEquals(Optional.empty(), kit.jvm(matmulKernel(), range, List.<Object>of(a, b, expected, n)), "the JVM run");
        assertEquals(Optional.empty(), Comparison.mismatch(expected, actual, 0), "the product");
    }

    private static java.lang.reflect.Method matmulKernel() {
        return Arrays.stream(MemoryKernels.class.getMethods()).filter(m -> m.getName().equals("tiledMatmul")).findFirst()
                .orElseThrow();
    }

    @Test
    @DisplayName("KRN-009 int atomic add gives every work-item a distinct ticket")
    public void tickets(Kit kit) {
        kit.assume(Feature.INT32_ATOMICS, "KRN-009 takes tickets with Atomics.add(int[], ...)");
        ComputeRuntime rt = kit.runtime();
        int n = 4099;
        int[] counter = new int[1];
        int[] tickets = new int[n];
        kit.launch(rt, kit.compile(rt, "tickets"), Range.of(n), counter, tickets);
        assertEquals(n, counter[0], "the counter after " + n + " atomic increments");
        int[] sorted = tickets.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < n; i++) {
            assertEquals(i, sorted[i], "the sorted tickets must be 0.." + (n - 1) + " (two work-items got the same ticket,"
                    + " or one was lost)");
        }
    }

    @Test
    @DisplayName("KRN-010 an atomic histogram counts every value")
    public void histogram(Kit kit) {
        kit.assume(Feature.INT32_ATOMICS, "KRN-010 counts with Atomics.add(int[], ...)");
        ComputeRuntime rt = kit.runtime();
        int n = 10_007;
        int[] data = kit.random("KRN-010").ints(n).toArray();
        int[] bins = new int[16];
        kit.launch(rt, kit.compile(rt, "histogram"), Range.of(n), data, bins);
        int[] expected = new int[16];
        for (int v : data) {
            expected[v & 15]++;
        }
        assertArrayEquals(expected, bins, "the 16 bins");
    }

    @Test
    @DisplayName("KRN-011 int atomic min, max and compare-and-set have one winner and the extreme values")
    public void intMinMaxCas(Kit kit) {
        kit.assume(Feature.INT32_ATOMICS, "KRN-011 uses Atomics.min/max/compareAndSet on int[]");
        ComputeRuntime rt = kit.runtime();
        int n = 2048;
        int[] values = Inputs.ints(kit.random("KRN-011"), n);
        int[] acc = {Integer.MAX_VALUE, Integer.MIN_VALUE, 0, 0};
        kit.launch(rt, kit.compile(rt, "intMinMaxCas"), Range.of(n), values, acc);
        assertEquals(Arrays.stream(values).min().orElseThrow(), acc[0], "Atomics.min");
        assertEquals(Arrays.stream(values).max().orElseThrow(), acc[1], "Atomics.max");
        assertTrue(acc[2] >= 1 && acc[2] <= n, () -> "the compare-and-set winner's id + 1 is " + acc[2]);
        assertEquals(1, acc[3], "exactly one compare-and-set from 0 may succeed");
    }

    @Test
    @DisplayName("KRN-012 long atomic add, min and max")
    public void longAtomics(Kit kit) {
        kit.assume(Feature.INT64_ATOMICS, "KRN-012 uses Atomics.add/min/max on long[]");
        ComputeRuntime rt = kit.runtime();
        int n = 2048;
        long[] values = Inputs.longs(kit.random("KRN-012"), n);
        long[] acc = {0, Long.MAX_VALUE, Long.MIN_VALUE};
        kit.launch(rt, kit.compile(rt, "longAtomics"), Range.of(n), values, acc);
        long sum = 0;
        for (long v : values) {
            sum += v;
        }
        assertEquals(sum, acc[0], "Atomics.add (wrapping like Java)");
        assertEquals(Arrays.stream(values).min().orElseThrow(), acc[1], "Atomics.min");
        assertEquals(Arrays.stream(values).max().orElseThrow(), acc[2], "Atomics.max");
    }

    @Test
    @DisplayName("KRN-013 float atomic add is exact for small whole and half numbers")
    public void floatAtomics(Kit kit) {
        kit.assume(Feature.FLOAT_ATOMICS, "KRN-013 uses Atomics.add(float[], ...)");
        ComputeRuntime rt = kit.runtime();
        int n = 4096;
        float[] acc = new float[2];
        kit.launch(rt, kit.compile(rt, "floatAtomics"), Range.of(n), (Object) acc);
        assertEquals(n, acc[0], "the sum of " + n + " atomic additions of 1.0f");
        assertEquals(n / 2f, acc[1], "the sum of " + n + " atomic additions of 0.5f");
    }

    @Test
    @DisplayName("KRN-014 scalar arguments of every type but double arrive by value")
    public void scalars(Kit kit) {
        ComputeRuntime rt = kit.runtime();
        RandomGenerator r = kit.random("KRN-014");
        int i = r.nextInt();
        long l = r.nextLong();
        float f = Float.intBitsToFloat(0x80000000); // -0.0f: the sign must survive
        int[] ints = new int[5];
        long[] longs = new long[1];
        float[] floats = new float[1];
        kit.launch(rt, kit.compile(rt, "scalars"), Range.of(64), true, (byte) -128, '\uffff', (short) -32768, i, l, f,
                ints, longs, floats);
        assertArrayEquals(new int[] {1, -128, 0xffff, -32768, i}, ints, "boolean, byte, char, short and int");
        assertEquals(l, longs[0], "long");
        assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits(floats[0]), "float -0.0f, bit for bit");
    }

    @Test
    @DisplayName("KRN-015 double scalars arrive by value and follow Java's double arithmetic")
    public void doubleScalar(Kit kit) {
        kit.assume(Feature.FP64, "KRN-015 passes a double");
        ComputeRuntime rt = kit.runtime();
        double d = Double.longBitsToDouble(0x3FF123456789ABCDL) * kit.random("KRN-015").nextDouble(-1e6, 1e6);
        double[] out = new double[2];
        kit.launch(rt, kit.compile(rt, "doubleScalar"), Range.of(1), d, out);
        assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(out[0]), "the double argument, bit for bit");
        assertEquals(Double.doubleToRawLongBits(d * 3), Double.doubleToRawLongBits(out[1]), "d * 3, bit for bit");
    }

    @Test
    @DisplayName("KRN-016 a wrong argument count is refused with IllegalArgumentException and the exact message")
    public void wrongArgumentCount(Kit kit) {
        ComputeRuntime rt = kit.runtime();
        CompiledKernel scale = kit.compile(rt, "scale");
        long before = Kit.launches(rt);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rt.launch(scale, Range.of(4), (Object) new int[4]));
        assertEquals("kernel 'ConformanceKernels.scale' takes 2 argument(s) (int[], int) but got 1", e.getMessage());
        kit.assertLaunched(rt, before, 0, "a refused launch");
    }

    @Test
    @DisplayName("KRN-017 a wrong argument type is refused with IllegalArgumentException and the exact message")
    public void wrongArgumentType(Kit kit) {
        ComputeRuntime rt = kit.runtime();
        CompiledKernel scale = kit.compile(rt, "scale");
        long before = Kit.launches(rt);
        IllegalArgumentException scalar = assertThrows(IllegalArgumentException.class,
                () -> rt.launch(scale, Range.of(4), new int[4], 3L));
        assertEquals("argument 1 of kernel 'ConformanceKernels.scale' must be int but is java.lang.Long; pass a value"
                + " of exactly that type, e.g. (int) x", scalar.getMessage());
        IllegalArgumentException array = assertThrows(IllegalArgumentException.class,
                () -> rt.launch(scale, Range.of(4), new float[4], 3));
        assertEquals("argument 0 of kernel 'ConformanceKernels.scale' must be int[] (or a DeviceBuffer) but is float[]",
                array.getMessage());
        kit.assertLaunched(rt, before, 0, "refused launches");
    }

    @Test
    @DisplayName("KRN-018 a barrier kernel launched without a local size is refused with IllegalArgumentException")
    public void barrierNeedsLocalSize(Kit kit) {
        kit.assume(Feature.LOCAL_MEMORY, "KRN-018 compiles a kernel with group-local memory");
        kit.assume(Feature.BARRIERS, "KRN-018 compiles a kernel with a barrier");
        ComputeRuntime rt = kit.runtime();
        CompiledKernel reverse = kit.compile(rt, "reverseTiles");
        long before = Kit.launches(rt);
        int n = ConformanceKernels.TILE * 2;
        assertThrows(IllegalArgumentException.class, () -> rt.launch(reverse, Range.of(n), new int[n], new int[n]),
                "a barrier kernel over a range without a local size");
        kit.assertLaunched(rt, before, 0, "a refused launch");
    }

    @Test
    @DisplayName("KRN-019 one compiled kernel launches many times with different arguments and ranges")
    public void manyLaunches(Kit kit) {
        ComputeRuntime rt = kit.runtime();
        CompiledKernel scale = kit.compile(rt, "scale");
        long kernelBefore = scale.launchCount();
        long before = Kit.launches(rt);
        for (int n = 1; n <= 50; n++) {
            int[] data = new int[n];
            Arrays.fill(data, n);
            rt.launch(scale, Range.of(n), data, n);
            for (int i = 0; i < n; i++) {
                assertEquals(n * n, data[i], "element " + i + " of launch " + n);
            }
        }
        kit.assertLaunched(rt, before, 50, "kernel 'scale' 50 times");
        assertEquals(kernelBefore + 50, scale.launchCount(), "the compiled kernel's launchCount()");
    }
}
