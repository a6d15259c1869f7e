/**
 * The device error protocol shared by every GPU backend (seed 002: Numba's dynamic
 * exceptions). Audience: backend authors.
 *
 * <p>Every GPU kernel gets a hidden pointer to one {@link org.jdotcompute.spi.device.ErrorRecord}
 * (80 bytes, little-endian, 8-byte aligned). A failing work-item atomically increments
 * {@code count}, then tries to claim {@code state} with a compare-and-swap from 0 to 1; only
 * the winner (first writer) writes {@code site}, {@code gid} and the dynamic {@code values}.
 * It then leaves (or, in barrier kernels, carries on with its side effects suppressed) — never
 * {@code trap}/{@code assert}, which poison a CUDA context. The host reads the record where it
 * waits for the kernel anyway, and {@link org.jdotcompute.spi.device.DeviceErrors#decode}
 * turns it into the {@code DeviceKernelException} the CPU backend would throw.
 *
 * <pre>
 * offset  size  field
 *      0     4  int  state      0 = no failure, 1 = claimed by the winner
 *      4     4  int  site       index into KernelIR.sites()
 *      8     4  int  count      failing work-items (atomic increment by each)
 *     12     4  int  reserved   0
 *     16    12  int  gid[3]     the winner's global id
 *     28     4  int  pad        0
 *     32    48  long values[6]  dynamic values: integral kinds sign-extended (char zero-extended),
 *                               float as its raw int bits sign-extended, double as raw long bits
 * </pre>
 */
package org.jdotcompute.spi.device;
