package org.jdotcompute.testkit.meta;

import org.jdotcompute.testkit.BackendConformanceSuite;
import org.jdotcompute.testkit.RuntimeFactory;

/** The suite on a fake backend with flaw {@code NO_FP64} (run by {@link ConformanceMetaTest}). */
public class NoFp64Fake extends BackendConformanceSuite {
    @Override
    protected String backendId() {
        return "fake-no-fp64";
    }

    @Override
    protected RuntimeFactory runtimeFactory() {
        return new FakeFactory(backendId(), Flaw.NO_FP64);
    }
}
