package org.jdotcompute.backend.opencl;

import static org.lwjgl.opencl.CL10.clGetDeviceInfo;
import static org.lwjgl.opencl.CL10.clGetPlatformInfo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

/** Typed {@code clGet*Info} queries. Every call is checked. Thread-safe (stateless). */
final class ClInfo {
    private ClInfo() {
    }

    /** A string platform parameter. */
    static String platformString(long platform, int param) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer size = stack.mallocPointer(1);
            ClErrors.check(clGetPlatformInfo(platform, param, (ByteBuffer) null, size), "clGetPlatformInfo(" + param + ")");
            return readString(size.get(0), buffer -> clGetPlatformInfo(platform, param, buffer, null),
                    "clGetPlatformInfo(" + param + ")");
        }
    }

    /** A string device parameter. */
    static String deviceString(long device, int param) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer size = stack.mallocPointer(1);
            ClErrors.check(clGetDeviceInfo(device, param, (ByteBuffer) null, size), "clGetDeviceInfo(" + param + ")");
            return readString(size.get(0), buffer -> clGetDeviceInfo(device, param, buffer, null),
                    "clGetDeviceInfo(" + param + ")");
        }
    }

    /** A 64-bit device parameter ({@code cl_ulong}, {@code cl_bitfield}). */
    static long deviceLong(long device, int param) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            ByteBuffer value = stack.calloc(8);
            ClErrors.check(clGetDeviceInfo(device, param, value, null), "clGetDeviceInfo(" + param + ")");
            return value.getLong(0);
        }
    }

    /**
     * A 64-bit device parameter that older devices may not know (e.g. {@code CL_DEVICE_DOUBLE_FP_CONFIG}
     * on an OpenCL 1.1 device without {@code cl_khr_fp64}): {@code CL_INVALID_VALUE} yields {@code fallback}.
     */
    static long deviceLongOr(long device, int param, long fallback) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            ByteBuffer value = stack.calloc(8);
            int code = clGetDeviceInfo(device, param, value, null);
            if (code == -30) {
                return fallback;
            }
            ClErrors.check(code, "clGetDeviceInfo(" + param + ")");
            return value.getLong(0);
        }
    }

    /** A 32-bit device parameter ({@code cl_uint}, {@code cl_bool}). */
    static int deviceInt(long device, int param) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            ByteBuffer value = stack.calloc(4);
            ClErrors.check(clGetDeviceInfo(device, param, value, null), "clGetDeviceInfo(" + param + ")");
            return value.getInt(0);
        }
    }

    /** A {@code size_t} device parameter. */
    static long deviceSize(long device, int param) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer value = stack.callocPointer(1);
            ClErrors.check(clGetDeviceInfo(device, param, value, null), "clGetDeviceInfo(" + param + ")");
            return value.get(0);
        }
    }

    /** A {@code size_t[]} device parameter. */
    static long[] deviceSizes(long device, int param) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer size = stack.mallocPointer(1);
            ClErrors.check(clGetDeviceInfo(device, param, (ByteBuffer) null, size), "clGetDeviceInfo(" + param + ")");
            int count = (int) (size.get(0) / org.lwjgl.system.Pointer.POINTER_SIZE);
            PointerBuffer values = stack.callocPointer(Math.max(1, count));
            ClErrors.check(clGetDeviceInfo(device, param, values, null), "clGetDeviceInfo(" + param + ")");
            long[] out = new long[count];
            for (int i = 0; i < count; i++) {
                out[i] = values.get(i);
            }
            return out;
        }
    }

    /** A query that fills a byte buffer and returns an OpenCL error code. */
    interface Fill {
        int into(ByteBuffer buffer);
    }

    /** Reads a NUL-terminated string of {@code bytes} bytes (heap-allocated natively: build logs can be large). */
    static String readString(long bytes, Fill query, String what) {
        if (bytes <= 1) {
            return "";
        }
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(what + " reported a string of " + bytes + " bytes");
        }
        ByteBuffer buffer = MemoryUtil.memAlloc((int) bytes);
        try {
            ClErrors.check(query.into(buffer), what);
            byte[] raw = new byte[(int) bytes];
            buffer.get(0, raw);
            int end = 0;
            while (end < raw.length && raw[end] != 0) {
                end++;
            }
            return new String(raw, 0, end, StandardCharsets.UTF_8).strip();
        } finally {
            MemoryUtil.memFree(buffer);
        }
    }
}
