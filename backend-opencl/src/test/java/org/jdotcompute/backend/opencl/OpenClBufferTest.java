package org.jdotcompute.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.ValueLayout;
import java.util.List;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.DeviceBuffer;
import org.jdotcompute.api.MemoryStats;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.SourceKernel;
import org.jdotcompute.api.exceptions.AllocationException;
import org.jdotcompute.api.exceptions.ComputeException;
import org.jdotcompute.api.exceptions.ComputeOutOfMemoryException;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendKernel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("OpenCL device buffers")
class OpenClBufferTest {
    private OpenClBackend backend;

    @BeforeEach
    void open() {
        backend = OpenClTestSupport.open();
    }

    @AfterEach
    void close() {
        if (backend != null) {
            backend.close();
        }
    }

    @Nested
    @DisplayName("copies")
    class Copies {
        @Test
        @DisplayName("a round trip through the device keeps every byte")
        void roundTrip() {
            try (DeviceBuffer b = backend.allocate(4096)) {
                assertEquals(4096, b.byteSize());
                for (int i = 0; i < 1024; i++) {
                    b.hostSegment().setAtIndex(ValueLayout.JAVA_INT, i, i * 31 + 7);
                }
                b.copyToDevice();
                b.hostSegment().fill((byte) 0);
                b.copyToHost();
                for (int i = 0; i < 1024; i++) {
                    assertEquals(i * 31 + 7, b.hostSegment().getAtIndex(ValueLayout.JAVA_INT, i));
                }
            }
        }

        @Test
        @DisplayName("typed writes and reads use the start of the buffer")
        void typed() {
            try (DeviceBuffer b = backend.allocate(64)) {
                b.write(new double[] {1.5, -2.25});
                double[] out = new double[2];
                b.read(out);
                assertArrayEquals(new double[] {1.5, -2.25}, out);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.write(new long[9]));
                assertEquals("cannot write 72 bytes: the buffer holds 64 bytes; allocate a larger buffer or pass a smaller"
                        + " array", e.getMessage());
            }
        }

        @Test
        @DisplayName("a kernel changes a resident buffer that the host then reads")
        void resident() {
            BackendKernel k = backend.compileSource(SourceKernel.of("inc",
                    "__kernel void inc(__global int* a) { a[get_global_id(0)] += 1; }", int[].class));
            try (DeviceBuffer b = backend.allocate(16)) {
                b.write(new int[] {1, 2, 3, 4});
                backend.launch(k, Range.of(4), List.of(b));
                backend.launch(k, Range.of(4), List.of(b));
                int[] out = new int[4];
                b.read(out);
                assertArrayEquals(new int[] {3, 4, 5, 6}, out);
            }
        }
    }

    @Nested
    @DisplayName("sizes")
    class Sizes {
        @Test
        @DisplayName("an empty buffer is allowed and copies nothing")
        void empty() {
            try (DeviceBuffer b = backend.allocate(0)) {
                assertEquals(0, b.byteSize());
                assertEquals(0, b.hostSegment().byteSize());
                b.copyToDevice();
                b.copyToHost();
            }
        }

        @Test
        @DisplayName("a negative size is refused with AllocationException")
        void negative() {
            AllocationException e = assertThrows(AllocationException.class, () -> backend.allocate(-8));
            assertEquals("Cannot allocate -8 bytes: the size is negative; pass a byte count of 0 or more", e.getMessage());
            assertEquals(-8, e.size());
        }

        @Test
        @DisplayName("a huge request is ComputeOutOfMemoryException, not OutOfMemoryError")
        void huge() {
            long huge = 1L << 50;
            ComputeOutOfMemoryException e = assertThrows(ComputeOutOfMemoryException.class, () -> backend.allocate(huge));
            assertEquals(huge, e.requested());
            long maxAllocation = Long.parseLong(backend.device().details().get("maxAllocationBytes"));
            assertEquals(maxAllocation, e.available());
            assertEquals("Out of memory: requested " + huge + " bytes, available " + maxAllocation + " bytes", e.getMessage());
            assertTrue(assertInstanceOf(ComputeException.class, e.getCause()).getMessage()
                    .endsWith(" bytes in one allocation (CL_DEVICE_MAX_MEM_ALLOC_SIZE); split the data"));
            assertEquals(0, backend.memoryStats().bytesInUse(), "a refused allocation holds nothing");
        }

        @Test
        @DisplayName("the configured memory limit caps what may be allocated")
        void limit() {
            backend.close();
            backend = OpenClTestSupport.open(new BackendConfig(CheckMode.INDEX, 1000));
            assertEquals(1000, backend.capabilities().maxAllocationBytes());
            try (DeviceBuffer a = backend.allocate(600)) {
                ComputeOutOfMemoryException e = assertThrows(ComputeOutOfMemoryException.class, () -> backend.allocate(500));
                assertEquals(500, e.requested());
                assertEquals(400, e.available());
                assertEquals(600, a.byteSize());
            }
            backend.allocate(1000).close();
        }
    }

    @Nested
    @DisplayName("accounting and lifetime")
    class Lifetime {
        @Test
        @DisplayName("memory statistics count allocations, bytes in use and the peak")
        void stats() {
            DeviceBuffer a = backend.allocate(100);
            DeviceBuffer b = backend.allocate(50);
            MemoryStats s = backend.memoryStats();
            assertEquals(2, s.allocations());
            assertEquals(150, s.bytesInUse());
            assertEquals(150, s.peakBytesInUse());
            a.close();
            a.close(); // idempotent
            assertEquals(50, backend.memoryStats().bytesInUse());
            assertEquals(150, backend.memoryStats().peakBytesInUse());
            b.close();
            assertEquals(0, backend.memoryStats().bytesInUse());
        }

        @Test
        @DisplayName("a closed buffer refuses use, naming itself")
        void closedBuffer() {
            DeviceBuffer b = backend.allocate(8);
            b.close();
            assertTrue(b.isClosed());
            IllegalStateException e = assertThrows(IllegalStateException.class, b::copyToDevice);
            assertEquals("OpenCL buffer of 8 bytes on " + backend.device().name() + " is closed; allocate a new buffer",
                    e.getMessage());
            assertThrows(IllegalStateException.class, b::hostSegment);
        }

        @Test
        @DisplayName("closing the backend closes its buffers")
        void backendClosesBuffers() {
            DeviceBuffer b = backend.allocate(8);
            backend.close();
            assertTrue(b.isClosed());
            b.close(); // still idempotent
            assertFalse(backend.memoryStats().bytesInUse() < 0);
        }
    }
}
