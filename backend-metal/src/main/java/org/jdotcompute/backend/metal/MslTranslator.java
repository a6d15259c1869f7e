package org.jdotcompute.backend.metal;

import java.util.Objects;

import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.jdotcompute.spi.codegen.CSource;
import org.jdotcompute.spi.codegen.EmittedKernel;
import org.jdotcompute.spi.ir.IrFeature;
import org.jdotcompute.spi.ir.KernelIR;

/**
 * Turns a kernel's IR into MSL, or rejects it with a {@link KernelCompilationException} that
 * names what Metal cannot do. Where MSL cannot keep Java's semantics exactly, the kernel is
 * rejected rather than run differently:
 * <ul>
 *   <li>{@code double} (capability {@code FP64}): MSL has no double-precision type. This includes
 *       every {@code Math} function, since Java's take and return {@code double}.</li>
 *   <li>atomics on {@code long} arrays (capability {@code INT64_ATOMICS}): Metal has no 64-bit
 *       atomic add or compare-and-swap.</li>
 *   <li>more than {@value MslLayout#MAX_BUFFERS} buffer slots (arrays + error record + scalar block).</li>
 * </ul>
 * What is kept by construction and by the compile options rather than checked here: no fast math
 * (the library is compiled with {@code mathMode = safe}), IEEE {@code float} division and
 * {@code fma} correctly rounded (as MSL specifies with fast math off), no contraction into FMA
 * (every operation is its own statement). What Metal does not promise: {@code float}
 * subnormals — the GPU may flush them to zero; no compile option asks otherwise.
 *
 * <p>Thread-safe (stateless).
 */
final class MslTranslator {
    private MslTranslator() {
    }

    /**
     * Emits {@code ir} as MSL.
     *
     * @throws KernelCompilationException naming the capability Metal lacks, or the emitter's complaint
     */
    static MslProgram translate(KernelIR ir) {
        Objects.requireNonNull(ir, "ir");
        String name = ir.kernelName();
        if (ir.uses(IrFeature.FP64)) {
            throw reject(name, "the kernel uses double (capability FP64), but the Metal Shading Language has no double-precision"
                    + " type; Java's Math functions take and return double, so they count too. Use float arithmetic, or"
                    + " run this kernel on the opencl, cuda or cpu backend");
        }
        if (ir.uses(IrFeature.ATOMIC_INT64)) {
            throw reject(name, "the kernel uses atomics on a long array (capability INT64_ATOMICS), but Metal has no 64-bit"
                    + " atomic add or compare-and-swap; use int atomics, or run this kernel on the opencl, cuda or cpu backend");
        }
        MslEmitter emitter = new MslEmitter();
        EmittedKernel emitted;
        try {
            emitted = emitter.emit(ir);
        } catch (IllegalArgumentException e) {
            throw new KernelCompilationException(name, "the kernel cannot be translated to MSL: " + e.getMessage(),
                    MetalBackend.DISPLAY_NAME, "", e);
        }
        if (emitter.emittedDouble()) {
            throw new KernelCompilationException(name, "the MSL emitted for the kernel needs double precision (capability"
                    + " FP64), which Metal does not have; use float arithmetic", MetalBackend.DISPLAY_NAME,
                    "Generated MSL:\n" + CSource.numbered(emitted.source()), null);
        }
        MslLayout layout = emitter.layout();
        if (layout.bufferSlots() > MslLayout.MAX_BUFFERS) {
            throw reject(name, "the kernel needs " + layout.bufferSlots() + " Metal buffer slots (one per array parameter,"
                    + " one for the error record, one for the scalars), but a Metal kernel has " + MslLayout.MAX_BUFFERS
                    + "; pass at most " + (MslLayout.MAX_BUFFERS - 2) + " arrays");
        }
        return new MslProgram(name, emitted.entryPoint(), emitted.source(), layout);
    }

    private static KernelCompilationException reject(String kernel, String reason) {
        return new KernelCompilationException(kernel, reason, MetalBackend.DISPLAY_NAME, "", null);
    }
}
