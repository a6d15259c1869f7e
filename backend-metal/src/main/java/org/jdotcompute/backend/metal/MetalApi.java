package org.jdotcompute.backend.metal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jdotcompute.api.exceptions.MetalException;
import org.jdotcompute.api.exceptions.MslCompilationException;

/**
 * The Metal operations the backend uses, on one device, with objects as opaque {@code long}
 * handles. {@link MetalBridge} implements it with the Objective-C runtime through
 * {@code java.lang.foreign} — the only class of the backend that touches native code, and only
 * on macOS; tests implement it in plain Java to check the backend's own logic on any OS.
 *
 * <p>Every object a method returns is owned by the caller, who gives it back with
 * {@link #release(long)}. Implementations must be thread-safe.
 */
interface MetalApi extends AutoCloseable {

    /** What the backend needs to know about the device. */
    DeviceFacts device();

    /**
     * Compiles MSL source into a library with fast math off ({@code mathMode = safe},
     * precise {@code float} functions).
     *
     * @param shaderName the name for messages (the kernel's)
     * @return the library handle
     * @throws MslCompilationException with the compiler's complete diagnostic if it does not compile
     */
    long compileLibrary(String shaderName, String source);

    /**
     * Builds the compute pipeline of {@code function} of {@code library}.
     *
     * @throws MetalException if the library has no such function or Metal cannot build the pipeline
     */
    PipelineInfo pipeline(long library, String function);

    /**
     * A buffer of {@code bytes} bytes (at least 1) in shared storage, whose contents the host
     * reads and writes directly (unified memory: no copies).
     *
     * @param scope the arena that bounds the host view's lifetime (close it before releasing)
     * @return the buffer, or empty where Metal returned nil (it cannot hold the buffer)
     */
    Optional<SharedBuffer> newSharedBuffer(long bytes, Arena scope);

    /**
     * Encodes one dispatch of {@code pipeline} into a new command buffer, commits it and waits
     * until it completes.
     *
     * @return how the command buffer ended
     * @throws MetalException if no command buffer or encoder could be created
     */
    Completion dispatch(long pipeline, List<Binding> bindings, Grid grid);

    /** Releases an object this API returned. */
    void release(long handle);

    /** Releases the command queue and the device. */
    @Override
    void close();

    /**
     * Facts about the device.
     *
     * @param name                       {@code MTLDevice.name}
     * @param registryId                 {@code MTLDevice.registryID}
     * @param unifiedMemory              {@code MTLDevice.hasUnifiedMemory}
     * @param recommendedWorkingSetBytes {@code MTLDevice.recommendedMaxWorkingSetSize}
     * @param maxBufferBytes             {@code MTLDevice.maxBufferLength}
     * @param maxThreadgroupMemoryBytes  {@code MTLDevice.maxThreadgroupMemoryLength}
     * @param nonUniformThreadgroups     whether {@code dispatchThreads} may end in a partial threadgroup
     *                                   (Apple4 and later, Mac2)
     * @param gpuFamily                  the newest Apple or Mac GPU family supported, e.g. {@code "Apple9"}
     * @param osVersion                  the macOS version
     */
    record DeviceFacts(String name, long registryId, boolean unifiedMemory, long recommendedWorkingSetBytes,
            long maxBufferBytes, long maxThreadgroupMemoryBytes, boolean nonUniformThreadgroups, String gpuFamily,
            String osVersion) {
        public DeviceFacts {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(gpuFamily, "gpuFamily");
            Objects.requireNonNull(osVersion, "osVersion");
        }
    }

    /**
     * A compute pipeline.
     *
     * @param handle                        the {@code MTLComputePipelineState}
     * @param maxTotalThreadsPerThreadgroup the largest threadgroup it can run with
     * @param threadExecutionWidth          the SIMD width
     */
    record PipelineInfo(long handle, int maxTotalThreadsPerThreadgroup, int threadExecutionWidth) {
    }

    /**
     * A buffer in shared storage.
     *
     * @param handle   the {@code MTLBuffer}
     * @param contents its contents, valid until the scope it was created in closes
     */
    record SharedBuffer(long handle, MemorySegment contents) {
        public SharedBuffer {
            Objects.requireNonNull(contents, "contents");
        }
    }

    /** What one buffer slot of a dispatch holds. */
    sealed interface Binding {
        /** The slot, {@code [[buffer(index)]]}. */
        int index();

        /** A buffer: {@code setBuffer:offset:0 atIndex:}. */
        record Buffer(int index, long buffer) implements Binding {
        }

        /** Bytes copied into the command ({@code setBytes:length:atIndex:}, at most 4 KB); a native segment. */
        record Bytes(int index, MemorySegment bytes) implements Binding {
            public Bytes {
                Objects.requireNonNull(bytes, "bytes");
            }
        }
    }

    /**
     * The dispatch's shape: with {@code exactThreads}, {@code dispatchThreads} of
     * {@code size} threads (the last threadgroup may be partial), otherwise
     * {@code dispatchThreadgroups} of {@code size} threadgroups; each threadgroup {@code group}.
     */
    record Grid(boolean exactThreads, int width, int height, int depth, int groupWidth, int groupHeight, int groupDepth) {
        public Grid {
            if (width <= 0 || height <= 0 || depth <= 0 || groupWidth <= 0 || groupHeight <= 0 || groupDepth <= 0) {
                throw new IllegalArgumentException("grid sizes must be positive: " + width + "x" + height + "x" + depth
                        + " / " + groupWidth + "x" + groupHeight + "x" + groupDepth);
            }
        }
    }

    /**
     * How a command buffer ended.
     *
     * @param status           {@code MTLCommandBufferStatus}: 4 completed, 5 error
     * @param errorCode        the {@code MTLCommandBufferError} code (0 when none)
     * @param errorDescription the {@code NSError}'s description ({@code ""} when none)
     */
    record Completion(long status, long errorCode, String errorDescription) {
        /** {@code MTLCommandBufferStatusCompleted}. */
        static final long COMPLETED = 4;

        public Completion {
            Objects.requireNonNull(errorDescription, "errorDescription");
        }

        /** A command buffer that completed. */
        static Completion completed() {
            return new Completion(COMPLETED, 0, "");
        }
    }
}
