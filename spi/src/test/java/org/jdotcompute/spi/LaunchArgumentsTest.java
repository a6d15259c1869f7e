package org.jdotcompute.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

import org.jdotcompute.api.DeviceBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Launch arguments, as backends marshal them")
class LaunchArgumentsTest {
    /** A buffer of a given size; nothing else is used. */
    private record SizedBuffer(long byteSize) implements DeviceBuffer {
        @Override
        public MemorySegment hostSegment() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void copyToDevice() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void copyToHost() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isClosed() {
            return false;
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return "buffer of " + byteSize + " bytes";
        }
    }

    @Nested
    @DisplayName("described against the kernel's parameter types")
    class Described {
        @Test
        @DisplayName("are scalars, Java arrays and buffers, in order, with their element type and size")
        void kinds() {
            float[] x = new float[5];
            DeviceBuffer b = new SizedBuffer(24);
            List<KernelArgument> args = LaunchArguments.of("K.k", List.of(int.class, float[].class, long[].class),
                    List.of(7, x, b));

            KernelArgument.Scalar s = assertInstanceOf(KernelArgument.Scalar.class, args.get(0));
            assertEquals(7, s.value());
            assertEquals("argument 0 of kernel 'K.k'", s.label());
            KernelArgument.HostArray a = assertInstanceOf(KernelArgument.HostArray.class, args.get(1));
            assertSame(x, a.array());
            assertEquals(float.class, a.element());
            assertEquals(5, a.length());
            assertEquals(20, a.byteSize());
            KernelArgument.Buffer buf = assertInstanceOf(KernelArgument.Buffer.class, args.get(2));
            assertSame(b, buf.buffer());
            assertEquals(2, buf.index());
            assertEquals(long.class, buf.element());
            assertEquals(3, buf.length());
            assertEquals(3, buf.javaLength());
        }

        @Test
        @DisplayName("must be as many as the parameters")
        void count() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LaunchArguments.of("K.k", List.of(int.class, int.class), List.of(1)));
            assertEquals("kernel 'K.k' takes 2 argument(s), got 1", e.getMessage());
        }

        @Test
        @DisplayName("must fit their parameters exactly")
        void types() {
            IllegalArgumentException scalar = assertThrows(IllegalArgumentException.class,
                    () -> LaunchArguments.of("K.k", List.of(long.class), List.of(1)));
            assertEquals("argument 0 of kernel 'K.k' is a java.lang.Integer, not a java.lang.Long for its long"
                    + " parameter", scalar.getMessage());
            IllegalArgumentException array = assertThrows(IllegalArgumentException.class,
                    () -> LaunchArguments.of("K.k", List.of(int.class, float[].class), List.of(1, new int[1])));
            assertEquals("argument 1 of kernel 'K.k' is a int[] for its float[] parameter; pass a float[] or a"
                    + " DeviceBuffer", array.getMessage());
        }

        @Test
        @DisplayName("widen sub-int scalars to int as the Java kernel ABI passes them")
        void widened() {
            List<KernelArgument> args = LaunchArguments.of("K.k",
                    List.of(boolean.class, byte.class, short.class, char.class, int.class, long.class),
                    List.of(true, (byte) -3, (short) -300, '\uffff', 42, 1L));
            assertEquals(List.of(1, -3, -300, 0xffff, 42), args.subList(0, 5).stream()
                    .map(a -> ((KernelArgument.Scalar) a).widened()).toList());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> ((KernelArgument.Scalar) args.get(5)).widened());
            assertEquals("argument 5 of kernel 'K.k' is a long, which is not passed as an int", e.getMessage());
        }

        @Test
        @DisplayName("a buffer beyond a Java array's length is refused as a Java kernel's array")
        void tooLong() {
            KernelArgument.Buffer b = new KernelArgument.Buffer("K.k", 1, byte[].class,
                    new SizedBuffer(Integer.MAX_VALUE + 1L));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::javaLength);
            assertEquals("argument 1 of kernel 'K.k' has 2147483648 elements; a Java kernel's arrays hold at most"
                    + " 2147483647", e.getMessage());
        }
    }

    @Nested
    @DisplayName("copied between Java arrays and native memory")
    class Copies {
        @Test
        @DisplayName("keep every element type's values, in native byte order")
        void roundTrip() {
            List<Object> arrays = List.of(new byte[] {1, -2, 3}, new char[] {'a', '\uffff'}, new short[] {-1, 300},
                    new int[] {Integer.MIN_VALUE, 5}, new long[] {Long.MAX_VALUE, -7},
                    new float[] {Float.NaN, -0.0f, 1.5f}, new double[] {Double.MIN_VALUE, -2.25},
                    new boolean[] {true, false, true});
            try (Arena arena = Arena.ofConfined()) {
                for (Object array : arrays) {
                    MemorySegment memory = arena.allocate(LaunchArguments.byteSize(array));
                    LaunchArguments.copy(array, memory);
                    Object back = LaunchArguments.toArray(memory, array.getClass().getComponentType());
                    assertEquals(java.util.Arrays.deepToString(new Object[] {array}),
                            java.util.Arrays.deepToString(new Object[] {back}));
                }
            }
        }

        @Test
        @DisplayName("write ints in native order and booleans as one byte each, any non-zero byte reading as true")
        void layout() {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment ints = arena.allocate(8);
                LaunchArguments.copy(new int[] {0x01020304, -1}, ints);
                assertEquals(0x01020304, ints.get(ValueLayout.JAVA_INT, 0));
                assertEquals(-1, ints.get(ValueLayout.JAVA_INT, 4));

                MemorySegment bytes = arena.allocate(3);
                LaunchArguments.copy(new boolean[] {true, false, true}, bytes);
                assertArrayEquals(new byte[] {1, 0, 1}, bytes.toArray(ValueLayout.JAVA_BYTE));
                bytes.set(ValueLayout.JAVA_BYTE, 1, (byte) 7);
                boolean[] z = new boolean[3];
                LaunchArguments.copy(bytes, z);
                assertArrayEquals(new boolean[] {true, true, true}, z);
            }
        }

        @Test
        @DisplayName("into an existing array update it in place from the start of the segment")
        void inPlace() {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment s = arena.allocate(16);
                s.set(ValueLayout.JAVA_FLOAT, 0, 2.5f);
                s.set(ValueLayout.JAVA_FLOAT, 4, -1f);
                float[] f = new float[2];
                LaunchArguments.copy(s, f);
                assertArrayEquals(new float[] {2.5f, -1f}, f);
            }
        }

        @Test
        @DisplayName("refuse a segment too small and anything but a primitive array")
        void refused() {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment small = arena.allocate(4);
                assertThrows(IndexOutOfBoundsException.class, () -> LaunchArguments.copy(new long[1], small));
                assertThrows(IndexOutOfBoundsException.class, () -> LaunchArguments.copy(small, new boolean[5]));
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> LaunchArguments.copy(new String[1], small));
                assertEquals("java.lang.String[] is not a primitive array", e.getMessage());
            }
        }

        @Test
        @DisplayName("a buffer's contents become a new array of its parameter's type")
        void bufferToArray() {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment contents = arena.allocate(12);
                contents.set(ValueLayout.JAVA_INT, 8, 9);
                KernelArgument.Buffer b = new KernelArgument.Buffer("K.k", 0, int[].class, new SizedBuffer(12));
                assertArrayEquals(new int[] {0, 0, 9}, (int[]) b.toArray(contents));
            }
        }
    }

    @Test
    @DisplayName("element sizes are the device's: boolean and byte 1, char and short 2, int and float 4, long and double 8")
    void elementBytes() {
        assertEquals(List.of(1L, 1L, 2L, 2L, 4L, 4L, 8L, 8L), List.of(boolean.class, byte.class, char.class,
                short.class, int.class, float.class, long.class, double.class).stream()
                .map(LaunchArguments::elementBytes).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LaunchArguments.elementBytes(void.class));
        assertEquals("void is not a primitive element type", e.getMessage());
    }
}
