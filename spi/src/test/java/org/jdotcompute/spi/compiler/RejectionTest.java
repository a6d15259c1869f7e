package org.jdotcompute.spi.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Stream;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The front end rejects unsupported constructs, naming the construct, File.java:line and a fix")
class RejectionTest {
    private static final String FILE = "RejectedKernels.java:";

    static Method method(String name) {
        return Arrays.stream(RejectedKernels.class.getDeclaredMethods()).filter(m -> m.getName().equals(name))
                .findFirst().orElseThrow();
    }

    static KernelCompilationException rejection(String kernel, CheckMode mode) {
        return assertThrows(KernelCompilationException.class, () -> KernelTranslator.translate(method(kernel), mode));
    }

    static String at(String marker) {
        return FILE + SourceLines.line(RejectedKernels.class, marker);
    }

    static Stream<Arguments> reasons() {
        String constantHint = "pass the value as a kernel parameter, or make the field a compile-time constant"
                + " (static final primitive or String initialised with a constant expression), which javac inlines, or a"
                + " static final one-dimensional primitive array, which kernels read as a constant table";
        String constantWrite = "the device reads a static final array as a constant table, a snapshot of its values"
                + " taken when the kernel is compiled, and never writes it; copy the values into an array parameter"
                + " (or a 'new' array) to change them";
        String local = ", which is not supported in kernels: each ctx.localX(n) call site is one array shared by the"
                + " work-group, so call every ctx.localX(n) exactly once, unconditionally, at the top of the kernel";
        return Stream.of(
                Arguments.of("allocates", "allocation 'new float[n]' with a computed length is not supported in kernels ("
                        + at("allocates") + "); a kernel allocates only arrays of positive compile-time constant length"
                        + " (a literal or a static final int), in per-work-item memory; pass larger or variable arrays"
                        + " as kernel parameters, or use ctx.localFloats(n)"),
                Arguments.of("allocatesTooMuch", "allocation 'new double[2000]' of 16000 bytes is not supported in"
                        + " kernels (" + at("allocatesTooMuch") + "); arrays a kernel allocates live in per-work-item"
                        + " memory and may have at most 8192 bytes; pass the array as a kernel parameter, or use"
                        + " ctx.localDoubles(n)"),
                Arguments.of("allocatesInLoop", "the allocation 'new int[4]' at " + at("allocatesInLoop") + " is"
                        + " inside a loop, which is not supported in kernels: each allocation site is one per-work-item"
                        + " array, zeroed each time the site runs; allocate the array once before the loop (and clear"
                        + " it in the loop if needed)"),
                Arguments.of("atomicOnNewArray", "Atomics.add on an array the code allocated with 'new' is not supported"
                        + " in kernels (" + at("atomicOnNewArray") + "); such an array belongs to one work-item, so use"
                        + " plain reads and writes; atomics work on array parameters and group-local arrays"),
                Arguments.of("writesTable", "writing to a static final array is not supported in kernels ("
                        + at("writesTable") + "); " + constantWrite),
                Arguments.of("writesTableInDeviceFunction", "writing to a static final array is not supported in kernels"
                        + " (" + at("clearsTable") + "); " + constantWrite),
                Arguments.of("atomicOnTable", "Atomics.add on a static final array is not supported in kernels ("
                        + at("atomicOnTable") + "); " + constantWrite),
                Arguments.of("readsMutableTable", "reading the static field"
                        + " 'org.jdotcompute.spi.compiler.RejectedKernels.mutableTable', which is not final, is not"
                        + " supported in kernels (" + at("readsMutableTable") + "); declare it static final: kernels"
                        + " read a static final primitive array as a constant table, a snapshot of its values taken"
                        + " when the kernel is compiled; or pass the array as a kernel parameter"),
                Arguments.of("readsHugeTable", "the static final array"
                        + " 'org.jdotcompute.spi.compiler.RejectedKernels.HUGE_TABLE' read at " + at("readsHugeTable")
                        + " has 72000 bytes, and with the kernel's other constant tables (0 bytes) that exceeds the"
                        + " 65536 bytes of constant memory a kernel may use (OpenCL's minimum constant buffer size);"
                        + " pass the array as a kernel parameter instead"),
                Arguments.of("readsNullTable", "the values of the static final array"
                        + " 'org.jdotcompute.spi.compiler.RejectedKernels.NULL_TABLE' read at " + at("readsNullTable")
                        + " cannot be determined at compile time: it is null; assign it an array, or pass the array as"
                        + " a kernel parameter"),
                Arguments.of("readsObjectTable", "reading the static field"
                        + " 'org.jdotcompute.spi.compiler.RejectedKernels.NAMES' is not supported in kernels ("
                        + at("readsObjectTable") + "); " + constantHint),
                Arguments.of("allocatesChars", "allocation of the multi-dimensional array 'new char[][]' is not"
                        + " supported in kernels (" + at("allocatesChars") + "); flatten it into a one-dimensional"
                        + " array parameter and index it as a[row * width + column]"),
                Arguments.of("allocatesObject", "allocation 'new java.lang.StringBuilder' is not supported in kernels ("
                        + at("allocatesObject") + "); strings are supported only as exception messages built with '+'"),
                Arguments.of("readsStatic", "reading the static field 'org.jdotcompute.spi.compiler.RejectedKernels"
                        + ".counter' is not supported in kernels (" + at("readsStatic") + "); " + constantHint),
                Arguments.of("writesStatic", "writing the static field 'org.jdotcompute.spi.compiler.RejectedKernels"
                        + ".counter' is not supported in kernels (" + at("writesStatic") + "); write results into an"
                        + " array parameter"),
                Arguments.of("virtualCall", "the virtual call 'java.lang.String.length' is not supported in kernels ("
                        + at("virtualCall") + "); strings are supported only as exception messages ('throw new"
                        + " X(\"...\" + value)')"),
                Arguments.of("lambda", "invokedynamic (applyAsInt via LambdaMetafactory.metafactory: a lambda, method"
                        + " reference, pattern switch or similar) is not supported in kernels (" + at("lambda")
                        + "); kernels call static methods only"),
                Arguments.of("synchronizes", "synchronized is not supported in kernels (" + at("synchronizes")
                        + "); use org.jdotcompute.api.Atomics for shared updates and ctx.barrier() to order a"
                        + " work-group"),
                Arguments.of("tryCatch", "try/catch/finally in org.jdotcompute.spi.compiler.RejectedKernels.tryCatch"
                        + " is not supported in kernels (" + at("tryCatch") + "); let the exception propagate; the"
                        + " host receives it as the cause of a DeviceKernelException"),
                Arguments.of("casts", "the cast to 'int[]' is not supported in kernels (" + at("casts")
                        + "); kernels work on primitives and primitive arrays only"),
                Arguments.of("nullArray", "null is not supported in kernels (" + at("nullArray") + "); kernels have"
                        + " no object references; pass arrays as parameters"),
                Arguments.of("recursive", "the recursive call of org.jdotcompute.spi.compiler.RejectedKernels"
                        + ".factorial (" + at("recursionSite") + ") is not"
                        + " supported in kernels; GPUs have no call stack for recursion, so rewrite it as a loop"),
                Arguments.of("nativeCall", "the native method java.lang.System.nanoTime (" + at("nativeCall")
                        + ") is not supported in kernels; only methods with Java bytecode can run on a device"),
                Arguments.of("dynamicDimension", "ctx.globalId(dim) needs a constant dimension 0, 1 or 2 ("
                        + at("dynamicDimension") + "), got a computed value; write ctx.globalId(0), ctx.globalId(1)"
                        + " or ctx.globalId(2)"),
                Arguments.of("badDimension", "ctx.globalId(dim) needs a constant dimension 0, 1 or 2 ("
                        + at("badDimension") + "), got 3; write ctx.globalId(0), ctx.globalId(1) or ctx.globalId(2)"),
                Arguments.of("dynamicLocalLength", "ctx.localFloats(n) needs a positive compile-time constant length ("
                        + at("dynamicLocalLength") + "), got a computed value; use a literal or a static final int"
                        + " constant"),
                Arguments.of("localInDeviceFunction", "ctx.localFloats(n) in the device function"
                        + " org.jdotcompute.spi.compiler.RejectedKernels.fromLocal (" + at("localInDeviceFunction")
                        + ") is not supported in kernels: group-local arrays can only be made in the kernel method"
                        + " itself; call ctx.localFloats(n) in the kernel and pass the array to fromLocal"),
                Arguments.of("localInLoop", "the group-local array made at " + at("localInLoop")
                        + " is made inside a loop" + local),
                Arguments.of("localConditional", "the group-local array made at " + at("localConditional")
                        + " is made on a conditional path before the one at " + at("localAfterConditional") + local),
                Arguments.of("mixedSpaces", "the local variable in slot 3 ('t') of org.jdotcompute.spi.compiler"
                        + ".RejectedKernels.mixedSpaces holds values of different kinds on different paths ("
                        + at("mixedSpaces") + "), e.g. a group-local array on one path and an array parameter on"
                        + " another (or a static final table, or an array allocated with 'new'), which is not supported"
                        + " in kernels; use a separate variable for each"),
                Arguments.of("mixedSpacesTernary", "a conditional expression yields a float[]@local on one path and a"
                        + " float[] on another (" + at("mixedSpacesTernary") + "), which is not supported in kernels;"
                        + " arrays of different memories (parameters, group-local arrays, static final tables, arrays"
                        + " allocated with 'new') cannot be mixed in one expression; use an if statement"),
                Arguments.of("runtimeException", "throwing java.lang.RuntimeException is not supported in kernels ("
                        + at("runtimeException") + "); kernels may throw IllegalArgumentException,"
                        + " IllegalStateException, ArithmeticException, ArrayIndexOutOfBoundsException,"
                        + " IndexOutOfBoundsException, UnsupportedOperationException and subclasses of"
                        + " org.jdotcompute.api.exceptions.ComputeException"),
                Arguments.of("sevenValues", "the exception thrown at " + at("sevenValues") + " carries 7 dynamic"
                        + " values, but a device failure records at most 6, so this is not supported in kernels; put"
                        + " fewer computed values into the message"),
                Arguments.of("stringArgument", "passing a String to 'org.jdotcompute.spi.compiler.RejectedKernels"
                        + ".length' is not supported in kernels (" + at("stringArgument") + "); strings are supported"
                        + " only as exception messages"),
                Arguments.of("arrayReturn", "device function org.jdotcompute.spi.compiler.RejectedKernels.pick returns"
                        + " int[], which is not supported in kernels (called at " + at("arrayReturn") + "); device"
                        + " functions return void or a primitive (write array results into an array parameter)"),
                Arguments.of("unguardedThrowInBarrierKernel", "the throw of java.lang.IllegalStateException at "
                        + at("unguardedThrowInBarrierKernel") + " is not guarded by an if statement, which is not"
                        + " supported in a kernel that uses ctx.barrier(): a failing work-item must still reach every"
                        + " barrier, so it records the failure and continues after the if that guards the throw;"
                        + " write it as 'if (condition) throw new IllegalStateException(...);' with nothing else on"
                        + " the throwing branch"),
                Arguments.of("unguardedThrowInBarrierHelper", "the throw of java.lang.IllegalStateException at "
                        + at("unguardedThrowInBarrierHelper") + " is not guarded by an if statement, which is not"
                        + " supported in a kernel that uses ctx.barrier(): a failing work-item must still reach every"
                        + " barrier, so it records the failure and continues after the if that guards the throw;"
                        + " write it as 'if (condition) throw new IllegalStateException(...);' with nothing else on"
                        + " the throwing branch"),
                Arguments.of("assertion", "an assert statement is not supported in kernels (" + at("assertion")
                        + "); write 'if (!condition) throw new IllegalStateException(\"...\");' instead"),
                Arguments.of("hiddenConstructor", "the constructor HiddenException() used at "
                        + at("hiddenConstructor") + " is not public, which is not supported in kernels: the host"
                        + " recreates device exceptions through public constructors; make it public"),
                Arguments.of("objectInMessage", "the String method 'java.lang.String.valueOf' is not supported in"
                        + " kernels (" + at("objectInMessage") + "); strings are supported only as exception messages"
                        + " built with '+' from primitives and strings"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reasons")
    @DisplayName("each rejection has its exact reason and the kernel's id")
    void exactReason(String kernel, String reason) {
        KernelCompilationException e = rejection(kernel, CheckMode.INDEX);
        assertEquals(reason, e.reason());
        assertEquals("RejectedKernels." + kernel, e.kernelId());
        assertEquals("[RejectedKernels." + kernel + "] Compilation failed: " + reason, e.getMessage());
        assertEquals("", e.backend());
        assertEquals("", e.compilerLog());
    }

    @Nested
    @DisplayName("in JDK methods")
    class InJdkCode {
        @Test
        @DisplayName("the reason names the JDK location and the user's call")
        void jdkChain() {
            KernelCompilationException e = rejection("jdkInternals", CheckMode.INDEX);
            assertTrue(e.reason().startsWith("reading the static field"
                    + " 'java.lang.Math$RandomNumberGeneratorHolder.randomNumberGenerator' is not supported in kernels"
                    + " (Math.java:"), e.reason());
            assertTrue(e.reason().contains(", in java.lang.Math.random called from " + at("jdkInternals") + ")"),
                    e.reason());
        }
    }

    @Test
    @DisplayName("a device function with a multi-dimensional array parameter is rejected")
    void multiDimensionalParameter() {
        KernelCompilationException e = assertThrows(KernelCompilationException.class,
                () -> KernelTranslator.translateAsDeviceFunction(method("sum2d"), CheckMode.INDEX));
        assertEquals("parameter 0 of org.jdotcompute.spi.compiler.RejectedKernels.sum2d has type int[][], which is not"
                + " supported in kernels (RejectedKernels.java); kernels and device functions take primitives,"
                + " one-dimensional primitive arrays and the KernelContext", e.reason());
    }

    @Test
    @DisplayName("a method that is not a kernel is rejected before translation")
    void notAKernel() {
        KernelCompilationException e = assertThrows(KernelCompilationException.class,
                () -> KernelTranslator.translate(method("factorial"), CheckMode.INDEX));
        assertEquals("the method org.jdotcompute.spi.compiler.RejectedKernels.factorial is not a kernel: kernels are"
                + " static void methods whose first parameter is a KernelContext", e.reason());
    }

    @Test
    @DisplayName("an assert in user code is rejected under every check mode")
    void assertInEveryMode() {
        for (CheckMode mode : CheckMode.values()) {
            assertTrue(rejection("assertion", mode).reason().startsWith("an assert statement"));
        }
    }
}
