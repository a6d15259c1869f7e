/**
 * Ring kernels: persistent actors with bounded message queues.
 *
 * <pre>{@code
 * try (RingKernelRuntime ring = RingKernelRuntime.create()) {        // or computeRuntime.ringKernels()
 *     ring.launch("square", RingKernel.<Integer, Integer>mapping(x -> x * x));
 *     ring.activate("square");
 *     ring.send("square", 7);
 *     int squared = ring.receive("square");                         // 49
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link org.jdotcompute.api.ring.RingKernelRuntime} hosts named kernels, each on its own
 *       thread ({@code ring-kernel-<id>}), with the lifecycle launch → activate → (deactivate ⇄
 *       reactivate) → terminate, request/reply ({@code call}) and per-kernel
 *       {@linkplain org.jdotcompute.api.ring.RingKernelMetrics telemetry}.
 *   <li>{@link org.jdotcompute.api.ring.MessageQueue} is the bounded queue under every kernel:
 *       lock-free rings ({@link org.jdotcompute.api.ring.QueueConcurrency}), an honest
 *       {@link org.jdotcompute.api.ring.BackpressureStrategy}, optional
 *       {@linkplain org.jdotcompute.api.ring.Prioritized priorities}, counters.
 *   <li>{@link org.jdotcompute.api.ring.MessageCodec} is the binary layout of record messages, for
 *       value semantics and for device-resident kernels.
 * </ul>
 * Failures are never swallowed: a handler that throws leaves its kernel
 * {@link org.jdotcompute.api.exceptions.KernelState#FAILED} and the exception reaches the next
 * {@code send}/{@code receive} and {@code close()}.
 */
package org.jdotcompute.api.ring;
