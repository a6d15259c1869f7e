package org.jdotcompute.backend.opencl;

import org.jdotcompute.testkit.BackendConformanceSuite;

/** The conformance kit on the OpenCL backend (PoCL in CI; skipped with the probe's reason where OpenCL is absent). */
class OpenClConformanceTest extends BackendConformanceSuite {
    @Override
    protected String backendId() {
        return "opencl";
    }
}
