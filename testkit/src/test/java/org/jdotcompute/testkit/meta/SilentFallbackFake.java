package org.jdotcompute.testkit.meta;

import org.jdotcompute.testkit.BackendConformanceSuite;
import org.jdotcompute.testkit.RuntimeFactory;

/** The suite on a fake backend with flaw {@code SILENT_FALLBACK} (run by {@link ConformanceMetaTest}). */
public class SilentFallbackFake extends BackendConformanceSuite {
    @Override
    protected String backendId() {
        return "fake-silent-fallback";
    }

    @Override
    protected RuntimeFactory runtimeFactory() {
        return new FakeFactory(backendId(), Flaw.SILENT_FALLBACK);
    }
}
