package org.jdotcompute.benchmarks.opencl;

import static org.lwjgl.opencl.CL10.CL_CONTEXT_PLATFORM;
import static org.lwjgl.opencl.CL10.CL_DEVICE_NAME;
import static org.lwjgl.opencl.CL10.CL_DEVICE_TYPE;
import static org.lwjgl.opencl.CL10.CL_DEVICE_TYPE_ALL;
import static org.lwjgl.opencl.CL10.CL_DEVICE_TYPE_GPU;
import static org.lwjgl.opencl.CL10.CL_MEM_COPY_HOST_PTR;
import static org.lwjgl.opencl.CL10.CL_MEM_READ_WRITE;
import static org.lwjgl.opencl.CL10.CL_PROGRAM_BUILD_LOG;
import static org.lwjgl.opencl.CL10.clBuildProgram;
import static org.lwjgl.opencl.CL10.clCreateBuffer;
import static org.lwjgl.opencl.CL10.clCreateCommandQueue;
import static org.lwjgl.opencl.CL10.clCreateContext;
import static org.lwjgl.opencl.CL10.clCreateKernel;
import static org.lwjgl.opencl.CL10.clCreateProgramWithSource;
import static org.lwjgl.opencl.CL10.clEnqueueNDRangeKernel;
import static org.lwjgl.opencl.CL10.clEnqueueReadBuffer;
import static org.lwjgl.opencl.CL10.clEnqueueWriteBuffer;
import static org.lwjgl.opencl.CL10.clFinish;
import static org.lwjgl.opencl.CL10.clGetDeviceIDs;
import static org.lwjgl.opencl.CL10.clGetDeviceInfo;
import static org.lwjgl.opencl.CL10.clGetPlatformIDs;
import static org.lwjgl.opencl.CL10.clGetProgramBuildInfo;
import static org.lwjgl.opencl.CL10.clReleaseCommandQueue;
import static org.lwjgl.opencl.CL10.clReleaseContext;
import static org.lwjgl.opencl.CL10.clReleaseKernel;
import static org.lwjgl.opencl.CL10.clReleaseMemObject;
import static org.lwjgl.opencl.CL10.clReleaseProgram;
import static org.lwjgl.opencl.CL10.clSetKernelArg1f;
import static org.lwjgl.opencl.CL10.clSetKernelArg1i;
import static org.lwjgl.opencl.CL10.clSetKernelArg1p;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;

import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

/**
 * The baseline of P6 and P8: the benchmark kernels written by hand in OpenCL C and run through
 * LWJGL directly, the way an application without JDotCompute would — plain OpenCL C with the
 * compiler's defaults (no Java semantics pragmas: the compiler may contract {@code a * x + y}
 * into a fused multiply-add, which Java forbids and JDotCompute's generated code does not do),
 * no bounds checks, no error record. It opens the same device the OpenCL backend chooses (the
 * first GPU, else the first device of the first platform that has one) and checks the name.
 *
 * <p>Not thread-safe; confine to one thread (a JMH state).
 */
final class HandWrittenOpenCl implements AutoCloseable {
    /** The hand-written kernels: the same arithmetic as {@link org.jdotcompute.benchmarks.BenchKernels}. */
    static final String SOURCE = """
            __kernel void vectorAdd(__global const float* a, __global const float* b, __global float* c, int n) {
                int i = get_global_id(0);
                if (i < n) {
                    c[i] = a[i] + b[i];
                }
            }

            __kernel void saxpy(float alpha, __global const float* x, __global float* y, int n) {
                int i = get_global_id(0);
                if (i < n) {
                    y[i] = alpha * x[i] + y[i];
                }
            }

            __kernel void matmul(int n, __global const float* a, __global const float* b, __global float* c) {
                int col = get_global_id(0);
                int row = get_global_id(1);
                float sum = 0.0f;
                for (int k = 0; k < n; k++) {
                    sum += a[row * n + k] * b[k * n + col];
                }
                c[row * n + col] = sum;
            }
            """;

    /** Only the matrix multiplication, for the compile-time baseline. */
    static final String MATMUL_SOURCE = SOURCE.substring(SOURCE.indexOf("__kernel void matmul"));

    /** The build options: the OpenCL C version JDotCompute builds with, nothing else. */
    static final String OPTIONS = "-cl-std=CL1.2";

    final long platform;
    final long device;
    final String deviceName;
    final long context;
    final long queue;

    /** Opens a context and an in-order queue on the device the OpenCL backend chooses. */
    HandWrittenOpenCl() {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer count = stack.mallocInt(1);
            check(clGetPlatformIDs(null, count), "clGetPlatformIDs");
            PointerBuffer platforms = stack.mallocPointer(count.get(0));
            check(clGetPlatformIDs(platforms, (IntBuffer) null), "clGetPlatformIDs");
            long firstPlatform = 0;
            long firstDevice = 0;
            long gpuPlatform = 0;
            long gpu = 0;
            for (int p = 0; p < platforms.capacity() && gpu == 0; p++) {
                long platformId = platforms.get(p);
                IntBuffer n = stack.mallocInt(1);
                if (clGetDeviceIDs(platformId, CL_DEVICE_TYPE_ALL, null, n) != 0 || n.get(0) == 0) {
                    continue;
                }
                PointerBuffer devices = stack.mallocPointer(n.get(0));
                check(clGetDeviceIDs(platformId, CL_DEVICE_TYPE_ALL, devices, (IntBuffer) null), "clGetDeviceIDs");
                for (int d = 0; d < devices.capacity(); d++) {
                    long id = devices.get(d);
                    if (firstDevice == 0) {
                        firstPlatform = platformId;
                        firstDevice = id;
                    }
                    LongBuffer type = stack.mallocLong(1);
                    check(clGetDeviceInfo(id, CL_DEVICE_TYPE, type, null), "clGetDeviceInfo(CL_DEVICE_TYPE)");
                    if ((type.get(0) & CL_DEVICE_TYPE_GPU) != 0) {
                        gpuPlatform = platformId;
                        gpu = id;
                        break;
                    }
                }
            }
            if (firstDevice == 0) {
                throw new IllegalStateException("no OpenCL device: the hand-written baseline cannot run");
            }
            platform = gpu != 0 ? gpuPlatform : firstPlatform;
            device = gpu != 0 ? gpu : firstDevice;
            deviceName = deviceName(stack, device);
            IntBuffer err = stack.mallocInt(1);
            PointerBuffer properties = stack.mallocPointer(3).put(CL_CONTEXT_PLATFORM).put(platform).put(0).flip();
            context = clCreateContext(properties, device, null, 0, err);
            check(err.get(0), "clCreateContext");
            queue = clCreateCommandQueue(context, device, 0, err);
            check(err.get(0), "clCreateCommandQueue");
        }
    }

    private static String deviceName(MemoryStack stack, long device) {
        PointerBuffer size = stack.mallocPointer(1);
        check(clGetDeviceInfo(device, CL_DEVICE_NAME, (ByteBuffer) null, size), "clGetDeviceInfo(CL_DEVICE_NAME)");
        ByteBuffer name = stack.malloc((int) size.get(0));
        check(clGetDeviceInfo(device, CL_DEVICE_NAME, name, null), "clGetDeviceInfo(CL_DEVICE_NAME)");
        byte[] raw = new byte[name.remaining()];
        name.get(raw);
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            end++;
        }
        return new String(raw, 0, end, StandardCharsets.UTF_8).strip();
    }

    /** Builds {@code source}; fails with the build log. */
    long build(String source) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer err = stack.mallocInt(1);
            long program = clCreateProgramWithSource(context, source, err);
            check(err.get(0), "clCreateProgramWithSource");
            int code = clBuildProgram(program, device, OPTIONS, null, 0);
            if (code != 0) {
                PointerBuffer size = stack.mallocPointer(1);
                clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, (ByteBuffer) null, size);
                ByteBuffer log = MemoryUtil.memAlloc((int) Math.max(1, size.get(0)));
                try {
                    clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, log, null);
                    throw new IllegalStateException("clBuildProgram failed (" + code + "): "
                            + MemoryUtil.memUTF8Safe(log));
                } finally {
                    MemoryUtil.memFree(log);
                    clReleaseProgram(program);
                }
            }
            return program;
        }
    }

    /** A kernel object of {@code program}. */
    long kernel(long program, String name) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer err = stack.mallocInt(1);
            long kernel = clCreateKernel(program, name, err);
            check(err.get(0), "clCreateKernel(" + name + ")");
            return kernel;
        }
    }

    /** A device buffer initialised from {@code data}. */
    long buffer(float[] data) {
        int[] err = new int[1];
        long mem = clCreateBuffer(context, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, data, err);
        check(err[0], "clCreateBuffer");
        return mem;
    }

    /** A device buffer initialised from {@code data}. */
    long buffer(int[] data) {
        int[] err = new int[1];
        long mem = clCreateBuffer(context, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, data, err);
        check(err[0], "clCreateBuffer");
        return mem;
    }

    /** Blocking read of the whole buffer into {@code data}. */
    void read(long mem, float[] data) {
        check(clEnqueueReadBuffer(queue, mem, true, 0, data, null, null), "clEnqueueReadBuffer");
    }

    /** Blocking write of {@code data} to the buffer. */
    void write(long mem, float[] data) {
        check(clEnqueueWriteBuffer(queue, mem, true, 0, data, null, null), "clEnqueueWriteBuffer");
    }

    static void arg(long kernel, int index, long mem) {
        check(clSetKernelArg1p(kernel, index, mem), "clSetKernelArg");
    }

    static void arg(long kernel, int index, int value) {
        check(clSetKernelArg1i(kernel, index, value), "clSetKernelArg");
    }

    static void arg(long kernel, int index, float value) {
        check(clSetKernelArg1f(kernel, index, value), "clSetKernelArg");
    }

    /** Enqueues {@code kernel} over a 1-D or 2-D global size, no local size (the driver chooses, as for JDotCompute). */
    void run(long kernel, int... global) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer size = stack.mallocPointer(global.length);
            for (int d = 0; d < global.length; d++) {
                size.put(d, global[d]);
            }
            check(clEnqueueNDRangeKernel(queue, kernel, global.length, null, size, null, null, null),
                    "clEnqueueNDRangeKernel");
        }
    }

    /** Waits for the queue. */
    void finish() {
        check(clFinish(queue), "clFinish");
    }

    static void releaseKernel(long kernel) {
        check(clReleaseKernel(kernel), "clReleaseKernel");
    }

    static void releaseProgram(long program) {
        check(clReleaseProgram(program), "clReleaseProgram");
    }

    static void release(long mem) {
        check(clReleaseMemObject(mem), "clReleaseMemObject");
    }

    static void check(int code, String what) {
        if (code != 0) {
            throw new IllegalStateException(what + " failed with OpenCL error " + code);
        }
    }

    @Override
    public void close() {
        check(clFinish(queue), "clFinish");
        check(clReleaseCommandQueue(queue), "clReleaseCommandQueue");
        check(clReleaseContext(context), "clReleaseContext");
    }
}
