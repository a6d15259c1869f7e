package org.jdotcompute.backend.cuda.ptx;

import org.jdotcompute.spi.ir.KernelIR;

/** Lets tests in other packages of this module use the hand-built IR. */
public final class IrFixturesAccess {
    private IrFixturesAccess() {
    }

    /** The bounds-checked vector add. */
    public static KernelIR vectorAdd() {
        return IrFixtures.vectorAdd();
    }
}
