package org.jdotcompute.testkit.meta;

import org.jdotcompute.testkit.BackendConformanceSuite;
import org.jdotcompute.testkit.RuntimeFactory;

/** The suite on a fake backend with flaw {@code LOST_RING_MESSAGE} (run by {@link ConformanceMetaTest}). */
public class LostRingMessageFake extends BackendConformanceSuite {
    @Override
    protected String backendId() {
        return "fake-lost-ring-message";
    }

    @Override
    protected RuntimeFactory runtimeFactory() {
        return new FakeFactory(backendId(), Flaw.LOST_RING_MESSAGE);
    }
}
