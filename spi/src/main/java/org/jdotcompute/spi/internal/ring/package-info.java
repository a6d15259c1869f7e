/**
 * The host ring-kernel runtime (unexported). {@link org.jdotcompute.spi.internal.ring.RingRuntime}
 * implements {@code RingKernelRuntime}: a map of {@link org.jdotcompute.spi.internal.ring.KernelHost}s,
 * each owning an input queue (single-producer ring with {@code withSingleProducer}, else
 * multi-producer; multi-consumer under {@code DROP_OLDEST}), an output queue (multi-consumer: any
 * thread may receive), a thread, and its counters.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Lifecycle transitions happen under the host's lock, which also records the state JFR
 *       event; the kernel thread waits on the host's gate before {@code run} and while deactivated.
 *   <li>Termination closes both queues: that alone wakes the kernel (in its context's receive or
 *       send) and every external sender and receiver — no poll interval anywhere.
 *   <li>Messages travel in {@link org.jdotcompute.spi.internal.ring.Envelope}s carrying the send
 *       time (end-to-end latency) and, for {@code call}, a correlation id; replies are completed
 *       directly by the kernel's thread and never enter the output queue.
 *   <li>A handler's exception is stored once and is the cause of every later
 *       {@code KernelStateException}; {@code close()} reports it again, with every other, in one
 *       group. No kernel thread outlives {@code close()}.
 *   <li>Deactivation is exact: the kernel announces each delivery (a volatile write) before it
 *       checks the state, and {@code deactivate} waits out a delivery in progress.
 * </ul>
 */
package org.jdotcompute.spi.internal.ring;
