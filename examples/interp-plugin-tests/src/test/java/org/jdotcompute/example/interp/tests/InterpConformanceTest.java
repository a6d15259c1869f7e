package org.jdotcompute.example.interp.tests;

import org.jdotcompute.api.PluginManager;
import org.jdotcompute.testkit.BackendConformanceSuite;
import org.jdotcompute.testkit.RuntimeFactory;
import org.junit.jupiter.api.AfterAll;

/** The conformance kit on the interp backend, loaded from its plugin directory as a third party's would be. */
class InterpConformanceTest extends BackendConformanceSuite {
    private static final PluginManager PLUGINS = PluginManager.open(InterpPlugin.directory());

    @Override
    protected String backendId() {
        return "interp";
    }

    @Override
    protected RuntimeFactory runtimeFactory() {
        return RuntimeFactory.discovered("interp", PLUGINS);
    }

    @AfterAll
    static void closePlugins() {
        PLUGINS.close();
    }
}
