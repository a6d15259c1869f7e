package org.jdotcompute.backend.cuda;

import org.jdotcompute.api.Range;

/** Lets tests in other packages of this module compute the grid and block the backend would launch with. */
public final class LaunchGeometryAccess {
    /** The limits of an H100 (sm_90): 1024 threads per block. */
    private static final LaunchGeometry.Limits H100 = new LaunchGeometry.Limits(1024, new int[] {1024, 1024, 64},
            new int[] {Integer.MAX_VALUE, 65535, 65535});

    private LaunchGeometryAccess() {
    }

    /**
     * The {grid, block} a launch of a Java kernel over {@code range} gets on an H100-sized device.
     *
     * @param needsLocalSize whether the kernel has barriers or group-local arrays
     */
    public static int[][] of(String kernel, Range range, boolean needsLocalSize) {
        LaunchGeometry g = LaunchGeometry.of(kernel, range, needsLocalSize, false, 1024, H100);
        return new int[][] {g.grid(), g.block()};
    }
}
