package org.jdotcompute.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.DeviceBuffer;
import org.jdotcompute.api.KernelContext;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.SourceKernel;
import org.jdotcompute.api.exceptions.ComputeOutOfMemoryException;
import org.jdotcompute.api.exceptions.DeviceContextLostException;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.jdotcompute.backend.cuda.kernels.CorpusRejections;
import org.jdotcompute.backend.cuda.kernels.Differential;
import org.jdotcompute.backend.cuda.kernels.JavaKernelCases;
import org.jdotcompute.backend.cuda.kernels.JavaKernels;
import org.jdotcompute.backend.cuda.nvrtc.CudaSourceCompiler;
import org.jdotcompute.spi.Availability;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendKernel;
import org.jdotcompute.spi.KernelRequest;
import org.jdotcompute.spi.compiler.KernelTranslator;
import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.testkit.corpus.Corpus;
import org.jdotcompute.testkit.corpus.CorpusKernel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs Java kernels on a real GPU through the CUDA backend: the whole kernel corpus against the
 * reference IR interpreter (CPU semantics), this module's Java kernels against plain Java, every
 * failure kind, out-of-memory, and a deliberately sticky error. Every test is skipped, with the
 * probe's reason, where no CUDA device is available: none passes without one. On a GPU host run
 * it with Maven ({@code -Dtest=CudaGpuTest}) or from the GPU bundle
 * ({@code tools/gpu-bundle.sh --with-tests}, then {@code bin/jdotcompute-gpu-tests}); see the
 * module README.
 */
@DisplayName("On a CUDA GPU (skipped without one)")
class CudaGpuTest {
    /** Seeds of the corpus inputs (the simulated-PTX tests use the same ones). */
    static final long[] SEEDS = {1L, 42L, 20_250_607L};
    /**
     * Corpus kernels whose outputs depend on the order work-items run in on a GPU: in
     * {@code failure.boundsSeveral} several work-items write the same element. Their failure is
     * still compared.
     */
    static final Set<String> RACY_OUTPUTS = Set.of("failure.boundsSeveral");

    private static Backend openOrSkip() {
        Availability a = new CudaBackendProvider().probe();
        assumeTrue(a instanceof Availability.Available,
                () -> "no CUDA device: " + ((Availability.Unavailable) a).reason());
        return new CudaBackendProvider().open(BackendConfig.defaults());
    }

    /** Compiles {@code method} as the engine would: the front end's IR, the method's own handle. */
    static BackendKernel compile(Backend backend, Method method, CheckMode mode) {
        MethodHandle handle;
        try {
            handle = MethodHandles.lookup().unreflect(method);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + method, e);
        }
        List<Class<?>> types = List.of(method.getParameterTypes()).subList(1, method.getParameterCount());
        String name = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        return backend.compile(new KernelRequest(name, method, handle, types, mode,
                () -> KernelTranslator.translate(method, mode)));
    }

    static Method javaKernel(String name) {
        return Arrays.stream(JavaKernels.class.getMethods())
                .filter(m -> m.getName().equals(name) && m.getParameterTypes()[0] == KernelContext.class).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no kernel JavaKernels." + name));
    }

    /** Launches and returns the failure, as the differential helpers expect. */
    static Optional<DeviceKernelException> launch(Backend backend, BackendKernel kernel, Range range, List<Object> args) {
        try {
            backend.launch(kernel, range, args);
            return Optional.empty();
        } catch (DeviceKernelException e) {
            return Optional.of(e);
        }
    }

    static Stream<Arguments> kernelsAndSeeds() {
        List<Arguments> all = new ArrayList<>();
        for (CorpusKernel k : Corpus.all()) {
            for (long seed : SEEDS) {
                all.add(Arguments.of(k, seed));
            }
        }
        return all.stream();
    }

    static Stream<Arguments> passingKernelsAndModes() {
        List<Arguments> all = new ArrayList<>();
        for (CorpusKernel k : Corpus.all()) {
            if (k.failure().isEmpty() && !CorpusRejections.REJECTED.containsKey(k.name())) {
                for (CheckMode mode : CheckMode.values()) {
                    all.add(Arguments.of(k, mode));
                }
            }
        }
        return all.stream();
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("the kernel corpus gives the IR interpreter's (CPU semantics) outputs and failures")
    class CorpusOnGpu {
        private Backend backend;

        @BeforeAll
        void open() {
            backend = openOrSkip();
        }

        @AfterAll
        void close() {
            if (backend != null) {
                backend.close();
            }
        }

        private void run(CorpusKernel k, CheckMode mode, long seed) {
            Optional<String> rejection = CorpusRejections.reasonFor(k.name());
            if (rejection.isPresent()) {
                KernelCompilationException e = assertThrows(KernelCompilationException.class,
                        () -> compile(backend, k.method(), mode));
                assertEquals(rejection.get(), e.reason());
                return;
            }
            BackendKernel bk = compile(backend, k.method(), mode);
            try {
                KernelIR ir = KernelTranslator.translate(k.method(), mode);
                Differential.assertMatchesInterpreter(k.name(), ir, k.range(), k.inputs(seed), k.inputs(seed),
                        k.owner().getClassLoader(), args -> launch(backend, bk, k.range(), args),
                        !RACY_OUTPUTS.contains(k.name()));
                if (mode == k.checks() && k.failure().isPresent()) {
                    DeviceKernelException e = launch(backend, bk, k.range(), k.inputs(seed)).orElseThrow();
                    assertEquals(Optional.empty(), k.failure().get().mismatch(e), k + ": the corpus's expected failure");
                    assertEquals("CUDA", e.backend());
                }
            } finally {
                bk.close();
            }
        }

        @ParameterizedTest(name = "{0} (seed {1})")
        @MethodSource("org.jdotcompute.backend.cuda.CudaGpuTest#kernelsAndSeeds")
        void corpus(CorpusKernel k, long seed) {
            run(k, k.checks(), seed);
        }

        @ParameterizedTest(name = "{0} under {1}")
        @MethodSource("org.jdotcompute.backend.cuda.CudaGpuTest#passingKernelsAndModes")
        void everyCheckMode(CorpusKernel k, CheckMode mode) {
            run(k, mode, 7);
        }

        @Test
        @DisplayName("a failed launch leaves the backend working (device failures are not sticky)")
        void failureIsNotSticky() {
            CorpusKernel failing = Corpus.byName("failure.boundsRead");
            BackendKernel bk = compile(backend, failing.method(), failing.checks());
            assertTrue(launch(backend, bk, failing.range(), failing.inputs(1)).isPresent());
            CorpusKernel passing = Corpus.byName("arithmetic.intOps");
            BackendKernel ok = compile(backend, passing.method(), passing.checks());
            assertEquals(Optional.empty(), launch(backend, ok, passing.range(), passing.inputs(1)));
            assertEquals(Optional.empty(), launch(backend, ok, passing.range(), passing.inputs(2)));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("this module's Java kernels give plain Java's results")
    class JavaKernelsOnGpu {
        private Backend backend;
        private JavaKernelCases.Launcher launcher;

        @BeforeAll
        void open() {
            backend = openOrSkip();
            launcher = (kernel, range, args) -> {
                try (BackendKernel k = compile(backend, javaKernel(kernel), CheckMode.INDEX)) {
                    return launch(backend, k, range, args);
                }
            };
        }

        @AfterAll
        void close() {
            if (backend != null) {
                backend.close();
            }
        }

        @Test
        @DisplayName("vector add over 1000 work-items (a rounded-up grid) keeps subnormals")
        void vectorAdd() {
            JavaKernelCases.vectorAdd(launcher);
        }

        @Test
        @DisplayName("SAXPY rounds the product and the sum separately (no FMA)")
        void saxpy() {
            JavaKernelCases.saxpy(launcher);
        }

        @Test
        @DisplayName("gather with an index past the source fails exactly as Java")
        void gather() {
            JavaKernelCases.gatherOutOfBounds(launcher);
        }

        @Test
        @DisplayName("a barrier reduction in shared memory")
        void groupSum() {
            JavaKernelCases.groupSum(launcher);
        }

        @Test
        @DisplayName("group-local arrays start zeroed")
        void localStartsZeroed() {
            JavaKernelCases.localStartsZeroed(launcher);
        }

        @Test
        @DisplayName("every atomic operation on group-local arrays")
        void localAtomics() {
            JavaKernelCases.localAtomics(launcher);
        }

        @Test
        @DisplayName("lookup tables and an array made with new")
        void lookupTable() {
            JavaKernelCases.lookupTable(launcher);
        }

        @Test
        @DisplayName("a resident DeviceBuffer is read and written by a Java kernel")
        void deviceBuffer() {
            float[] a = {1f, 2f, 3f, 4f};
            float[] b = {10f, 20f, 30f, 40f};
            try (DeviceBuffer c = backend.allocate(16); BackendKernel k = compile(backend, javaKernel("vectorAdd"),
                    CheckMode.INDEX)) {
                backend.launch(k, Range.of(4), List.of(a, b, c));
                float[] out = new float[4];
                c.read(out);
                assertEquals("[11.0, 22.0, 33.0, 44.0]", Arrays.toString(out));
            }
        }
    }

    @Nested
    @DisplayName("memory")
    class Memory {
        @Test
        @DisplayName("asking for more than the device holds is ComputeOutOfMemoryException with the bytes left")
        void moreThanTheDevice() {
            try (Backend backend = openOrSkip()) {
                long huge = backend.device().globalMemoryBytes() * 2;
                ComputeOutOfMemoryException e = assertThrows(ComputeOutOfMemoryException.class, () -> backend.allocate(huge));
                assertEquals(huge, e.requested());
                assertTrue(e.available() >= 0 && e.available() <= backend.device().globalMemoryBytes(), e.getMessage());
            }
        }

        @Test
        @DisplayName("the driver's CUDA_ERROR_OUT_OF_MEMORY is ComputeOutOfMemoryException with cuMemGetInfo's free bytes,"
                + " and the backend keeps working")
        void driverOutOfMemory() {
            try (Backend backend = openOrSkip()) {
                // All of the device's memory passes the backend's own limit check, but the context
                // already holds some, so cuMemAlloc itself fails (before any pinned host memory is taken).
                long total = backend.device().globalMemoryBytes();
                ComputeOutOfMemoryException e = assertThrows(ComputeOutOfMemoryException.class,
                        () -> backend.allocate(total).close());
                assertEquals(total, e.requested());
                assertTrue(e.available() >= 0 && e.available() < total, e.getMessage());
                JavaKernelCases.vectorAdd((kernel, range, args) -> {
                    try (BackendKernel k = compile(backend, javaKernel(kernel), CheckMode.INDEX)) {
                        return launch(backend, k, range, args);
                    }
                });
            }
        }
    }

    @Nested
    @DisplayName("a sticky CUDA error loses the context: DeviceContextLostException, then on every call, without a hang")
    class Sticky {
        private static final Duration NO_HANG = Duration.ofSeconds(60);

        /**
         * {@code trigger} must fail with the sticky {@code code}; then allocating, synchronising,
         * compiling and launching {@code compiledBefore} fail with it too, and closing returns.
         */
        private void assertLost(Backend backend, BackendKernel compiledBefore, Executable trigger, int code, String name) {
            DeviceContextLostException e = assertTimeoutPreemptively(NO_HANG,
                    () -> assertThrows(DeviceContextLostException.class, trigger));
            assertEquals(code, e.nativeErrorCode());
            assertEquals(name, e.nativeErrorName());
            assertEquals("CUDA", e.backend());
            List<Executable> later = List.of(
                    () -> backend.allocate(16),
                    backend::synchronize,
                    () -> compile(backend, javaKernel("saxpy"), CheckMode.INDEX),
                    () -> backend.launch(compiledBefore, Range.of(4), List.of(new float[4], new float[4], new float[4])));
            for (Executable call : later) {
                DeviceContextLostException again = assertTimeoutPreemptively(NO_HANG,
                        () -> assertThrows(DeviceContextLostException.class, call));
                assertEquals(code, again.nativeErrorCode());
                assertEquals(name, again.nativeErrorName());
            }
            assertTimeoutPreemptively(NO_HANG, backend::close);
        }

        @Test
        @DisplayName("an illegal address from a raw CUDA C source kernel (where NVRTC or nvcc is installed)")
        void fromSourceKernel() {
            Backend backend = openOrSkip();
            try {
                assumeTrue(CudaSourceCompiler.available(), "no CUDA C compiler (NVRTC or nvcc) on this host");
                BackendKernel before = compile(backend, javaKernel("vectorAdd"), CheckMode.INDEX);
                BackendKernel wild = backend.compileSource(SourceKernel.of("wild",
                        "extern \"C\" __global__ void wild(int* p) { ((int*)0x10)[threadIdx.x] = 1; }", int[].class));
                assertLost(backend, before, () -> backend.launch(wild, Range.of(32), List.of(new int[32])), 700,
                        "CUDA_ERROR_ILLEGAL_ADDRESS");
            } finally {
                backend.close();
            }
        }

        @Test
        @DisplayName("an illegal address from a Java kernel without checks writing through an empty array's null pointer")
        void fromJavaKernel() {
            Backend backend = openOrSkip();
            try {
                BackendKernel before = compile(backend, javaKernel("vectorAdd"), CheckMode.INDEX);
                BackendKernel unchecked = compile(backend, javaKernel("vectorAdd"), CheckMode.NONE);
                assertLost(backend, before, () -> backend.launch(unchecked, Range.of(256), List.of(new float[256],
                        new float[256], new float[0])), 700, "CUDA_ERROR_ILLEGAL_ADDRESS");
            } finally {
                backend.close();
            }
        }
    }
}
