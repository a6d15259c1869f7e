package org.jdotcompute.testkit.meta;

import org.jdotcompute.testkit.BackendConformanceSuite;
import org.jdotcompute.testkit.RuntimeFactory;

/** The suite on a fake backend with flaw {@code SWALLOWED_DEVICE_ERROR} (run by {@link ConformanceMetaTest}). */
public class SwallowedErrorFake extends BackendConformanceSuite {
    @Override
    protected String backendId() {
        return "fake-swallowed-error";
    }

    @Override
    protected RuntimeFactory runtimeFactory() {
        return new FakeFactory(backendId(), Flaw.SWALLOWED_DEVICE_ERROR);
    }
}
