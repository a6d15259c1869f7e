package org.jdotcompute.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Device memory size classes")
class DevicePoolTest {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    @Test
    @DisplayName("small blocks come in powers of two from 256 bytes")
    void small() {
        assertEquals(256, DevicePool.sizeClass(1));
        assertEquals(256, DevicePool.sizeClass(256));
        assertEquals(512, DevicePool.sizeClass(257));
        assertEquals(64 * MIB, DevicePool.sizeClass(64 * MIB));
        assertEquals(64 * MIB, DevicePool.sizeClass(33 * MIB));
    }

    @Test
    @DisplayName("blocks above 64 MiB are rounded to 2 MiB, not doubled (40 GiB must not take 64 GiB)")
    void large() {
        assertEquals(66 * MIB, DevicePool.sizeClass(64 * MIB + 1));
        assertEquals(40 * GIB, DevicePool.sizeClass(40 * GIB));
        assertEquals(40 * GIB + 2 * MIB, DevicePool.sizeClass(40 * GIB + 1));
        assertEquals(70 * GIB, DevicePool.sizeClass(70 * GIB - MIB));
    }
}
