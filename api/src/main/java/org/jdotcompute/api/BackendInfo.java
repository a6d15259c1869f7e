package org.jdotcompute.api;

/**
 * The backend and device a runtime runs on. Thread-safe; {@link #launchCount()} is live.
 */
public interface BackendInfo {
    /** The backend id, e.g. {@code "cpu"}, {@code "opencl"}. */
    String id();

    /** The display name used in messages, e.g. {@code "CPU"}, {@code "OpenCL"}. */
    String displayName();

    /** The backend implementation's version. */
    String version();

    /** The device this runtime uses. */
    DeviceInfo device();

    /** What the device can do. */
    Capabilities capabilities();

    /**
     * How many kernel launches the backend itself executed for this runtime — counted by the
     * backend, so a launch that ran anywhere else is not in it.
     */
    long launchCount();
}
