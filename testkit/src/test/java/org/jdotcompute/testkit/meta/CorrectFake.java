package org.jdotcompute.testkit.meta;

import org.jdotcompute.testkit.BackendConformanceSuite;
import org.jdotcompute.testkit.RuntimeFactory;

/** The suite on a fake backend with flaw {@code NONE} (run by {@link ConformanceMetaTest}). */
public class CorrectFake extends BackendConformanceSuite {
    @Override
    protected String backendId() {
        return "fake-correct";
    }

    @Override
    protected RuntimeFactory runtimeFactory() {
        return new FakeFactory(backendId(), Flaw.NONE);
    }
}
