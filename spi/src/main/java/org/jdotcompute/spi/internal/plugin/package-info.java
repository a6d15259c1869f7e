/**
 * Backend plugins (unexported): each sub-directory or jar file of an explicitly given plugin
 * directory is resolved into its own {@link java.lang.ModuleLayer} whose parent is the layer of
 * {@code org.jdotcompute.spi}, checked (no bundled platform copy, no split package, no missing
 * module, a declared provider), probed through the engine's discovery, and tracked so that it
 * can be unloaded and reloaded while the JVM runs.
 *
 * <p>{@link org.jdotcompute.spi.internal.plugin.PluginRegistry} is the
 * {@link org.jdotcompute.api.PluginManager}; {@code PluginLoader} and {@code PluginChecks} turn
 * one plugin into a layer or a reason; {@code PluginBackend}, {@code PluginKernel} and
 * {@code PluginBuffer} wrap what a plugin's backend returns, so that calls run with the plugin's
 * class loader as context class loader (threads it starts can be found and stopped) and so that
 * closed wrappers let go of the plugin's objects (its class loader can be collected).
 */
package org.jdotcompute.spi.internal.plugin;
