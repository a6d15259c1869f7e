package org.jdotcompute.testkit;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jdotcompute.api.PluginManager;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The suite as {@link ConformanceRunner} (and {@code jdotcompute conformance}) runs it: the
 * backend id comes from the configuration parameter {@value ConformanceSettings#BACKEND}, and
 * plugin directories from {@value ConformanceSettings#PLUGINS} (their plugin manager is closed
 * after the suite). Backend authors extend {@link BackendConformanceSuite} instead.
 *
 * <p>Instances are created by JUnit.
 */
public final class ConfiguredBackendConformance extends BackendConformanceSuite {

    /** For JUnit. */
    public ConfiguredBackendConformance() {
    }

    /**
     * Not used: this suite's backend id is the configuration parameter
     * {@value ConformanceSettings#BACKEND}.
     *
     * @throws IllegalStateException always; run this suite through {@link ConformanceRunner}
     */
    @Override
    protected String backendId() {
        throw new IllegalStateException("ConfiguredBackendConformance takes its backend id from the configuration"
                + " parameter " + ConformanceSettings.BACKEND + "; run it with ConformanceRunner or 'jdotcompute conformance'");
    }

    @Override
    String configuredBackendId(ExtensionContext context) {
        return context.getConfigurationParameter(ConformanceSettings.BACKEND).map(String::strip)
                .filter(s -> !s.isEmpty()).orElseThrow(() -> new ExtensionConfigurationException(
                        "the configuration parameter " + ConformanceSettings.BACKEND + " names no backend; set it to"
                                + " the id of the backend to test, e.g. -D" + ConformanceSettings.BACKEND + "=cpu"));
    }

    @Override
    RuntimeFactory configuredFactory(ExtensionContext context, String backendId, ExtensionContext.Store resources) {
        List<Path> directories = new ArrayList<>();
        for (String part : context.getConfigurationParameter(ConformanceSettings.PLUGINS).orElse("")
                .split(File.pathSeparator)) {
            if (!part.isBlank()) {
                directories.add(Path.of(part.strip()));
            }
        }
        if (directories.isEmpty()) {
            return RuntimeFactory.discovered(backendId);
        }
        PluginManager plugins = PluginManager.open(directories);
        resources.put("plugins", plugins); // closed with the suite's extension context
        return RuntimeFactory.discovered(backendId, plugins);
    }
}
