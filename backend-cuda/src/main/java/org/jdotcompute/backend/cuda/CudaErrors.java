package org.jdotcompute.backend.cuda;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.jdotcompute.api.exceptions.BackendExecutionException;
import org.jdotcompute.api.exceptions.ComputeException;
import org.jdotcompute.api.exceptions.ComputeOutOfMemoryException;
import org.jdotcompute.api.exceptions.DeviceContextLostException;

/**
 * The {@code CUresult} codes of the CUDA driver API and how each becomes a Java exception:
 * {@code CUDA_ERROR_OUT_OF_MEMORY} → {@link ComputeOutOfMemoryException}; the sticky errors that
 * leave the context unusable (700, 710, 714–719) → {@link DeviceContextLostException}; every other
 * code → {@link BackendExecutionException} with the code and its name.
 *
 * <p>The table is the union of CUDA 12.6's {@code cuda.h} (JCuda 12.6.0's {@code CUresult}) and
 * CUDA 13.0's, so a newer driver's codes keep their names. Thread-safe (immutable).
 */
final class CudaErrors {
    /** {@code CUDA_SUCCESS}. */
    static final int SUCCESS = 0;
    /** {@code CUDA_ERROR_OUT_OF_MEMORY}. */
    static final int OUT_OF_MEMORY = 2;

    private static final Map<Integer, String> NAMES;

    static {
        Map<Integer, String> m = new TreeMap<>();
        String table = """
                0 CUDA_SUCCESS
                1 CUDA_ERROR_INVALID_VALUE
                2 CUDA_ERROR_OUT_OF_MEMORY
                3 CUDA_ERROR_NOT_INITIALIZED
                4 CUDA_ERROR_DEINITIALIZED
                5 CUDA_ERROR_PROFILER_DISABLED
                6 CUDA_ERROR_PROFILER_NOT_INITIALIZED
                7 CUDA_ERROR_PROFILER_ALREADY_STARTED
                8 CUDA_ERROR_PROFILER_ALREADY_STOPPED
                34 CUDA_ERROR_STUB_LIBRARY
                36 CUDA_ERROR_CALL_REQUIRES_NEWER_DRIVER
                46 CUDA_ERROR_DEVICE_UNAVAILABLE
                100 CUDA_ERROR_NO_DEVICE
                101 CUDA_ERROR_INVALID_DEVICE
                102 CUDA_ERROR_DEVICE_NOT_LICENSED
                200 CUDA_ERROR_INVALID_IMAGE
                201 CUDA_ERROR_INVALID_CONTEXT
                202 CUDA_ERROR_CONTEXT_ALREADY_CURRENT
                205 CUDA_ERROR_MAP_FAILED
                206 CUDA_ERROR_UNMAP_FAILED
                207 CUDA_ERROR_ARRAY_IS_MAPPED
                208 CUDA_ERROR_ALREADY_MAPPED
                209 CUDA_ERROR_NO_BINARY_FOR_GPU
                210 CUDA_ERROR_ALREADY_ACQUIRED
                211 CUDA_ERROR_NOT_MAPPED
                212 CUDA_ERROR_NOT_MAPPED_AS_ARRAY
                213 CUDA_ERROR_NOT_MAPPED_AS_POINTER
                214 CUDA_ERROR_ECC_UNCORRECTABLE
                215 CUDA_ERROR_UNSUPPORTED_LIMIT
                216 CUDA_ERROR_CONTEXT_ALREADY_IN_USE
                217 CUDA_ERROR_PEER_ACCESS_UNSUPPORTED
                218 CUDA_ERROR_INVALID_PTX
                219 CUDA_ERROR_INVALID_GRAPHICS_CONTEXT
                220 CUDA_ERROR_NVLINK_UNCORRECTABLE
                221 CUDA_ERROR_JIT_COMPILER_NOT_FOUND
                222 CUDA_ERROR_UNSUPPORTED_PTX_VERSION
                223 CUDA_ERROR_JIT_COMPILATION_DISABLED
                224 CUDA_ERROR_UNSUPPORTED_EXEC_AFFINITY
                225 CUDA_ERROR_UNSUPPORTED_DEVSIDE_SYNC
                226 CUDA_ERROR_CONTAINED
                300 CUDA_ERROR_INVALID_SOURCE
                301 CUDA_ERROR_FILE_NOT_FOUND
                302 CUDA_ERROR_SHARED_OBJECT_SYMBOL_NOT_FOUND
                303 CUDA_ERROR_SHARED_OBJECT_INIT_FAILED
                304 CUDA_ERROR_OPERATING_SYSTEM
                400 CUDA_ERROR_INVALID_HANDLE
                401 CUDA_ERROR_ILLEGAL_STATE
                402 CUDA_ERROR_LOSSY_QUERY
                500 CUDA_ERROR_NOT_FOUND
                600 CUDA_ERROR_NOT_READY
                700 CUDA_ERROR_ILLEGAL_ADDRESS
                701 CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES
                702 CUDA_ERROR_LAUNCH_TIMEOUT
                703 CUDA_ERROR_LAUNCH_INCOMPATIBLE_TEXTURING
                704 CUDA_ERROR_PEER_ACCESS_ALREADY_ENABLED
                705 CUDA_ERROR_PEER_ACCESS_NOT_ENABLED
                706 CUDA_ERROR_PEER_MEMORY_ALREADY_REGISTERED
                707 CUDA_ERROR_PEER_MEMORY_NOT_REGISTERED
                708 CUDA_ERROR_PRIMARY_CONTEXT_ACTIVE
                709 CUDA_ERROR_CONTEXT_IS_DESTROYED
                710 CUDA_ERROR_ASSERT
                711 CUDA_ERROR_TOO_MANY_PEERS
                712 CUDA_ERROR_HOST_MEMORY_ALREADY_REGISTERED
                713 CUDA_ERROR_HOST_MEMORY_NOT_REGISTERED
                714 CUDA_ERROR_HARDWARE_STACK_ERROR
                715 CUDA_ERROR_ILLEGAL_INSTRUCTION
                716 CUDA_ERROR_MISALIGNED_ADDRESS
                717 CUDA_ERROR_INVALID_ADDRESS_SPACE
                718 CUDA_ERROR_INVALID_PC
                719 CUDA_ERROR_LAUNCH_FAILED
                720 CUDA_ERROR_COOPERATIVE_LAUNCH_TOO_LARGE
                721 CUDA_ERROR_TENSOR_MEMORY_LEAK
                800 CUDA_ERROR_NOT_PERMITTED
                801 CUDA_ERROR_NOT_SUPPORTED
                802 CUDA_ERROR_SYSTEM_NOT_READY
                803 CUDA_ERROR_SYSTEM_DRIVER_MISMATCH
                804 CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE
                805 CUDA_ERROR_MPS_CONNECTION_FAILED
                806 CUDA_ERROR_MPS_RPC_FAILURE
                807 CUDA_ERROR_MPS_SERVER_NOT_READY
                808 CUDA_ERROR_MPS_MAX_CLIENTS_REACHED
                809 CUDA_ERROR_MPS_MAX_CONNECTIONS_REACHED
                810 CUDA_ERROR_MPS_CLIENT_TERMINATED
                811 CUDA_ERROR_CDP_NOT_SUPPORTED
                812 CUDA_ERROR_CDP_VERSION_MISMATCH
                900 CUDA_ERROR_STREAM_CAPTURE_UNSUPPORTED
                901 CUDA_ERROR_STREAM_CAPTURE_INVALIDATED
                902 CUDA_ERROR_STREAM_CAPTURE_MERGE
                903 CUDA_ERROR_STREAM_CAPTURE_UNMATCHED
                904 CUDA_ERROR_STREAM_CAPTURE_UNJOINED
                905 CUDA_ERROR_STREAM_CAPTURE_ISOLATION
                906 CUDA_ERROR_STREAM_CAPTURE_IMPLICIT
                907 CUDA_ERROR_CAPTURED_EVENT
                908 CUDA_ERROR_STREAM_CAPTURE_WRONG_THREAD
                909 CUDA_ERROR_TIMEOUT
                910 CUDA_ERROR_GRAPH_EXEC_UPDATE_FAILURE
                911 CUDA_ERROR_EXTERNAL_DEVICE
                912 CUDA_ERROR_INVALID_CLUSTER_SIZE
                913 CUDA_ERROR_FUNCTION_NOT_LOADED
                914 CUDA_ERROR_INVALID_RESOURCE_TYPE
                915 CUDA_ERROR_INVALID_RESOURCE_CONFIGURATION
                916 CUDA_ERROR_KEY_ROTATION
                999 CUDA_ERROR_UNKNOWN
                """;
        table.lines().forEach(line -> {
            int space = line.indexOf(' ');
            m.put(Integer.parseInt(line.substring(0, space)), line.substring(space + 1));
        });
        NAMES = Collections.unmodifiableMap(m);
    }

    private CudaErrors() {
    }

    /** Every known code and its name, ascending. */
    static Map<Integer, String> names() {
        return NAMES;
    }

    /** The code's name, e.g. {@code CUDA_ERROR_ILLEGAL_ADDRESS}; {@code CUDA_ERROR_<code>} for a code this table lacks. */
    static String name(int code) {
        String n = NAMES.get(code);
        return n != null ? n : "CUDA_ERROR_" + code;
    }

    /**
     * Whether the code is sticky: the context is corrupt and every later call in this process
     * returns an error (700 illegal address, 710 device-side assert, 714–719 hardware stack
     * error, illegal instruction, misaligned address, invalid address space, invalid PC, launch
     * failure).
     */
    static boolean isSticky(int code) {
        return code == 700 || code == 710 || (code >= 714 && code <= 719);
    }

    /**
     * The exception for a failed driver call.
     *
     * @param backend      the backend's display name
     * @param operation    what was being done, e.g. {@code "cuMemAlloc of 1024 bytes"}
     * @param code         the {@code CUresult} (not 0)
     * @param description  the driver's {@code cuGetErrorString}, or {@code ""}
     * @param requested    for out of memory: the bytes requested (0 if not an allocation)
     * @param available    for out of memory: the free bytes ({@code cuMemGetInfo}), -1 if unknown
     */
    static ComputeException exception(String backend, String operation, int code, String description, long requested,
            long available) {
        if (code == SUCCESS) {
            throw new IllegalArgumentException("CUDA_SUCCESS is not an error (" + operation + ")");
        }
        String name = name(code);
        String what = operation + " failed with " + name + " (" + code + ")"
                + (description.isEmpty() ? "" : ": " + description);
        if (code == OUT_OF_MEMORY) {
            return new ComputeOutOfMemoryException(requested, available,
                    new BackendExecutionException(backend, what, code, name, null));
        }
        if (isSticky(code)) {
            return new DeviceContextLostException(backend, what + "; the CUDA context is lost for good: every later call on"
                    + " this runtime fails with this exception. Close the runtime and create a new one (a new process may"
                    + " be needed to use the GPU again)", code, name, null);
        }
        return new BackendExecutionException(backend, what, code, name, null);
    }
}
