package org.jdotcompute.api;

/** Where a backend plugin stands in its {@link PluginManager}. */
public enum PluginState {
    /** Its module layer is defined and its backends were probed; they can be used. */
    LOADED,
    /**
     * It could not be loaded; {@link PluginInfo#reason()} says why and what to do. Its backends are
     * reported unavailable; the other plugins are not affected.
     */
    FAILED,
    /**
     * It was unloaded: the runtimes on its backends were closed and its module layer dropped.
     * {@link PluginManager#reload(String)} loads it again.
     */
    UNLOADED
}
