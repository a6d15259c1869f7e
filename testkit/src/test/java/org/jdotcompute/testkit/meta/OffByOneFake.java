package org.jdotcompute.testkit.meta;

import org.jdotcompute.testkit.BackendConformanceSuite;
import org.jdotcompute.testkit.RuntimeFactory;

/** The suite on a fake backend with flaw {@code OFF_BY_ONE_RANGE} (run by {@link ConformanceMetaTest}). */
public class OffByOneFake extends BackendConformanceSuite {
    @Override
    protected String backendId() {
        return "fake-off-by-one";
    }

    @Override
    protected RuntimeFactory runtimeFactory() {
        return new FakeFactory(backendId(), Flaw.OFF_BY_ONE_RANGE);
    }
}
