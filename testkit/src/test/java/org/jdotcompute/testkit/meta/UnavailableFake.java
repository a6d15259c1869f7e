package org.jdotcompute.testkit.meta;

import org.jdotcompute.testkit.BackendConformanceSuite;
import org.jdotcompute.testkit.RuntimeFactory;

/** The suite on a fake backend with flaw {@code NONE}, unavailable (run by {@link ConformanceMetaTest}). */
public class UnavailableFake extends BackendConformanceSuite {
    @Override
    protected String backendId() {
        return "fake-unavailable";
    }

    @Override
    protected RuntimeFactory runtimeFactory() {
        return new FakeFactory(backendId(), Flaw.NONE, false);
    }
}
