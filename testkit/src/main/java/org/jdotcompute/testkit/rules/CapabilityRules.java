package org.jdotcompute.testkit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;

import org.jdotcompute.api.Capabilities;
import org.jdotcompute.api.Capabilities.Feature;
import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.SourceKernel;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CAP: the published capabilities are consistent, and a kernel needing an absent capability is
 * rejected at compile time with a {@link KernelCompilationException} that names it — never run
 * with different results.
 */
public abstract class CapabilityRules extends RuleGroup {
    /** For {@link org.jdotcompute.testkit.BackendConformanceSuite}'s nested group. */
    protected CapabilityRules() {
    }


    /** The capabilities a kernel can need (ring kernels are hosted by the engine, not compiled). */
    static Stream<Feature> kernelFeatures() {
        return Arrays.stream(Feature.values()).filter(f -> f != Feature.RING_KERNELS);
    }

    private static String kernelNeeding(Feature f) {
        return switch (f) {
            case FP64 -> "needsFp64";
            case INT32_ATOMICS -> "needsInt32Atomics";
            case INT64_ATOMICS -> "needsInt64Atomics";
            case FLOAT_ATOMICS -> "needsFloatAtomics";
            case LOCAL_MEMORY -> "needsLocalMemory";
            case BARRIERS -> "needsBarriers";
            case DEVICE_EXCEPTIONS -> "needsDeviceExceptions";
            case SOURCE_KERNELS, RING_KERNELS -> throw new IllegalArgumentException(f + " is not a Java kernel feature");
        };
    }

    @Test
    @DisplayName("CAP-001 the capabilities are consistent and stable")
    public void consistent(Kit kit) {
        ComputeRuntime rt = kit.runtime();
        Capabilities c = rt.backend().capabilities();
        assertTrue(c.maxWorkGroupSize() >= 1, () -> "maxWorkGroupSize " + c.maxWorkGroupSize());
        assertTrue(c.maxAllocationBytes() >= 1, () -> "maxAllocationBytes " + c.maxAllocationBytes());
        if (c.has(Feature.LOCAL_MEMORY)) {
            assertTrue(c.localMemoryBytes() > 0, () -> "LOCAL_MEMORY is published but localMemoryBytes is "
                    + c.localMemoryBytes());
        }
        assertEquals(c, rt.backend().capabilities(), "capabilities() changed between two calls");
    }

    @ParameterizedTest(name = "CAP-002 a kernel needing {0} is rejected, naming {0}, when {0} is absent")
    @DisplayName("CAP-002 a kernel needing an absent capability is rejected with KernelCompilationException naming it")
    @MethodSource("kernelFeatures")
    public void absentCapabilityIsRejected(Feature feature, Kit kit) {
        ComputeRuntime rt = kit.runtime();
        Kit.skipUnless(!rt.backend().capabilities().has(feature),
                "capability " + feature + " present: no kernel needing it is rejected");
        long before = Kit.launches(rt);
        String kernelId;
        KernelCompilationException e;
        if (feature == Feature.SOURCE_KERNELS) {
            kernelId = "conformanceSource";
            e = assertThrows(KernelCompilationException.class, () -> rt.compileSource(
                    SourceKernel.of(kernelId, "this is no kernel source", int[].class)),
                    "compileSource on a backend without SOURCE_KERNELS");
        } else {
            kernelId = "ConformanceKernels." + kernelNeeding(feature);
            e = assertThrows(KernelCompilationException.class, () -> kit.compile(rt, kernelNeeding(feature)),
                    () -> "compiling " + kernelId + ", which needs " + feature + ", on a backend without it");
        }
        assertEquals(kernelId, e.kernelId(), "the exception's kernelId()");
        assertEquals("[" + kernelId + "] Compilation failed: " + e.reason(), e.getMessage(), "the message");
        assertTrue(e.reason().toUpperCase(Locale.ROOT).contains(feature.name()),
                () -> "the reason must name the capability " + feature + ": '" + e.reason() + "'");
        assertEquals(kit.status().displayName(), e.backend(), "the exception's backend()");
        kit.assertLaunched(rt, before, 0, "a rejected kernel");
    }

    @Test
    @DisplayName("CAP-003 a work-group larger than maxWorkGroupSize is refused with IllegalArgumentException naming it")
    public void oversizedWorkGroup(Kit kit) {
        ComputeRuntime rt = kit.runtime();
        int max = rt.backend().capabilities().maxWorkGroupSize();
        Kit.skipUnless(max < 1 << 20, "maxWorkGroupSize " + max + ": no larger work-group to try");
        int local = Integer.highestOneBit(max) << 1;
        CompiledKernel scale = kit.compile(rt, "scale");
        long before = Kit.launches(rt);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rt.launch(scale, Range.of(local, local), new int[local], 2),
                () -> "a launch with work-groups of " + local + " where maxWorkGroupSize is " + max);
        assertTrue(String.valueOf(e.getMessage()).contains(String.valueOf(local)),
                () -> "the message must name the work-group size " + local + ": '" + e.getMessage() + "'");
        kit.assertLaunched(rt, before, 0, "a refused launch");
    }
}
