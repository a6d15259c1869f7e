package org.jdotcompute.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.DeviceBuffer;
import org.jdotcompute.api.MemoryStats;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.exceptions.AllocationException;
import org.jdotcompute.api.exceptions.ComputeOutOfMemoryException;
import org.jdotcompute.spi.BackendConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("CPU backend memory")
class MemoryTest {

    @Nested
    @DisplayName("buffers")
    class Buffers {
        @Test
        @DisplayName("are zeroed off-heap memory whose host view is the device memory")
        void hostView() {
            try (ComputeRuntime rt = ComputeRuntime.builder().backend("cpu").build();
                    DeviceBuffer b = rt.allocateFloats(100)) {
                assertEquals(400, b.byteSize());
                MemorySegment s = b.hostSegment();
                assertTrue(s.isNative());
                assertEquals(0, s.address() % 64, "64-byte aligned");
                assertEquals(-1, s.mismatch(MemorySegment.ofArray(new byte[400])), "zeroed");
                s.setAtIndex(ValueLayout.JAVA_FLOAT, 3, 2.5f);
                b.copyToHost();
                float[] back = new float[100];
                b.read(back);
                assertEquals(2.5f, back[3]);
            }
        }

        @Test
        @DisplayName("serve as kernel arguments, results visible when launch returns")
        void asKernelArguments() {
            int n = 10_001;
            try (ComputeRuntime rt = ComputeRuntime.builder().backend("cpu").build();
                    DeviceBuffer a = rt.allocateFloats(n);
                    DeviceBuffer c = rt.allocateFloats(n)) {
                float[] values = new float[n];
                for (int i = 0; i < n; i++) {
                    values[i] = i * 0.5f;
                }
                a.write(values);
                rt.launch(rt.compile(TestKernels.class, "vectorAdd"), Range.of(n), a, a, c);
                float[] result = new float[n];
                c.read(result);
                for (int i = 0; i < n; i++) {
                    assertEquals(values[i] * 2, result[i], "element " + i);
                }
                rt.launch(rt.compile(TestKernels.class, "saxpy"), Range.of(n), 3f, a, c);
                c.read(result);
                assertEquals(values[10] * 5, result[10]);
            }
        }

        @Test
        @DisplayName("of any element type: byte buffers as boolean[] and the rest")
        void allTypes() {
            int n = 4;
            try (ComputeRuntime rt = ComputeRuntime.builder().backend("cpu").build()) {
                DeviceBuffer flags = rt.allocate(n);
                DeviceBuffer bytes = rt.allocate(n);
                DeviceBuffer shorts = rt.allocate(2L * n);
                DeviceBuffer chars = rt.allocate(2L * n);
                DeviceBuffer longs = rt.allocateLongs(n);
                DeviceBuffer doubles = rt.allocateDoubles(n);
                rt.launch(rt.compile(TestKernels.class, "allTypes"), Range.of(n), true, (byte) 1, (short) 2, 'x', 3, 4L,
                        5f, 6.0, flags, bytes, shorts, chars, longs, doubles);
                assertEquals(1, flags.hostSegment().get(ValueLayout.JAVA_BYTE, 3));
                assertEquals(4, bytes.hostSegment().get(ValueLayout.JAVA_BYTE, 3));
                assertEquals(5, shorts.hostSegment().getAtIndex(ValueLayout.JAVA_SHORT, 3));
                assertEquals('x' + 3, chars.hostSegment().getAtIndex(ValueLayout.JAVA_CHAR, 3));
                assertEquals(10L, longs.hostSegment().getAtIndex(ValueLayout.JAVA_LONG, 3));
                assertEquals(14.0, doubles.hostSegment().getAtIndex(ValueLayout.JAVA_DOUBLE, 3));
            }
        }

        @Test
        @DisplayName("throw IllegalStateException naming the buffer when used after close")
        void useAfterClose() {
            try (ComputeRuntime rt = ComputeRuntime.builder().backend("cpu").build()) {
                DeviceBuffer b = rt.allocate(1000);
                b.close();
                b.close(); // idempotent
                assertTrue(b.isClosed());
                IllegalStateException e = assertThrows(IllegalStateException.class, b::hostSegment);
                assertEquals("CPU buffer #1 (1000 bytes) is closed; allocate a new buffer with ComputeRuntime.allocate",
                        e.getMessage());
                assertThrows(IllegalStateException.class, b::copyToDevice);
                assertThrows(IllegalStateException.class, b::copyToHost);
                assertThrows(IllegalStateException.class, () -> b.read(new byte[10]));
                IllegalStateException launch = assertThrows(IllegalStateException.class,
                        () -> rt.launch(rt.compile(TestKernels.class, "one"), Range.of(1), b));
                assertEquals("CPU buffer #1 (1000 bytes) is closed; allocate a new buffer with ComputeRuntime.allocate",
                        launch.getMessage());
            }
        }

        @Test
        @DisplayName("are closed with their runtime")
        void closedWithRuntime() {
            DeviceBuffer b;
            try (ComputeRuntime rt = ComputeRuntime.builder().backend("cpu").build()) {
                b = rt.allocate(64);
            }
            assertTrue(b.isClosed());
        }
    }

    @Nested
    @DisplayName("the pool")
    class Pool {
        @Test
        @DisplayName("reuses a freed block of the same size class and counts it")
        void reuse() {
            try (ComputeRuntime rt = ComputeRuntime.builder().backend("cpu").build()) {
                DeviceBuffer first = rt.allocate(1000);
                first.hostSegment().fill((byte) 7);
                MemoryStats s1 = rt.memoryStats();
                assertEquals(1, s1.allocations());
                assertEquals(0, s1.poolReuses());
                assertEquals(1000, s1.bytesInUse());
                assertEquals(0, s1.bytesPooled());
                first.close();
                MemoryStats s2 = rt.memoryStats();
                assertEquals(0, s2.bytesInUse());
                assertEquals(1024, s2.bytesPooled(), "the 1000-byte request took a 1024-byte block");
                DeviceBuffer second = rt.allocate(900);
                MemoryStats s3 = rt.memoryStats();
                assertEquals(2, s3.allocations());
                assertEquals(1, s3.poolReuses());
                assertEquals(900, s3.bytesInUse());
                assertEquals(0, s3.bytesPooled());
                assertEquals(1000, s3.peakBytesInUse());
                assertEquals(-1, second.hostSegment().mismatch(MemorySegment.ofArray(new byte[900])),
                        "a reused block is zeroed");
                DeviceBuffer third = rt.allocate(5000);
                assertEquals(0, rt.memoryStats().poolReuses() - 1, "another size class is not reused");
                third.close();
                second.close();
            }
        }

        @ParameterizedTest(name = "{0} bytes -> {1}")
        @CsvSource({"0, 64", "1, 64", "64, 64", "65, 128", "4096, 4096", "4097, 5120", "6000, 6144", "1048577, 1310720",
                "300000000, 300003328"})
        @DisplayName("rounds requests up to size classes")
        void sizeClasses(long bytes, long capacity) {
            assertEquals(capacity, MemoryPool.sizeClass(bytes));
        }

        @Test
        @DisplayName("frees its pooled blocks when the backend closes")
        void closeFrees() {
            CpuBackendProvider provider = new CpuBackendProvider();
            var backend = provider.open(BackendConfig.defaults());
            DeviceBuffer b = backend.allocate(128);
            MemorySegment s = b.hostSegment();
            b.close();
            assertEquals(128, backend.memoryStats().bytesPooled());
            backend.close();
            assertEquals(0, backend.memoryStats().bytesPooled());
            assertFalse(s.scope().isAlive(), "the pooled block's memory was freed");
        }
    }

    @Nested
    @DisplayName("limits")
    class Limits {
        @Test
        @DisplayName("refuse a request over the configured limit with requested and available bytes")
        void outOfMemory() {
            try (ComputeRuntime rt = ComputeRuntime.builder().backend("cpu").memoryLimit(1000).build()) {
                assertEquals(1000, rt.memoryStats().limitBytes());
                DeviceBuffer b = rt.allocate(600);
                ComputeOutOfMemoryException e = assertThrows(ComputeOutOfMemoryException.class, () -> rt.allocate(600));
                assertEquals("Out of memory: requested 600 bytes, available 400 bytes", e.getMessage());
                assertEquals(600, e.requested());
                assertEquals(400, e.available());
                b.close();
                rt.allocate(1000).close(); // fits again once freed
            }
        }

        @Test
        @DisplayName("default to the machine's memory")
        void defaultLimit() {
            try (ComputeRuntime rt = ComputeRuntime.builder().backend("cpu").build()) {
                assertEquals(CpuDevice.physicalMemoryBytes(), rt.memoryStats().limitBytes());
                assertEquals(rt.backend().device().globalMemoryBytes(), rt.memoryStats().limitBytes());
                ComputeOutOfMemoryException e = assertThrows(ComputeOutOfMemoryException.class,
                        () -> rt.allocate(Long.MAX_VALUE));
                assertEquals(Long.MAX_VALUE, e.requested());
            }
        }

        @Test
        @DisplayName("refuse a negative size with AllocationException")
        void negative() {
            try (ComputeRuntime rt = ComputeRuntime.builder().backend("cpu").build()) {
                AllocationException e = assertThrows(AllocationException.class, () -> rt.allocate(-1));
                assertEquals("Cannot allocate -1 bytes: the size is negative; pass a byte count of 0 or more",
                        e.getMessage());
                assertEquals(-1, e.size());
            }
            var backend = new CpuBackendProvider().open(BackendConfig.defaults());
            try (backend) {
                AllocationException e = assertThrows(AllocationException.class, () -> backend.allocate(-1));
                assertEquals("Cannot allocate -1 bytes: the size is negative; pass a byte count of 0 or more",
                        e.getMessage());
            }
        }

        @Test
        @DisplayName("allow a zero-byte buffer")
        void zero() {
            try (ComputeRuntime rt = ComputeRuntime.builder().backend("cpu").build(); DeviceBuffer b = rt.allocate(0)) {
                assertEquals(0, b.byteSize());
                assertSame(0L, b.hostSegment().byteSize());
            }
        }
    }
}
