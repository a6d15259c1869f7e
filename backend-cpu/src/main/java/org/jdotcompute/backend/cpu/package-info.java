/**
 * The CPU backend (unexported). {@link org.jdotcompute.backend.cpu.CpuBackendProvider} is the
 * only public type; everything else is an implementation detail.
 *
 * <h2>Execution model</h2>
 * <ul>
 *   <li><b>Kernels without barriers or group-local arrays</b> run as plain chunked loops. The
 *       range is split into chunks in row-major linear order (x fastest, then y, then z); the
 *       launching thread and the backend's fork/join workers claim chunks until none is left.
 *       Each chunk gets one mutable {@link org.jdotcompute.api.KernelContext}; the loop over its
 *       work-items lives in a hidden class generated per kernel, which unpacks the arguments
 *       into typed locals once per block and calls the kernel through a constant method handle
 *       (inlined by HotSpot).</li>
 *   <li><b>Kernels that call {@code ctx.barrier()} or {@code ctx.localX(n)}</b> (found by scanning
 *       their bytecode, and the static methods they call, with {@code java.lang.classfile}) run
 *       one virtual thread per work-item of a work-group, so every work-item can wait for the
 *       others at a barrier. A few work-group "slots" (one per processor) each own one virtual
 *       thread per lane and process work-groups one after another. Virtual threads run on the
 *       JDK's virtual-thread scheduler (a fork/join pool sized to the machine); they all end
 *       before the launch returns.</li>
 *   <li>A range without a local size gets one chosen by the backend: in dimension 0 the largest
 *       divisor of the global size that is at most 64, in dimensions 1 and 2 the size 1.
 *       {@code ctx.localSize(d)}, {@code localId(d)}, {@code groupId(d)} and
 *       {@code numGroups(d)} report that choice.</li>
 * </ul>
 *
 * <h2>Failures</h2>
 * A work-item that throws is recorded and the launch goes on: every work-item runs, as on a
 * GPU, so the failure count is the number of failing work-items and the reported work-item — the
 * lowest failing one in row-major linear order — is deterministic. Barrier kernels stop a failing
 * work-group at its next barrier (its other work-items do not finish). {@code launch} then throws
 * {@link org.jdotcompute.api.exceptions.DeviceKernelException} with the real exception as cause,
 * the lowest failing work-item's global id and the number of failing work-items;
 * a {@link VirtualMachineError} is rethrown as it is. Caveat: after the same kernel line has thrown
 * an implicit exception (bounds, division by zero) many times in JIT-compiled code, HotSpot may
 * throw a preallocated exception without message or stack trace
 * ({@code -XX:+OmitStackTraceInFastThrow}, on by default); the report then lacks the message and
 * the line. Run with {@code -XX:-OmitStackTraceInFastThrow} where that matters.
 *
 * <h2>Memory</h2>
 * Buffers are off-heap {@link java.lang.foreign.MemorySegment}s from a size-class pool; the host
 * view is the device memory, so {@code copyToDevice()}/{@code copyToHost()} do nothing. Kernels
 * take Java arrays, so a buffer passed to an array parameter is copied into a temporary array of
 * the parameter's type before the launch and back after it (also after a kernel failure, as the
 * writes to a plain array would stay); plain Java arrays are used in place with no copy. The
 * default memory limit is the machine's (or container's) physical memory as the JVM reports it:
 * the JVM puts no limit of its own on {@code Arena} allocations.
 */
package org.jdotcompute.backend.cpu;
