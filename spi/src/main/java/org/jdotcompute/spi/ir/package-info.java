/**
 * The typed kernel IR that GPU backends translate. Audience: backend authors.
 *
 * <p>A {@link org.jdotcompute.spi.ir.KernelIR} holds the kernel function and the device
 * functions it calls (callees first), each a list of basic {@link org.jdotcompute.spi.ir.Block}s
 * of three-address {@link org.jdotcompute.spi.ir.Stmt}s ending in a
 * {@link org.jdotcompute.spi.ir.Terminator}. Variables are typed ({@link org.jdotcompute.spi.ir.IrType});
 * stack kinds are {@code INT}, {@code LONG}, {@code FLOAT}, {@code DOUBLE} ({@code boolean},
 * {@code byte}, {@code short}, {@code char} values live in {@code INT} variables as in the JVM);
 * array variables carry an element type and an address space, and every array has a hidden
 * length. Control flow is unstructured: emit labels and {@code goto} (MSL has no {@code goto};
 * {@code org.jdotcompute.spi.codegen.CEmitter} then emits a dispatch loop).
 *
 * <p><b>Arrays</b> live in one of four {@link org.jdotcompute.spi.ir.AddressSpace}s: the kernel's
 * array parameters in {@code GLOBAL} memory; group-local arrays
 * ({@link org.jdotcompute.spi.ir.LocalArrayDecl}, zeroed when a work-group starts) in {@code LOCAL}
 * memory; constant tables ({@link org.jdotcompute.spi.ir.ConstantArrayDecl} of
 * {@link org.jdotcompute.spi.ir.KernelIR#constantArrays()}: the values of {@code static final}
 * primitive arrays, a snapshot taken at translation, read-only) in {@code CONSTANT} memory; and
 * per-work-item arrays a function allocates ({@link org.jdotcompute.spi.ir.PrivateArrayDecl},
 * zeroed at each allocation) in {@code PRIVATE} memory. Device functions take arrays of any space;
 * atomics work on {@code GLOBAL} and {@code LOCAL} arrays only, and nothing stores into a
 * {@code CONSTANT} array.
 *
 * <p><b>Semantics are Java's</b>, and emitters must keep them exactly: {@code int}/{@code long}
 * wrap around; shift counts are masked ({@code & 31}, {@code & 63}); {@code MIN_VALUE / -1} is
 * {@code MIN_VALUE} and {@code MIN_VALUE % -1} is 0; an unchecked integer division by zero yields
 * 0 (never a trap); {@code float}/{@code double} arithmetic is IEEE round-to-nearest with no
 * contraction into FMA and no flushing of subnormals; float-to-integer conversions saturate and
 * map NaN to 0; comparisons of floats follow IEEE ({@code NaN} compares false except with
 * {@code NE}).
 *
 * <p><b>Failures.</b> Check statements ({@link org.jdotcompute.spi.ir.Stmt.CheckIndex},
 * {@link org.jdotcompute.spi.ir.Stmt.CheckDivisor}) and {@link org.jdotcompute.spi.ir.Terminator.Throw}
 * record a failure in the device error record (see {@code org.jdotcompute.spi.device}) under
 * a site id of {@link org.jdotcompute.spi.ir.KernelIR#sites()}. What happens next depends on the
 * function's {@link org.jdotcompute.spi.ir.FailureMode}.
 */
package org.jdotcompute.spi.ir;
