package org.jdotcompute.backend.cpu;

import org.jdotcompute.testkit.BackendConformanceSuite;

/** The conformance kit on the CPU backend. */
class CpuConformanceTest extends BackendConformanceSuite {
    @Override
    protected String backendId() {
        return "cpu";
    }
}
