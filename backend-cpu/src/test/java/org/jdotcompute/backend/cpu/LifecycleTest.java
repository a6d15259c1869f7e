package org.jdotcompute.backend.cpu;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.SourceKernel;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.jdotcompute.spi.BackendConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The CPU backend's lifecycle")
class LifecycleTest {

    private static Set<Thread> backendThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("jdotcompute-cpu-")).collect(Collectors.toSet());
    }

    @Test
    @DisplayName("leaves no thread behind after close")
    void noThreadLeak() {
        Set<Thread> before = backendThreads();
        try (ComputeRuntime rt = ComputeRuntime.builder().backend("cpu").build()) {
            float[] x = new float[1 << 20];
            float[] y = new float[1 << 20];
            rt.launch(rt.compile(TestKernels.class, "saxpy"), Range.of(x.length), 1f, x, y);
            int[] out = new int[256];
            rt.launch(rt.compile(GroupKernels.class, "barrierInHelper"), Range.of(256, 64), (Object) out);
            assertEquals(4, out[255]);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Set<Thread> now = backendThreads();
            now.removeAll(before);
            return now.isEmpty();
        });
    }

    @Test
    @DisplayName("runs big kernels on its own fork/join workers")
    void usesWorkers() {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2,
                "one processor: the launching thread does all the work, by design");
        Set<Thread> before = backendThreads();
        try (ComputeRuntime rt = ComputeRuntime.builder().backend("cpu").build()) {
            float[] x = new float[1 << 22];
            float[] y = new float[1 << 22];
            CompiledKernel saxpy = rt.compile(TestKernels.class, "saxpy");
            for (int i = 0; i < 3; i++) {
                rt.launch(saxpy, Range.of(x.length), 1f, x, y);
            }
            Set<Thread> now = backendThreads();
            now.removeAll(before);
            assertTrue(now.stream().anyMatch(t -> t.getName().contains("-worker-")), "workers: " + now);
        }
    }

    @Test
    @DisplayName("refuses source kernels, saying what to do instead")
    void compileSource() {
        try (ComputeRuntime rt = ComputeRuntime.builder().backend("cpu").build()) {
            KernelCompilationException e = assertThrows(KernelCompilationException.class,
                    () -> rt.compileSource(SourceKernel.of("add", "__kernel void add() {}")));
            assertEquals("[add] Compilation failed: the CPU backend has no native source dialect (capability SOURCE_KERNELS"
                    + " absent): it runs kernels written"
                    + " in Java. Write the kernel as a static Java method and compile it with"
                    + " ComputeRuntime.compile(Class, String), or select a backend that takes source (opencl, cuda,"
                    + " metal)", e.getMessage());
            assertEquals("CPU", e.backend());
        }
    }

    @Test
    @DisplayName("throws IllegalStateException for a launch or compile after close")
    void afterClose() {
        var backend = new CpuBackendProvider().open(BackendConfig.defaults());
        backend.close();
        backend.close(); // idempotent
        IllegalStateException e = assertThrows(IllegalStateException.class, backend::synchronize);
        assertEquals("the CPU backend is closed; create a new runtime", e.getMessage());
        ComputeRuntime rt = ComputeRuntime.builder().backend("cpu").build();
        CompiledKernel k = rt.compile(TestKernels.class, "one");
        rt.close();
        assertThrows(IllegalStateException.class, () -> rt.launch(k, Range.of(1), (Object) new int[1]));
    }

    @Test
    @DisplayName("compiles a kernel once per backend: the second compile is served from the cache")
    void compileCache() {
        try (ComputeRuntime rt = ComputeRuntime.builder().backend("cpu").build()) {
            List<CompiledKernel> kernels = List.of(rt.compile(TestKernels.class, "saxpy"),
                    rt.compile(TestKernels.class, "saxpy"));
            float[] y = new float[3];
            for (CompiledKernel k : kernels) {
                rt.launch(k, Range.of(3), 1f, new float[] {1, 2, 3}, y);
            }
            assertEquals(6f, y[2]);
        }
    }
}
