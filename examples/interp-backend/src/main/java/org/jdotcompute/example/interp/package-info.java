/**
 * The {@code interp} example backend (unexported). {@link org.jdotcompute.example.interp.InterpBackendProvider}
 * is the provider ({@code ServiceLoader} service); {@code InterpBackend} compiles kernels to their IR
 * and runs them in {@link org.jdotcompute.spi.ir.IrInterpreter}; {@code InterpKernel} and
 * {@code InterpBuffer} are its kernels and buffers.
 */
package org.jdotcompute.example.interp;
