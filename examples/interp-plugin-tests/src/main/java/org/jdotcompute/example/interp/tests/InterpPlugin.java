package org.jdotcompute.example.interp.tests;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.ComputeRuntime;

/**
 * The {@code interp} example plugin as its build made it: the plugin directory
 * ({@code examples/interp-backend/target/plugin}, whose sub-directory {@code interp/} is the
 * plugin) and runtimes on its backend, loaded from that directory. This is the factory a
 * conformance test class for {@code interp} needs. Stateless and thread-safe.
 */
public final class InterpPlugin {
    /** The system property naming the plugin directory (the build sets it for the tests). */
    public static final String DIRECTORY_PROPERTY = "jdotcompute.example.interp.plugins";
    /** The plugin's id: the name of its sub-directory. */
    public static final String PLUGIN_ID = "interp";
    /** The backend's id. */
    public static final String BACKEND_ID = "interp";

    private InterpPlugin() {
    }

    /**
     * The plugin directory.
     *
     * @throws IllegalStateException if {@value #DIRECTORY_PROPERTY} is not set, or the directory
     *                               holds no {@code interp/} plugin (the example was not packaged)
     */
    public static Path directory() {
        String value = System.getProperty(DIRECTORY_PROPERTY);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("-D" + DIRECTORY_PROPERTY + " is not set; run the tests through Maven,"
                    + " which sets it to examples/interp-backend/target/plugin");
        }
        Path dir = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve(PLUGIN_ID))) {
            throw new IllegalStateException("the plugin directory " + dir + " holds no plugin '" + PLUGIN_ID
                    + "/'; package the example first: ./mvnw -B -q -DskipTests -pl examples/interp-backend -am package");
        }
        return dir;
    }

    /** A builder for a runtime on the plugin's backend, loaded from {@link #directory()}. */
    public static ComputeRuntime.Builder builder() {
        return ComputeRuntime.builder().pluginDirectory(directory()).backend(BACKEND_ID);
    }

    /** A runtime on the plugin's backend with {@code checks}; it owns its plugin manager. */
    public static ComputeRuntime runtime(CheckMode checks) {
        return builder().checks(checks).build();
    }
}
