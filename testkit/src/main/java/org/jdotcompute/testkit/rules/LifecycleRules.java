package org.jdotcompute.testkit.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.DeviceBuffer;
import org.jdotcompute.api.Range;
import org.jdotcompute.spi.BackendConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** LIF: opening and closing runtimes, kernels and buffers; use after close. */
public abstract class LifecycleRules extends RuleGroup {
    /** For {@link org.jdotcompute.testkit.BackendConformanceSuite}'s nested group. */
    protected LifecycleRules() {
    }

    private static final BackendConfig DEFAULTS = new BackendConfig(CheckMode.INDEX, 0);

    private static void assertNamesRuntime(IllegalStateException e, ComputeRuntime rt) {
        String m = String.valueOf(e.getMessage());
        assertTrue(m.contains(rt.toString()) && m.contains("closed"),
                () -> "the message must name the runtime (" + rt + ") and say it is closed: '" + m + "'");
    }

    @Test
    @DisplayName("LIF-001 close() is idempotent and isClosed() reports it")
    public void doubleClose(Kit kit) {
        ComputeRuntime rt = kit.open(DEFAULTS);
        assertFalse(rt.isClosed(), "a fresh runtime is open");
        rt.close();
        assertTrue(rt.isClosed(), "isClosed() after close()");
        assertDoesNotThrow(rt::close, "a second close() must do nothing");
        assertTrue(rt.isClosed(), "isClosed() after a second close()");
    }

    @Test
    @DisplayName("LIF-002 compile after close throws IllegalStateException naming the runtime")
    public void compileAfterClose(Kit kit) {
        ComputeRuntime rt = kit.open(DEFAULTS);
        rt.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> kit.compile(rt, "scale"));
        assertNamesRuntime(e, rt);
    }

    @Test
    @DisplayName("LIF-003 launch after close throws IllegalStateException naming the runtime")
    public void launchAfterClose(Kit kit) {
        ComputeRuntime rt = kit.open(DEFAULTS);
        CompiledKernel scale = kit.compile(rt, "scale");
        int[] data = {1, 2};
        kit.launch(rt, scale, Range.of(2), data, 3);
        rt.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> rt.launch(scale, Range.of(2), data, 3));
        assertNamesRuntime(e, rt);
        assertArrayEquals(new int[] {3, 6}, data, "a refused launch must not touch the arrays");
    }

    @Test
    @DisplayName("LIF-004 closing the runtime closes its buffers: they refuse use afterwards")
    public void runtimeClosesBuffers(Kit kit) {
        ComputeRuntime rt = kit.open(DEFAULTS);
        DeviceBuffer a = rt.allocate(64);
        DeviceBuffer b = rt.allocateInts(16);
        kit.compile(rt, "scale");
        rt.close();
        for (DeviceBuffer buffer : new DeviceBuffer[] {a, b}) {
            assertTrue(buffer.isClosed(), () -> buffer + " is still open after its runtime closed");
            assertThrows(IllegalStateException.class, buffer::hostSegment, () -> buffer + ".hostSegment() after close");
            assertThrows(IllegalStateException.class, buffer::copyToDevice, () -> buffer + ".copyToDevice() after close");
            assertThrows(IllegalStateException.class, buffer::copyToHost, () -> buffer + ".copyToHost() after close");
            assertDoesNotThrow(buffer::close, "closing a closed buffer again must do nothing");
        }
    }

    @Test
    @DisplayName("LIF-005 a closed buffer refuses use and a launch with it, and the runtime goes on working")
    public void closedBuffer(Kit kit) {
        try (ComputeRuntime rt = kit.open(DEFAULTS)) {
            CompiledKernel scale = kit.compile(rt, "scale");
            DeviceBuffer buffer = rt.allocateInts(8);
            buffer.close();
            assertTrue(buffer.isClosed(), "isClosed() after close()");
            assertDoesNotThrow(buffer::close, "a second close() must do nothing");
            assertThrows(IllegalStateException.class, buffer::hostSegment, "hostSegment() of a closed buffer");
            assertThrows(IllegalStateException.class, () -> rt.launch(scale, Range.of(8), buffer, 2),
                    "a launch with a closed buffer");
            int[] data = {1, 2, 3, 4};
            kit.launch(rt, scale, Range.of(4), data, 2);
            assertArrayEquals(new int[] {2, 4, 6, 8}, data, "the runtime after a refused launch");
        }
    }

    @Test
    @DisplayName("LIF-006 runtimes on the backend are independent: closing one leaves another working")
    public void independentRuntimes(Kit kit) {
        try (ComputeRuntime b = kit.open(DEFAULTS)) {
            CompiledKernel onB = kit.compile(b, "scale");
            for (int round = 0; round < 3; round++) {
                ComputeRuntime a = kit.open(DEFAULTS);
                CompiledKernel onA = kit.compile(a, "scale");
                int[] x = {round, 1};
                kit.launch(a, onA, Range.of(2), x, 7);
                a.close();
                int[] y = {round, 2};
                kit.launch(b, onB, Range.of(2), y, 5);
                assertArrayEquals(new int[] {round * 7, 7}, x, "the results of the runtime closed afterwards");
                assertArrayEquals(new int[] {round * 5, 10}, y, "the runtime that stayed open, after another closed");
            }
        }
    }
}
