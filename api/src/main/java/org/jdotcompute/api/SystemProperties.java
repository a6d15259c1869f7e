package org.jdotcompute.api;

/**
 * Every {@code -D} system property JDotCompute reads, in one place. Builder settings override
 * them.
 */
public final class SystemProperties {
    /** Selects a backend by id ({@code -Djdotcompute.backend=opencl}); explicit, never a fallback. */
    public static final String BACKEND = "jdotcompute.backend";
    /** The default device-side {@link CheckMode} ({@code NONE}, {@code USER}, {@code INDEX}, {@code FULL}). */
    public static final String CHECKS = "jdotcompute.checks";
    /** Plugin directories to load backends from, separated by the path separator. */
    public static final String PLUGINS = "jdotcompute.plugins";
    /** A device-memory cap in bytes for every runtime. */
    public static final String MEMORY_LIMIT = "jdotcompute.memoryLimit";
    /** The OpenCL ICD loader library name or path ({@code libOpenCL.so.1} by default on Linux). */
    public static final String OPENCL_LIBRARY = "jdotcompute.opencl.library";
    /** The OpenCL platform to use, by index or by a case-insensitive substring of its name. */
    public static final String OPENCL_PLATFORM = "jdotcompute.opencl.platform";
    /** The CUDA device ordinal to use (default 0). */
    public static final String CUDA_DEVICE = "jdotcompute.cuda.device";
    /** Directory where native libraries are extracted (default: a private temporary directory). */
    public static final String NATIVE_DIRECTORY = "jdotcompute.nativeDirectory";

    private SystemProperties() {
    }
}
