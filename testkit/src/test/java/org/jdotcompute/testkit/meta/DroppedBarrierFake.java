package org.jdotcompute.testkit.meta;

import org.jdotcompute.testkit.BackendConformanceSuite;
import org.jdotcompute.testkit.RuntimeFactory;

/** The suite on a fake backend with flaw {@code DROPPED_BARRIER} (run by {@link ConformanceMetaTest}). */
public class DroppedBarrierFake extends BackendConformanceSuite {
    @Override
    protected String backendId() {
        return "fake-dropped-barrier";
    }

    @Override
    protected RuntimeFactory runtimeFactory() {
        return new FakeFactory(backendId(), Flaw.DROPPED_BARRIER);
    }
}
