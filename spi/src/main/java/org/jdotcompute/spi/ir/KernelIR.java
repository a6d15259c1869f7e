package org.jdotcompute.spi.ir;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.exceptions.DeviceErrorSite;

/**
 * A kernel ready for a backend to emit.
 *
 * <p><b>Kernel ABI</b> (the order every GPU backend passes arguments in): for each kernel
 * parameter in order, a scalar by value ({@code boolean}, {@code byte}, {@code char},
 * {@code short} widened to {@code int}) or an array as a pointer followed by its {@code int}
 * length; then a pointer to the device error record (see {@code org.jdotcompute.spi.device}).
 * Backends may append further hidden parameters of their own after these.
 *
 * @param kernelName      the kernel's name, {@code SimpleClassName.method}
 * @param kernel          the entry function
 * @param deviceFunctions the functions it calls, callees before callers
 * @param sites           the failure sites; a site id is an index into this list
 * @param features        what the kernel uses
 * @param checks          the check mode it was translated with
 * @param constantArrays  the constant tables its functions read ({@link Stmt.ConstantArray}); the
 *                        table with id {@code i} is element {@code i}
 */
public record KernelIR(String kernelName, IrFunction kernel, List<IrFunction> deviceFunctions,
        List<DeviceErrorSite> sites, Set<IrFeature> features, CheckMode checks,
        List<ConstantArrayDecl> constantArrays) {
    public KernelIR {
        Objects.requireNonNull(kernelName, "kernelName");
        Objects.requireNonNull(kernel, "kernel");
        deviceFunctions = List.copyOf(deviceFunctions);
        sites = List.copyOf(sites);
        features = Set.copyOf(features);
        Objects.requireNonNull(checks, "checks");
        if (!kernel.kernel()) {
            throw new IllegalArgumentException("function " + kernel.name() + " is not a kernel");
        }
        constantArrays = List.copyOf(constantArrays);
        for (int i = 0; i < constantArrays.size(); i++) {
            if (constantArrays.get(i).id() != i) {
                throw new IllegalArgumentException("constant array " + constantArrays.get(i).origin() + " at index " + i
                        + " has id " + constantArrays.get(i).id() + "; ids must be the indices");
            }
        }
    }

    /** A kernel without constant tables. */
    public KernelIR(String kernelName, IrFunction kernel, List<IrFunction> deviceFunctions,
            List<DeviceErrorSite> sites, Set<IrFeature> features, CheckMode checks) {
        this(kernelName, kernel, deviceFunctions, sites, features, checks, List.of());
    }

    /** Whether the kernel uses {@code feature}. */
    public boolean uses(IrFeature feature) {
        return features.contains(feature);
    }

    /** Every function, device functions (callees first) then the kernel. */
    public List<IrFunction> functions() {
        var all = new java.util.ArrayList<>(deviceFunctions);
        all.add(kernel);
        return List.copyOf(all);
    }
}
