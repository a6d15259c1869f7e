package org.jdotcompute.backend.metal;

import org.jdotcompute.testkit.BackendConformanceSuite;

/** The conformance kit on the Metal backend (skipped with the probe's reason where it is unavailable). */
class MetalConformanceTest extends BackendConformanceSuite {
    @Override
    protected String backendId() {
        return "metal";
    }
}
