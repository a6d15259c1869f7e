package org.jdotcompute.backend.cuda;

import org.jdotcompute.testkit.BackendConformanceSuite;

/** The conformance kit on the Cuda backend (skipped with the probe's reason where it is unavailable). */
class CudaConformanceTest extends BackendConformanceSuite {
    @Override
    protected String backendId() {
        return "cuda";
    }
}
