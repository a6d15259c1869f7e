package org.jdotcompute.api.exceptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every class's message, to the character, against the seed's f-strings (ERRORS.md's table),
 * with the accessors' values; and the same message and values through the cause overload.
 */
@DisplayName("Exception messages are the seed's, to the character")
class ExceptionMessagesTest {

    /**
     * One row of the table.
     *
     * @param plain     the exception made without a cause
     * @param withCause the same exception made with the given cause
     * @param message   the exact expected {@code getMessage()}
     * @param accessors accessor name → expected value
     */
    record Row(Supplier<Throwable> plain, Function<Throwable, Throwable> withCause, String message,
            Map<String, Object> accessors) {
    }

    private static final List<Named<Row>> ROWS = new ArrayList<>();

    private static void row(String name, Supplier<Throwable> plain, Function<Throwable, Throwable> withCause,
            String message, Object... accessorPairs) {
        Map<String, Object> accessors = new LinkedHashMap<>();
        for (int i = 0; i < accessorPairs.length; i += 2) {
            accessors.put((String) accessorPairs[i], accessorPairs[i + 1]);
        }
        ROWS.add(Named.of(name, new Row(plain, withCause, message, accessors)));
    }

    static {
        row("ComputeException", () -> new ComputeException("something failed"),
                c -> new ComputeException("something failed", c), "something failed");
        row("ComputeException with an empty message", () -> new ComputeException(""),
                c -> new ComputeException("", c), "");

        row("KernelException", () -> new KernelException("k1", "bad 42"),
                c -> new KernelException("k1", "bad 42", c), "[k1] bad 42", "kernelId", "k1");
        row("KernelException with an empty id and detail", () -> new KernelException("", ""),
                c -> new KernelException("", "", c), "[] ", "kernelId", "");

        row("KernelNotFoundException", () -> new KernelNotFoundException("worker"),
                c -> new KernelNotFoundException("worker", c), "[worker] Kernel not found: 'worker'",
                "kernelId", "worker");
        row("KernelNotFoundException with quotes in the id", () -> new KernelNotFoundException("it's \"x\""),
                c -> new KernelNotFoundException("it's \"x\"", c), "[it's \"x\"] Kernel not found: 'it's \"x\"'",
                "kernelId", "it's \"x\"");
        row("KernelNotFoundException with a non-ASCII id", () -> new KernelNotFoundException("noyau-é"),
                c -> new KernelNotFoundException("noyau-é", c), "[noyau-é] Kernel not found: 'noyau-é'",
                "kernelId", "noyau-é");

        row("KernelStateException with one expected state",
                () -> new KernelStateException("k", KernelState.ACTIVE, List.of(KernelState.LAUNCHED)),
                c -> new KernelStateException("k", KernelState.ACTIVE, List.of(KernelState.LAUNCHED), c),
                "[k] Invalid state: ACTIVE, expected: LAUNCHED",
                "kernelId", "k", "currentState", KernelState.ACTIVE, "expectedStates", List.of(KernelState.LAUNCHED));
        row("KernelStateException with two expected states, in the caller's order",
                () -> new KernelStateException("k", KernelState.TERMINATED,
                        List.of(KernelState.DEACTIVATED, KernelState.ACTIVE)),
                c -> new KernelStateException("k", KernelState.TERMINATED,
                        List.of(KernelState.DEACTIVATED, KernelState.ACTIVE), c),
                "[k] Invalid state: TERMINATED, expected: DEACTIVATED, ACTIVE",
                "currentState", KernelState.TERMINATED,
                "expectedStates", List.of(KernelState.DEACTIVATED, KernelState.ACTIVE));
        row("KernelStateException with no expected state keeps the f-string's trailing space",
                () -> new KernelStateException("k", KernelState.FAILED, List.of()),
                c -> new KernelStateException("k", KernelState.FAILED, List.of(), c),
                "[k] Invalid state: FAILED, expected: ", "expectedStates", List.of());

        row("KernelAlreadyExistsException", () -> new KernelAlreadyExistsException("k"),
                c -> new KernelAlreadyExistsException("k", c), "[k] Kernel already exists", "kernelId", "k");

        row("KernelCompilationException", () -> new KernelCompilationException("k", "invokedynamic at K.java:9"),
                c -> new KernelCompilationException("k", "invokedynamic at K.java:9", c),
                "[k] Compilation failed: invokedynamic at K.java:9",
                "kernelId", "k", "reason", "invokedynamic at K.java:9", "backend", "", "compilerLog", "");
        row("KernelCompilationException keeps the compiler log out of the message",
                () -> new KernelCompilationException("k", "clBuildProgram failed", "OpenCL", "line 1\nline 2", null),
                c -> new KernelCompilationException("k", "clBuildProgram failed", "OpenCL", "line 1\nline 2", c),
                "[k] Compilation failed: clBuildProgram failed",
                "reason", "clBuildProgram failed", "backend", "OpenCL", "compilerLog", "line 1\nline 2");

        row("QueueException", () -> new QueueException("queue closed"),
                c -> new QueueException("queue closed", c), "queue closed");
        row("QueueFullException", () -> new QueueFullException(1024), c -> new QueueFullException(1024, c),
                "Queue is full (size: 1024)", "queueSize", 1024);
        row("QueueFullException with size 0", () -> new QueueFullException(0), c -> new QueueFullException(0, c),
                "Queue is full (size: 0)", "queueSize", 0);
        row("QueueFullException with a negative size", () -> new QueueFullException(-3),
                c -> new QueueFullException(-3, c), "Queue is full (size: -3)", "queueSize", -3);
        row("QueueEmptyException", QueueEmptyException::new, QueueEmptyException::new, "Queue is empty");

        row("MessageException", () -> new MessageException("bad message"),
                c -> new MessageException("bad message", c), "bad message");
        row("MessageSerializationException",
                () -> new MessageSerializationException("Order", "component 'tags' of type java.util.Set is not supported"),
                c -> new MessageSerializationException("Order", "component 'tags' of type java.util.Set is not supported", c),
                "Cannot serialize Order: component 'tags' of type java.util.Set is not supported",
                "messageType", "Order", "reason", "component 'tags' of type java.util.Set is not supported");
        row("MessageValidationException", () -> new MessageValidationException("Order", "qty", "must be >= 0"),
                c -> new MessageValidationException("Order", "qty", "must be >= 0", c), "Order.qty: must be >= 0",
                "messageType", "Order", "field", "qty", "reason", "must be >= 0");

        row("BackendException", () -> new BackendException("PluginX", "device reset"),
                c -> new BackendException("PluginX", "device reset", c), "[PluginX] device reset", "backend", "PluginX");
        row("BackendNotAvailableException", () -> new BackendNotAvailableException("CUDA"),
                c -> new BackendNotAvailableException("CUDA", c), "[CUDA] Backend not available", "backend", "CUDA");
        row("BackendExecutionException", () -> new BackendExecutionException("OpenCL", "clFinish failed"),
                c -> new BackendExecutionException("OpenCL", "clFinish failed", c),
                "[OpenCL] Execution failed: clFinish failed",
                "backend", "OpenCL", "reason", "clFinish failed", "nativeErrorCode", 0, "nativeErrorName", "");
        row("BackendExecutionException with a driver code",
                () -> new BackendExecutionException("OpenCL", "clFinish failed", -5, "CL_OUT_OF_RESOURCES", null),
                c -> new BackendExecutionException("OpenCL", "clFinish failed", -5, "CL_OUT_OF_RESOURCES", c),
                "[OpenCL] Execution failed: clFinish failed",
                "nativeErrorCode", -5, "nativeErrorName", "CL_OUT_OF_RESOURCES");
        row("MetalException", () -> new MetalException("Metal is only available on macOS"),
                c -> new MetalException("Metal is only available on macOS", c),
                "[Metal] Metal is only available on macOS", "backend", "Metal");
        row("MslCompilationException", () -> new MslCompilationException("vector_add", "error: expected ';'"),
                c -> new MslCompilationException("vector_add", "error: expected ';'", c),
                "[Metal] Failed to compile MSL shader 'vector_add': error: expected ';'",
                "backend", "Metal", "shaderName", "vector_add", "errorMessage", "error: expected ';'");

        row("ComputeMemoryException", () -> new ComputeMemoryException("pool exhausted"),
                c -> new ComputeMemoryException("pool exhausted", c), "pool exhausted");
        row("AllocationException", () -> new AllocationException(4096, "runtime is closed"),
                c -> new AllocationException(4096, "runtime is closed", c), "Cannot allocate 4096 bytes: runtime is closed",
                "size", 4096L, "reason", "runtime is closed");
        row("AllocationException with a negative size", () -> new AllocationException(-1, "negative size"),
                c -> new AllocationException(-1, "negative size", c), "Cannot allocate -1 bytes: negative size",
                "size", -1L);
        row("AllocationException with the largest size", () -> new AllocationException(Long.MAX_VALUE, "too big"),
                c -> new AllocationException(Long.MAX_VALUE, "too big", c),
                "Cannot allocate 9223372036854775807 bytes: too big", "size", Long.MAX_VALUE);
        row("ComputeOutOfMemoryException", () -> new ComputeOutOfMemoryException(1L << 33, 1L << 30),
                c -> new ComputeOutOfMemoryException(1L << 33, 1L << 30, c),
                "Out of memory: requested 8589934592 bytes, available 1073741824 bytes",
                "requested", 8589934592L, "available", 1073741824L);
        row("ComputeOutOfMemoryException with the available amount unknown (-1)",
                () -> new ComputeOutOfMemoryException(100, -1), c -> new ComputeOutOfMemoryException(100, -1, c),
                "Out of memory: requested 100 bytes, available -1 bytes", "requested", 100L, "available", -1L);

        row("DeviceContextLostException",
                () -> new DeviceContextLostException("CUDA", "CUDA_ERROR_ILLEGAL_ADDRESS (700)"),
                c -> new DeviceContextLostException("CUDA", "CUDA_ERROR_ILLEGAL_ADDRESS (700)", c),
                "[CUDA] Execution failed: CUDA_ERROR_ILLEGAL_ADDRESS (700)",
                "backend", "CUDA", "reason", "CUDA_ERROR_ILLEGAL_ADDRESS (700)", "nativeErrorCode", 0);
        row("DeviceContextLostException with a driver code",
                () -> new DeviceContextLostException("CUDA", "context lost", 700, "CUDA_ERROR_ILLEGAL_ADDRESS", null),
                c -> new DeviceContextLostException("CUDA", "context lost", 700, "CUDA_ERROR_ILLEGAL_ADDRESS", c),
                "[CUDA] Execution failed: context lost",
                "nativeErrorCode", 700, "nativeErrorName", "CUDA_ERROR_ILLEGAL_ADDRESS");

        String dkeReason = "ArithmeticException: / by zero in kernel 'Kernels.divide' at Kernels.java:42"
                + " (global id (3, 1, 0); 2 failing work-item(s))";
        row("DeviceKernelException",
                () -> new DeviceKernelException("CUDA", "Kernels.divide", "Kernels.java", 42, new int[] {3, 1}, 2,
                        new ArithmeticException("/ by zero")),
                null, "[CUDA] Execution failed: " + dkeReason,
                "backend", "CUDA", "reason", dkeReason, "kernelName", "Kernels.divide", "sourceFile", "Kernels.java",
                "sourceLine", 42, "globalId", new int[] {3, 1, 0}, "failureCount", 2L, "nativeErrorCode", 0,
                "nativeErrorName", "");
        String noMessage = "IllegalStateException in kernel 'K.run' at Unknown Source:-1 (global id (0, 0, 0);"
                + " 1 failing work-item(s))";
        row("DeviceKernelException whose cause has no message",
                () -> new DeviceKernelException("CPU", "K.run", "Unknown Source", -1, new int[0], 1,
                        new IllegalStateException()),
                null, "[CPU] Execution failed: " + noMessage, "reason", noMessage, "globalId", new int[] {0, 0, 0});

        row("ComputeExceptionGroup with one child",
                () -> new ComputeExceptionGroup("closing runtime", List.of(new QueueFullException(1))),
                c -> new ComputeExceptionGroup("closing runtime", List.of(new QueueFullException(1)), c),
                "closing runtime (1 sub-exception)", "groupMessage", "closing runtime");
        row("ComputeExceptionGroup with two children",
                () -> new ComputeExceptionGroup("closing runtime",
                        List.of(new QueueFullException(1), new QueueEmptyException())),
                c -> new ComputeExceptionGroup("closing runtime",
                        List.of(new QueueFullException(1), new QueueEmptyException()), c),
                "closing runtime (2 sub-exceptions)", "groupMessage", "closing runtime");
        row("ComputeErrorGroup", () -> new ComputeErrorGroup("terminating", List.of(new AssertionError("x"))),
                c -> new ComputeErrorGroup("terminating", List.of(new AssertionError("x")), c),
                "terminating (1 sub-exception)", "groupMessage", "terminating");
    }

    static List<Named<Row>> rows() {
        return ROWS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    @DisplayName("the message and every accessor are exact")
    void messageAndAccessors(Row row) throws Exception {
        Throwable t = row.plain().get();

        assertEquals(row.message(), t.getMessage());
        assertAccessors(row, t);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    @DisplayName("the cause overload keeps the message and chains the cause")
    void causeOverload(Row row) throws Exception {
        Throwable cause = new IllegalStateException("the cause");
        Throwable t = row.withCause() == null ? row.plain().get() : row.withCause().apply(cause);
        Throwable expectedCause = row.withCause() == null ? t.getCause() : cause;

        assertEquals(row.message(), t.getMessage(), "the cause never appears in the message");
        assertSame(expectedCause, t.getCause());
        assertAccessors(row, t);
    }

    private static void assertAccessors(Row row, Throwable t) throws Exception {
        for (Map.Entry<String, Object> e : row.accessors().entrySet()) {
            Method accessor = t.getClass().getMethod(e.getKey());
            Object actual = accessor.invoke(t);
            assertTrue(Objects.deepEquals(e.getValue(), actual), () -> e.getKey() + "(): expected "
                    + show(e.getValue()) + " but was " + show(actual));
        }
    }

    private static String show(Object o) {
        return o instanceof int[] a ? Arrays.toString(a) : String.valueOf(o);
    }

    @Nested
    @DisplayName("Values are copied and validated")
    class Values {
        @Test
        @DisplayName("KernelStateException copies the expected states and returns an unmodifiable list")
        void expectedStatesAreCopied() {
            List<KernelState> states = new ArrayList<>(List.of(KernelState.LAUNCHED));
            KernelStateException e = new KernelStateException("k", KernelState.ACTIVE, states);
            states.add(KernelState.ACTIVE);

            assertEquals(List.of(KernelState.LAUNCHED), e.expectedStates());
            assertThrows(UnsupportedOperationException.class, () -> e.expectedStates().add(KernelState.ACTIVE));
        }

        @Test
        @DisplayName("KernelStateException rejects a null current state with a named NullPointerException")
        void nullStateRejected() {
            NullPointerException e = assertThrows(NullPointerException.class,
                    () -> new KernelStateException("k", null, List.of()));
            assertEquals("currentState", e.getMessage());
        }

        @Test
        @DisplayName("DeviceKernelException copies the global id in and out")
        void globalIdIsCopied() {
            int[] id = {1, 2, 3};
            DeviceKernelException e = new DeviceKernelException("CPU", "K.run", "K.java", 1, id, 1,
                    new ArithmeticException("/ by zero"));
            id[0] = 99;
            e.globalId()[1] = 99;

            assertEquals(List.of(1, 2, 3), Arrays.stream(e.globalId()).boxed().toList());
        }

        @Test
        @DisplayName("DeviceKernelException rejects a global id of more than three coordinates")
        void globalIdOfFourCoordinates() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new DeviceKernelException("CPU", "K.run", "K.java", 1, new int[4], 1,
                            new ArithmeticException()));
            assertEquals("a global id has at most 3 coordinates, got [0, 0, 0, 0]", e.getMessage());
        }

        @Test
        @DisplayName("DeviceKernelException requires its cause")
        void causeRequired() {
            NullPointerException e = assertThrows(NullPointerException.class,
                    () -> new DeviceKernelException("CPU", "K.run", "K.java", 1, new int[1], 1, null));
            assertEquals("cause", e.getMessage());
        }

        @Test
        @DisplayName("a null native error name reads as none (\"\")")
        void nullNativeErrorName() {
            assertEquals("", new BackendExecutionException("CUDA", "x", 1, null, null).nativeErrorName());
        }
    }
}
