package org.jdotcompute.testkit.meta;

import org.jdotcompute.testkit.BackendConformanceSuite;
import org.jdotcompute.testkit.RuntimeFactory;

/** The suite on a fake backend with flaw {@code HIDDEN_FP64} (run by {@link ConformanceMetaTest}). */
public class HiddenFp64Fake extends BackendConformanceSuite {
    @Override
    protected String backendId() {
        return "fake-hidden-fp64";
    }

    @Override
    protected RuntimeFactory runtimeFactory() {
        return new FakeFactory(backendId(), Flaw.HIDDEN_FP64);
    }
}
