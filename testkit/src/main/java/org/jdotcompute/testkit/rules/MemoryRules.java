package org.jdotcompute.testkit.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.random.RandomGenerator;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.DeviceBuffer;
import org.jdotcompute.api.MemoryStats;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.exceptions.AllocationException;
import org.jdotcompute.api.exceptions.ComputeOutOfMemoryException;
import org.jdotcompute.spi.BackendConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** MEM: allocation, copies both ways, sizes, zero-size, refused and impossible requests. */
public abstract class MemoryRules extends RuleGroup {
    /** For {@link org.jdotcompute.testkit.BackendConformanceSuite}'s nested group. */
    protected MemoryRules() {
    }

    private static final BackendConfig DEFAULTS = new BackendConfig(CheckMode.INDEX, 0);
    /** The memory limit of the limit rules. */
    static final long LIMIT = 1L << 20;

    /** Checks {@code e} against the seed's message and bounds: {@code available} is -1 or below {@code requested}. */
    static void assertOutOfMemory(ComputeOutOfMemoryException e, long requested, long atMostAvailable) {
        assertEquals(requested, e.requested(), "requested()");
        assertTrue(e.available() == -1 || e.available() >= 0 && e.available() <= atMostAvailable,
                () -> "available() is " + e.available() + "; it must be -1 (unknown) or between 0 and " + atMostAvailable);
        assertEquals("Out of memory: requested " + requested + " bytes, available " + e.available() + " bytes",
                e.getMessage(), "the message");
    }

    @Test
    @DisplayName("MEM-001 allocate gives open buffers of exactly the requested size")
    public void sizes(Kit kit) {
        ComputeRuntime rt = kit.runtime();
        for (long size : new long[] {1, 7, 4096, 65_537, (1 << 20) + 3}) {
            try (DeviceBuffer b = rt.allocate(size)) {
                assertEquals(size, b.byteSize(), "byteSize()");
                assertEquals(size, b.hostSegment().byteSize(), "hostSegment().byteSize()");
                assertFalse(b.isClosed(), "a fresh buffer is open");
            }
        }
        try (DeviceBuffer f = rt.allocateFloats(10); DeviceBuffer d = rt.allocateDoubles(3);
             DeviceBuffer i = rt.allocateInts(5); DeviceBuffer l = rt.allocateLongs(2)) {
            assertEquals(40, f.byteSize(), "allocateFloats(10)");
            assertEquals(24, d.byteSize(), "allocateDoubles(3)");
            assertEquals(20, i.byteSize(), "allocateInts(5)");
            assertEquals(16, l.byteSize(), "allocateLongs(2)");
        }
    }

    @Test
    @DisplayName("MEM-002 data round-trips host to device, through a kernel on a resident buffer, and back")
    public void residentRoundTrip(Kit kit) {
        ComputeRuntime rt = kit.runtime();
        RandomGenerator r = kit.random("MEM-002");
        int n = 10_001;
        int[] in = r.ints(n).toArray();
        CompiledKernel scale = kit.compile(rt, "scale");
        try (DeviceBuffer b = rt.allocateInts(n)) {
            b.write(in);
            kit.launch(rt, scale, Range.of(n), b, 3);
            kit.launch(rt, scale, Range.of(n), b, -1);
            int[] out = new int[n];
            b.read(out);
            for (int i = 0; i < n; i++) {
                if (out[i] != in[i] * -3) {
                    assertEquals(in[i] * -3, out[i], "element " + i + " of " + n + " after scaling by 3 then -1 on the device");
                }
            }
        }
    }

    @Test
    @DisplayName("MEM-003 copies in both directions keep every byte of an odd-sized buffer")
    public void copiesBothWays(Kit kit) {
        ComputeRuntime rt = kit.runtime();
        RandomGenerator r = kit.random("MEM-003");
        int n = 123_457;
        byte[] bytes = new byte[n];
        r.nextBytes(bytes);
        CompiledKernel copy = kit.compile(rt, "copyBytes");
        try (DeviceBuffer src = rt.allocate(n); DeviceBuffer dst = rt.allocate(n)) {
            src.write(bytes);
            kit.launch(rt, copy, Range.of(n), src, dst);
            byte[] out = new byte[n];
            dst.read(out);
            assertArrayEquals(bytes, out, "bytes copied on the device from one buffer to another, then to the host");
            byte[] back = new byte[n];
            src.read(back);
            assertArrayEquals(bytes, back, "the source buffer read back");
        }
    }

    @Test
    @DisplayName("MEM-004 zero-size buffers and empty arrays work in allocations, copies and launches")
    public void zeroSize(Kit kit) {
        ComputeRuntime rt = kit.runtime();
        CompiledKernel scale = kit.compile(rt, "scale");
        try (DeviceBuffer empty = rt.allocate(0)) {
            assertEquals(0, empty.byteSize(), "byteSize()");
            assertDoesNotThrow(empty::copyToDevice, "copyToDevice() of an empty buffer");
            assertDoesNotThrow(empty::copyToHost, "copyToHost() of an empty buffer");
            kit.launch(rt, scale, Range.of(1), empty, 2);
        }
        kit.launch(rt, scale, Range.of(3), new int[0], 2);
    }

    @Test
    @DisplayName("MEM-005 a negative size is refused with AllocationException and the exact message")
    public void negativeSize(Kit kit) {
        AllocationException e = assertThrows(AllocationException.class, () -> kit.runtime().allocate(-5));
        assertEquals(-5, e.size(), "size()");
        assertFalse(e.reason().isBlank(), "the reason says what is wrong");
        assertEquals("Cannot allocate -5 bytes: the size is negative; pass a byte count of 0 or more", e.getMessage(),
                "the message");
    }

    @Test
    @DisplayName("MEM-006 a request over the memory limit is ComputeOutOfMemoryException with requested and available bytes")
    public void overTheLimit(Kit kit) {
        try (ComputeRuntime rt = kit.open(new BackendConfig(CheckMode.INDEX, LIMIT))) {
            ComputeOutOfMemoryException whole = assertThrows(ComputeOutOfMemoryException.class,
                    () -> rt.allocate(LIMIT + 1), "one byte more than the limit of " + LIMIT);
            assertOutOfMemory(whole, LIMIT + 1, LIMIT);
            long held = LIMIT * 3 / 4;
            DeviceBuffer first = rt.allocate(held);
            ComputeOutOfMemoryException rest = assertThrows(ComputeOutOfMemoryException.class,
                    () -> rt.allocate(LIMIT / 2), "half the limit while three quarters are held");
            assertOutOfMemory(rest, LIMIT / 2, LIMIT - held);
            first.close();
            try (DeviceBuffer again = rt.allocate(LIMIT / 2)) {
                assertEquals(LIMIT / 2, again.byteSize(), "an allocation after the memory was given back");
            }
        }
    }

    @Test
    @DisplayName("MEM-007 an impossible request (2^62 bytes) is ComputeOutOfMemoryException and the runtime goes on")
    public void impossibleRequest(Kit kit) {
        ComputeRuntime rt = kit.runtime();
        long huge = 1L << 62;
        ComputeOutOfMemoryException e = assertThrows(ComputeOutOfMemoryException.class, () -> rt.allocate(huge),
                "a request of 2^62 bytes");
        assertOutOfMemory(e, huge, huge - 1);
        try (DeviceBuffer small = rt.allocate(16)) {
            assertEquals(16, small.byteSize(), "an allocation after the refused one");
        }
    }

    @Test
    @DisplayName("MEM-008 allocation on a closed runtime is AllocationException naming the runtime")
    public void allocateAfterClose(Kit kit) {
        ComputeRuntime rt = kit.open(DEFAULTS);
        rt.close();
        AllocationException e = assertThrows(AllocationException.class, () -> rt.allocate(16));
        assertEquals(16, e.size(), "size()");
        assertEquals("Cannot allocate 16 bytes: " + e.reason(), e.getMessage(), "the message");
        assertTrue(e.reason().contains(rt.toString()), () -> "the reason must name the runtime " + rt + ": '"
                + e.reason() + "'");
    }

    @Test
    @DisplayName("MEM-009 memoryStats() counts allocations and bytes in use, and gives them back on close")
    public void stats(Kit kit) {
        try (ComputeRuntime rt = kit.open(DEFAULTS)) {
            MemoryStats before = rt.memoryStats();
            DeviceBuffer b = rt.allocate(10_000);
            MemoryStats during = rt.memoryStats();
            assertEquals(before.bytesInUse() + 10_000, during.bytesInUse(), "bytesInUse() with a 10000-byte buffer");
            assertEquals(before.allocations() + 1, during.allocations(), "allocations() after one allocation");
            assertTrue(during.peakBytesInUse() >= during.bytesInUse(), () -> "peakBytesInUse() " + during);
            assertTrue(during.limitBytes() > 0, () -> "limitBytes() " + during);
            b.close();
            assertEquals(before.bytesInUse(), rt.memoryStats().bytesInUse(), "bytesInUse() after the buffer closed");
        }
    }
}
