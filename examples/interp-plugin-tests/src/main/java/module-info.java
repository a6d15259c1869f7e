/**
 * Helpers for tests that load the {@code interp} example plugin from the plugin directory its
 * build made: where that directory is, and runtimes on the plugin's backend. The interp module is
 * not on this module's path: it reaches the JVM only through the plugin directory.
 */
module org.jdotcompute.example.interp.tests {
    requires transitive org.jdotcompute.testkit;

    exports org.jdotcompute.example.interp.tests;
}
