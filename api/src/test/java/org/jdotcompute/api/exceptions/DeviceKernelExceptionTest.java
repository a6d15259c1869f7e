package org.jdotcompute.api.exceptions;

import static org.jdotcompute.api.exceptions.DeviceErrorSite.PLACEHOLDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

import org.jdotcompute.api.exceptions.DeviceErrorSite.Argument;
import org.jdotcompute.api.exceptions.DeviceErrorSite.ArgumentType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A device error rebuilt by {@link DeviceKernelException#fromDevice} must be indistinguishable
 * from the exception the JVM throws for the same fault: each test provokes the real exception
 * in a small "kernel" method, describes the same throw as a {@link DeviceErrorSite} at that
 * method's line (as the bytecode front end would), and compares class, message and frame.
 */
@DisplayName("DeviceKernelException rebuilds the JVM's own exception")
class DeviceKernelExceptionTest {
    private static final ClassLoader LOADER = DeviceKernelExceptionTest.class.getClassLoader();

    // ---- the "kernels": each throws the real exception ----

    static int bounds(int[] a, int i) {
        return a[i];
    }

    static int divide(int x, int y) {
        return x / y;
    }

    static long remainder(long x, long y) {
        return x % y;
    }

    static void constantMessage(int v) {
        if (v < 0) {
            throw new IllegalStateException("negative input");
        }
    }

    static void badValue(int v) {
        throw new IllegalArgumentException("bad value " + v);
    }

    static void everyPrimitive(boolean z, char c, byte b, short s, int i, long l, float f, double d) {
        throw new IllegalArgumentException("z=" + z + " c=" + c + " b=" + b + " s=" + s + " i=" + i + " l=" + l
                + " f=" + f + " d=" + d);
    }

    static void queueFull(int n) {
        throw new QueueFullException(n);
    }

    static void kernelError(String id, int v) {
        throw new KernelException(id, "bad " + v);
    }

    static void allocation(long size, int pool) {
        throw new AllocationException(size, "larger than pool " + pool);
    }

    static void validation(double v, double max) {
        throw new MessageValidationException("Reading", "celsius", "value " + v + " exceeds " + max);
    }

    static int floorModKernel(int x, int y) {
        return Math.floorMod(x, y);
    }

    static void outerKernel(int v) {
        deviceFunction(v);
    }

    static void deviceFunction(int v) {
        throw new IllegalStateException("device function rejected " + v);
    }

    /** No (String) constructor: cannot be rebuilt from a message. Package-private: not public API. */
    static final class OnlyIntInt extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public OnlyIntInt(int a, int b) {
            super(a + "/" + b);
        }
    }

    /** Its constructor refuses to build it. */
    static final class Refuses extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Refuses(String message) {
            super(message);
            throw new IllegalStateException("constructor refused: " + message);
        }
    }

    // ---- helpers ----

    private static <T extends Throwable> T provoke(Class<T> type, Executable kernel) {
        return assertThrows(type, kernel);
    }

    /** The real exception's frame in this class (what the front end records as the site). */
    private static StackTraceElement kernelFrame(Throwable real) {
        return Arrays.stream(real.getStackTrace())
                .filter(e -> e.getClassName().equals(DeviceKernelExceptionTest.class.getName()))
                .findFirst().orElseThrow();
    }

    private static DeviceErrorSite site(Throwable real, List<Argument> arguments, List<ArgumentType> types) {
        StackTraceElement at = kernelFrame(real);
        return new DeviceErrorSite(real.getClass().getName(), arguments, types,
                "DeviceKernelExceptionTest." + at.getMethodName(), at.getClassName(), at.getMethodName(),
                at.getFileName(), at.getLineNumber());
    }

    private static DeviceErrorSite messageSite(Throwable real, String template, ArgumentType... types) {
        return site(real, List.of(Argument.string(template)), List.of(types));
    }

    /** Rebuilds {@code real} from {@code site} and {@code values}; asserts class, message and frame. */
    private static DeviceKernelException assertRebuilds(Throwable real, DeviceErrorSite site, Object... values) {
        DeviceKernelException dke = DeviceKernelException.fromDevice("CUDA", site, List.of(values), new int[] {5, 2},
                3, LOADER);
        Throwable rebuilt = dke.getCause();
        assertSame(real.getClass(), rebuilt.getClass());
        assertEquals(real.getMessage(), rebuilt.getMessage());
        StackTraceElement expected = kernelFrame(real);
        assertEquals(1, rebuilt.getStackTrace().length);
        StackTraceElement frame = rebuilt.getStackTrace()[0];
        assertEquals(expected.getClassName(), frame.getClassName());
        assertEquals(expected.getMethodName(), frame.getMethodName());
        assertEquals(expected.getFileName(), frame.getFileName());
        assertEquals(expected.getLineNumber(), frame.getLineNumber());
        assertEquals(expected.getModuleName(), frame.getModuleName());
        assertEquals(expected.getModuleVersion(), frame.getModuleVersion());
        assertEquals(expected.toString(), frame.toString(), "prints like the real frame");
        assertEquals("[CUDA] Execution failed: " + real.getClass().getSimpleName() + ": " + real.getMessage()
                + " in kernel 'DeviceKernelExceptionTest." + expected.getMethodName() + "' at "
                + expected.getFileName() + ":" + expected.getLineNumber() + " (global id (5, 2, 0); 3 failing"
                + " work-item(s))", dke.getMessage());
        assertEquals(expected.getLineNumber(), dke.sourceLine());
        assertEquals(expected.getFileName(), dke.sourceFile());
        assertEquals("DeviceKernelExceptionTest." + expected.getMethodName(), dke.kernelName());
        assertEquals(3, dke.failureCount());
        return dke;
    }

    @Nested
    @DisplayName("JVM faults")
    class JvmFaults {
        @Test
        @DisplayName("an array index out of bounds reads 'Index 10 out of bounds for length 10'")
        void bounds() {
            ArrayIndexOutOfBoundsException real = provoke(ArrayIndexOutOfBoundsException.class,
                    () -> DeviceKernelExceptionTest.bounds(new int[10], 10));
            assertEquals("Index 10 out of bounds for length 10", real.getMessage());

            assertRebuilds(real, messageSite(real, "Index " + PLACEHOLDER + " out of bounds for length " + PLACEHOLDER,
                    ArgumentType.INT, ArgumentType.INT), 10, 10);
        }

        @Test
        @DisplayName("a negative index reads 'Index -1 out of bounds for length 3'")
        void negativeIndex() {
            ArrayIndexOutOfBoundsException real = provoke(ArrayIndexOutOfBoundsException.class,
                    () -> DeviceKernelExceptionTest.bounds(new int[3], -1));

            assertRebuilds(real, messageSite(real, "Index " + PLACEHOLDER + " out of bounds for length " + PLACEHOLDER,
                    ArgumentType.INT, ArgumentType.INT), -1, 3);
        }

        @Test
        @DisplayName("an integer division by zero reads '/ by zero'")
        void division() {
            ArithmeticException real = provoke(ArithmeticException.class, () -> DeviceKernelExceptionTest.divide(7, 0));
            assertEquals("/ by zero", real.getMessage());

            assertRebuilds(real, messageSite(real, "/ by zero"));
        }

        @Test
        @DisplayName("a long remainder by zero reads '/ by zero' too")
        void remainder() {
            ArithmeticException real = provoke(ArithmeticException.class,
                    () -> DeviceKernelExceptionTest.remainder(7L, 0L));

            assertRebuilds(real, messageSite(real, "/ by zero"));
        }
    }

    @Nested
    @DisplayName("User throws")
    class UserThrows {
        @Test
        @DisplayName("a constant message")
        void constantMessage() {
            IllegalStateException real = provoke(IllegalStateException.class,
                    () -> DeviceKernelExceptionTest.constantMessage(-1));

            assertRebuilds(real, messageSite(real, "negative input"));
        }

        @Test
        @DisplayName("new IllegalArgumentException(\"bad value \" + 42)")
        void badValue() {
            IllegalArgumentException real = provoke(IllegalArgumentException.class,
                    () -> DeviceKernelExceptionTest.badValue(42));
            assertEquals("bad value 42", real.getMessage());

            assertRebuilds(real, messageSite(real, "bad value " + PLACEHOLDER, ArgumentType.INT), 42);
        }

        static Stream<Arguments> primitives() {
            return Stream.of(
                    Arguments.of(true, 'x', (byte) -128, (short) 32767, Integer.MIN_VALUE, Long.MAX_VALUE, 0.1f, 0.1),
                    Arguments.of(false, 'é', (byte) 0, (short) -1, 0, -1L, Float.NaN, Double.NEGATIVE_INFINITY),
                    Arguments.of(true, '\'', (byte) 127, (short) 0, 42, 0L, -0.0f, -0.0),
                    Arguments.of(false, '"', (byte) 1, (short) -32768, -7, Long.MIN_VALUE, 1.0E10f, 1.0E-5),
                    Arguments.of(true, '\u0000', (byte) 2, (short) 2, 2, 2L, 100.0f, 1.0E7),
                    Arguments.of(false, 'Z', (byte) 3, (short) 3, 3, 3L, Float.MIN_VALUE, Double.MAX_VALUE),
                    Arguments.of(true, '9', (byte) 4, (short) 4, 4, 4L, 123456.79f, 1.0 / 3),
                    Arguments.of(false, ' ', (byte) 5, (short) 5, 5, 5L, Float.POSITIVE_INFINITY, Double.MIN_VALUE),
                    Arguments.of(true, 'a', (byte) 6, (short) 6, 6, 6L, 1.17549435E-38f, 9007199254740993.0));
        }

        @ParameterizedTest(name = "z={0} c={1} b={2} s={3} i={4} l={5} f={6} d={7}")
        @MethodSource("primitives")
        @DisplayName("dynamic values of every primitive type print as Java's string concatenation prints them")
        void everyPrimitive(boolean z, char c, byte b, short s, int i, long l, float f, double d) {
            IllegalArgumentException real = provoke(IllegalArgumentException.class,
                    () -> DeviceKernelExceptionTest.everyPrimitive(z, c, b, s, i, l, f, d));
            String p = String.valueOf(PLACEHOLDER);
            String template = "z=" + p + " c=" + p + " b=" + p + " s=" + p + " i=" + p + " l=" + p + " f=" + p
                    + " d=" + p;

            // The values as a backend decodes them from the record's raw 64-bit slots.
            Object[] decoded = {z, c, b, s, i, l, Float.intBitsToFloat(Float.floatToRawIntBits(f)),
                Double.longBitsToDouble(Double.doubleToRawLongBits(d))};
            assertRebuilds(real, messageSite(real, template, ArgumentType.BOOLEAN, ArgumentType.CHAR, ArgumentType.BYTE,
                    ArgumentType.SHORT, ArgumentType.INT, ArgumentType.LONG, ArgumentType.FLOAT, ArgumentType.DOUBLE),
                    decoded);
        }

        @Test
        @DisplayName("new QueueFullException(n): a ComputeException with a primitive argument")
        void queueFull() {
            QueueFullException real = provoke(QueueFullException.class, () -> DeviceKernelExceptionTest.queueFull(64));

            DeviceKernelException dke = assertRebuilds(real,
                    site(real, List.of(Argument.primitive(ArgumentType.INT)), List.of(ArgumentType.INT)), 64);
            assertEquals(64, ((QueueFullException) dke.getCause()).queueSize());
        }

        @Test
        @DisplayName("new KernelException(\"k\", \"bad \" + v): two string arguments")
        void kernelException() {
            KernelException real = provoke(KernelException.class, () -> DeviceKernelExceptionTest.kernelError("k", -9));
            assertEquals("[k] bad -9", real.getMessage());

            DeviceKernelException dke = assertRebuilds(real,
                    site(real, List.of(Argument.string("k"), Argument.string("bad " + PLACEHOLDER)),
                            List.of(ArgumentType.INT)), -9);
            assertEquals("k", ((KernelException) dke.getCause()).kernelId());
        }

        @Test
        @DisplayName("new AllocationException(size, \"larger than pool \" + pool): a long, then a string")
        void allocation() {
            AllocationException real = provoke(AllocationException.class,
                    () -> DeviceKernelExceptionTest.allocation(1L << 40, 3));

            DeviceKernelException dke = assertRebuilds(real,
                    site(real, List.of(Argument.primitive(ArgumentType.LONG), Argument.string("larger than pool "
                            + PLACEHOLDER)), List.of(ArgumentType.LONG, ArgumentType.INT)), 1L << 40, 3);
            assertEquals(1L << 40, ((AllocationException) dke.getCause()).size());
        }

        @Test
        @DisplayName("new MessageValidationException(type, field, \"value \" + v + \" exceeds \" + max): three strings")
        void validation() {
            MessageValidationException real = provoke(MessageValidationException.class,
                    () -> DeviceKernelExceptionTest.validation(101.5, 100.0));

            assertRebuilds(real, site(real, List.of(Argument.string("Reading"), Argument.string("celsius"),
                    Argument.string("value " + PLACEHOLDER + " exceeds " + PLACEHOLDER)),
                    List.of(ArgumentType.DOUBLE, ArgumentType.DOUBLE)), 101.5, 100.0);
        }
    }

    @Nested
    @DisplayName("Exceptions that cannot be rebuilt lose nothing")
    class StandIns {
        private DeviceErrorSite at(String exceptionClass, List<Argument> arguments, List<ArgumentType> types) {
            return new DeviceErrorSite(exceptionClass, arguments, types, "K.run", "com.example.K", "run", "K.java", 12);
        }

        private Throwable standIn(DeviceErrorSite site, Object... values) {
            DeviceKernelException dke = DeviceKernelException.fromDevice("OpenCL", site, List.of(values),
                    new int[] {1}, 1, LOADER);
            Throwable cause = dke.getCause();
            assertSame(ComputeException.class, cause.getClass());
            StackTraceElement frame = cause.getStackTrace()[0];
            assertEquals("com.example.K.run(K.java:12)", frame.toString());
            assertTrue(dke.getMessage().startsWith("[OpenCL] Execution failed: ComputeException: the device threw "),
                    dke.getMessage());
            return cause;
        }

        @Test
        @DisplayName("no matching constructor: the stand-in names the class, the values and the constructor to add")
        void noMatchingConstructor() {
            String name = OnlyIntInt.class.getName();
            Throwable cause = standIn(at(name, List.of(Argument.string("bad " + PLACEHOLDER + " at " + PLACEHOLDER)),
                    List.of(ArgumentType.INT, ArgumentType.CHAR)), 42, 'q');

            assertEquals("the device threw " + name + "(\"bad 42 at q\") but it cannot be recreated on the host:"
                    + " java.lang.NoSuchMethodException: " + name + ".<init>(java.lang.String); give " + name
                    + " a public constructor (String)", cause.getMessage());
            assertInstanceOf(NoSuchMethodException.class, cause.getCause());
        }

        @Test
        @DisplayName("every argument kind is shown: strings quoted, chars in single quotes, numbers as Java prints them")
        void everyArgumentShown() {
            String name = OnlyIntInt.class.getName();
            Throwable cause = standIn(at(name, List.of(Argument.string("s"), Argument.primitive(ArgumentType.CHAR),
                    Argument.primitive(ArgumentType.FLOAT), Argument.primitive(ArgumentType.BOOLEAN),
                    Argument.primitive(ArgumentType.LONG)), List.of(ArgumentType.CHAR, ArgumentType.FLOAT,
                    ArgumentType.BOOLEAN, ArgumentType.LONG)), 'c', 0.1f, true, -5L);

            assertTrue(cause.getMessage().startsWith("the device threw " + name + "(\"s\", 'c', 0.1, true, -5) but"),
                    cause.getMessage());
            assertTrue(cause.getMessage().endsWith("; give " + name + " a public constructor (String, char, float,"
                    + " boolean, long)"), cause.getMessage());
        }

        @Test
        @DisplayName("a class the loader cannot find")
        void missingClass() {
            Throwable cause = standIn(at("com.example.Gone", List.of(Argument.primitive(ArgumentType.INT)),
                    List.of(ArgumentType.INT)), 7);

            assertEquals("the device threw com.example.Gone(7) but it cannot be recreated on the host:"
                    + " java.lang.ClassNotFoundException: com.example.Gone; make com.example.Gone visible to the"
                    + " kernel's class loader", cause.getMessage());
        }

        @Test
        @DisplayName("a class that is not a Throwable")
        void notAThrowable() {
            Throwable cause = standIn(at("java.lang.StringBuilder", List.of(Argument.string("x")), List.of()));

            assertEquals("the device threw java.lang.StringBuilder(\"x\") but it cannot be recreated on the host:"
                    + " java.lang.ClassCastException: java.lang.StringBuilder is not a Throwable", cause.getMessage());
        }

        @Test
        @DisplayName("a constructor that throws: its exception is the stand-in's cause")
        void constructorThrows() {
            String name = Refuses.class.getName();
            Throwable cause = standIn(at(name, List.of(Argument.string("no")), List.of()));

            assertEquals("the device threw " + name + "(\"no\") but it cannot be recreated on the host:"
                    + " java.lang.IllegalStateException: constructor refused: no", cause.getMessage());
            assertEquals("constructor refused: no", cause.getCause().getMessage());
        }
    }

    @Nested
    @DisplayName("fromJavaException (the CPU backend's path)")
    class FromJavaException {
        @Test
        @DisplayName("a fault inside Math.floorMod is reported at the kernel line that called it")
        void insideTheJdk() {
            ArithmeticException real = provoke(ArithmeticException.class,
                    () -> DeviceKernelExceptionTest.floorModKernel(5, 0));
            assertEquals("java.lang.Math", real.getStackTrace()[0].getClassName(), "the fault is inside the JDK");
            StackTraceElement kernel = kernelFrame(real);
            assertEquals("floorModKernel", kernel.getMethodName());

            DeviceKernelException dke = DeviceKernelException.fromJavaException("CPU", "K.floorMod", real,
                    new int[] {4, 0, 0}, 1);

            assertSame(real, dke.getCause());
            assertEquals(kernel.getFileName(), dke.sourceFile());
            assertEquals(kernel.getLineNumber(), dke.sourceLine());
            assertEquals("[CPU] Execution failed: ArithmeticException: / by zero in kernel 'K.floorMod' at "
                    + kernel.getFileName() + ":" + kernel.getLineNumber() + " (global id (4, 0, 0); 1 failing"
                    + " work-item(s))", dke.getMessage());
        }

        @Test
        @DisplayName("a throw in a nested user method is reported at that method's line")
        void nestedUserMethod() {
            IllegalStateException real = provoke(IllegalStateException.class,
                    () -> DeviceKernelExceptionTest.outerKernel(3));
            StackTraceElement top = real.getStackTrace()[0];
            assertEquals("deviceFunction", top.getMethodName());

            DeviceKernelException dke = DeviceKernelException.fromJavaException("CPU", "K.outer", real, new int[] {3},
                    2);

            assertEquals(top.getLineNumber(), dke.sourceLine());
            assertEquals(top.getFileName(), dke.sourceFile());
            assertEquals(2, dke.failureCount());
        }

        @Test
        @DisplayName("only JDK frames: the top frame; no frames: Unknown Source, line -1")
        void noUserFrame() {
            ArithmeticException jdkOnly = new ArithmeticException("/ by zero");
            jdkOnly.setStackTrace(new StackTraceElement[] {
                new StackTraceElement(null, "java.base", "25", "java.lang.Math", "floorMod", "Math.java", 1418)});
            DeviceKernelException fromJdk = DeviceKernelException.fromJavaException("CPU", "K.k", jdkOnly, new int[1], 1);
            assertEquals("Math.java", fromJdk.sourceFile());
            assertEquals(1418, fromJdk.sourceLine());

            ArithmeticException bare = new ArithmeticException("/ by zero");
            bare.setStackTrace(new StackTraceElement[0]);
            DeviceKernelException fromBare = DeviceKernelException.fromJavaException("CPU", "K.k", bare, new int[1], 1);
            assertEquals("Unknown Source", fromBare.sourceFile());
            assertEquals(-1, fromBare.sourceLine());
        }
    }

    @Nested
    @DisplayName("Sites and values are validated")
    class Validation {
        private final DeviceErrorSite twoInts = DeviceErrorSite.ofMessage("java.lang.ArrayIndexOutOfBoundsException",
                "Index " + PLACEHOLDER + " out of bounds for length " + PLACEHOLDER,
                List.of(ArgumentType.INT, ArgumentType.INT), "K.k", "K", "k", "K.java", 3);

        @Test
        @DisplayName("the wrong number of values")
        void wrongCount() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DeviceKernelException.fromDevice("CUDA", twoInts, List.of(1), new int[1], 1, LOADER));
            assertEquals("site java.lang.ArrayIndexOutOfBoundsException at K.java:3 takes 2 value(s), got 1",
                    e.getMessage());
        }

        @Test
        @DisplayName("a value of the wrong type")
        void wrongType() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DeviceKernelException.fromDevice("CUDA", twoInts, List.of(1, 2L), new int[1], 1, LOADER));
            assertEquals("dynamic value 1 of site java.lang.ArrayIndexOutOfBoundsException at K.java:3 must be a"
                    + " Integer, got 2", e.getMessage());
        }

        @Test
        @DisplayName("a site whose value types do not match its arguments")
        void inconsistentSite() {
            assertThrows(IllegalArgumentException.class, () -> DeviceErrorSite.ofMessage("X", "a " + PLACEHOLDER,
                    List.of(), "K.k", "K", "k", "K.java", 1));
            assertThrows(IllegalArgumentException.class, () -> new DeviceErrorSite("X",
                    List.of(Argument.primitive(ArgumentType.INT)), List.of(ArgumentType.LONG), "K.k", "K", "k",
                    "K.java", 1));
            assertThrows(IllegalArgumentException.class, () -> new DeviceErrorSite("X", List.of(Argument.string("")),
                    List.of(ArgumentType.STRING), "K.k", "K", "k", "K.java", 1));
            assertThrows(IllegalArgumentException.class, () -> Argument.primitive(ArgumentType.STRING));
            assertThrows(IllegalArgumentException.class, () -> new Argument(ArgumentType.INT, "x"));
        }

        @Test
        @DisplayName("fillTemplate takes one value per placeholder and fails when they run out")
        void fillTemplate() {
            assertEquals("a 1 b 2.5 c", DeviceKernelException.fillTemplate(
                    "a " + PLACEHOLDER + " b " + PLACEHOLDER + " c", List.<Object>of(1, 2.5).iterator()));
            List<Object> none = new ArrayList<>();
            assertThrows(NoSuchElementException.class,
                    () -> DeviceKernelException.fillTemplate("x" + PLACEHOLDER, none.iterator()));
        }
    }
}
