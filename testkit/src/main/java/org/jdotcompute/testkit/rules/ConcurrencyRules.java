package org.jdotcompute.testkit.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.DeviceBuffer;
import org.jdotcompute.api.Range;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.testkit.corpus.Inputs;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CON: a runtime is thread-safe — launches, allocations and copies from several threads at once. */
public abstract class ConcurrencyRules extends RuleGroup {
    /** For {@link org.jdotcompute.testkit.BackendConformanceSuite}'s nested group. */
    protected ConcurrencyRules() {
    }

    private static final int THREADS = 4;

    @Test
    @DisplayName("CON-001 launches from several threads at once all run, correctly, and are all counted")
    public void concurrentLaunches(Kit kit) throws Exception {
        try (ComputeRuntime rt = kit.open(new BackendConfig(CheckMode.INDEX, 0))) {
            CompiledKernel add = kit.compile(rt, "addVectors");
            int rounds = 10;
            long before = Kit.launches(rt);
            List<Future<?>> futures = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
                for (int t = 0; t < THREADS; t++) {
                    RandomGenerator r = kit.random("CON-001/" + t);
                    futures.add(pool.submit(() -> {
                        for (int round = 0; round < rounds; round++) {
                            int n = 1000 + r.nextInt(3000);
                            float[] a = Inputs.floats(r, n, -100f, 100f);
                            float[] b = Inputs.floats(r, n, -100f, 100f);
                            float[] c = new float[n];
                            rt.launch(add, Range.of(n), a, b, c);
                            float[] expected = new float[n];
                            for (int i = 0; i < n; i++) {
                                expected[i] = a[i] + b[i];
                            }
                            assertArrayEquals(expected, c, "a + b computed while other threads launch");
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get(60, TimeUnit.SECONDS);
                }
            }
            kit.assertLaunched(rt, before, (long) THREADS * rounds, THREADS + " threads x " + rounds + " launches");
        }
    }

    @Test
    @DisplayName("CON-002 allocations, copies and closes from several threads at once keep every buffer's data")
    public void concurrentBuffers(Kit kit) throws Exception {
        try (ComputeRuntime rt = kit.open(new BackendConfig(CheckMode.INDEX, 0))) {
            long inUse = rt.memoryStats().bytesInUse();
            List<Future<?>> futures = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
                for (int t = 0; t < THREADS; t++) {
                    RandomGenerator r = kit.random("CON-002/" + t);
                    futures.add(pool.submit(() -> {
                        for (int round = 0; round < 25; round++) {
                            int n = 1 + r.nextInt(20_000);
                            int[] data = r.ints(n).toArray();
                            try (DeviceBuffer b = rt.allocateInts(n)) {
                                b.write(data);
                                int[] back = new int[n];
                                b.read(back);
                                assertArrayEquals(data, back, "a buffer written and read while other threads do the same");
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get(60, TimeUnit.SECONDS);
                }
            }
            assertEquals(inUse, rt.memoryStats().bytesInUse(), "bytesInUse() after every buffer closed");
        }
    }
}
