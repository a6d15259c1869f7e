/**
 * Helpers for emitting C-family kernel source (OpenCL C, CUDA C, Metal Shading Language) from the
 * kernel IR with Java semantics. Audience: backend authors writing a GPU backend.
 *
 * <p>A dialect is a thin layer over these helpers:
 * <ul>
 *   <li>{@link org.jdotcompute.spi.codegen.CDialect} states the dialect's syntax: type names,
 *       literal suffixes, bit casts, function specifiers, reserved words.</li>
 *   <li>{@link org.jdotcompute.spi.codegen.CLiterals} prints exact literals (hexadecimal float
 *       literals, NaN and infinities through bit casts, {@code MIN_VALUE} without overflow).</li>
 *   <li>{@link org.jdotcompute.spi.codegen.CNames} and {@link org.jdotcompute.spi.codegen.CNameScope}
 *       make identifiers safe and unique.</li>
 *   <li>{@link org.jdotcompute.spi.codegen.JavaPreamble} generates the helper functions that give
 *       C arithmetic Java's semantics (division, saturating conversions, {@code Math.min} on
 *       floats, {@code Math.round}, bit counts).</li>
 *   <li>{@link org.jdotcompute.spi.codegen.CEmitter} walks a whole
 *       {@link org.jdotcompute.spi.ir.KernelIR}: declarations, labels and {@code goto}s (or, for
 *       a dialect without {@code goto} such as MSL, a dispatch loop over a {@code switch}), every
 *       statement with Java semantics, hidden array lengths, the device error record and the
 *       failure flag. A dialect subclasses it and supplies the address spaces, work-item queries,
 *       barriers, group-local declarations, atomics and the kernel signature; a dialect whose
 *       work-item built-ins are kernel parameters (MSL) threads them through device functions
 *       with {@code extraDeviceFunctionParameters()} and {@code extraCallArguments()}.</li>
 *   <li>{@link org.jdotcompute.spi.codegen.CWriter} and {@link org.jdotcompute.spi.codegen.CSource}
 *       build and number source text.</li>
 * </ul>
 *
 * <p><b>What the generated code assumes of the target compiler.</b> Signed integer overflow is
 * never relied on: wrapping arithmetic is done in unsigned types. Converting an out-of-range
 * integer to a narrower signed type ({@code (int) someLong}, {@code (char) someInt}) is taken to
 * wrap modulo 2<sup>N</sup>; C calls this implementation-defined, and every compiler of these
 * dialects (clang/LLVM, NVCC, Apple's Metal compiler) wraps. Right shifts of negative signed
 * values are taken to be arithmetic (defined so by OpenCL C; implementation-defined in C, and
 * arithmetic on the same compilers). Floating-point contraction must be off and floats must not
 * be flushed to zero; dialects arrange that with pragmas and build options.
 */
package org.jdotcompute.spi.codegen;
