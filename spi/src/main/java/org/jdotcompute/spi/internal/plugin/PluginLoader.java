package org.jdotcompute.spi.internal.plugin;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jdotcompute.spi.Availability;
import org.jdotcompute.spi.BackendProvider;
import org.jdotcompute.spi.internal.engine.DiscoveredProvider;
import org.jdotcompute.spi.internal.engine.Discovery;

/**
 * Finds the plugins of plugin directories and loads one: checks its modules, resolves them into a
 * child configuration of the parent layer with {@code resolveAndBind}, defines the layer with one
 * class loader (whose parent is the platform class loader: the class path stays invisible),
 * grants its modules native access, and probes its providers with the engine's discovery.
 */
final class PluginLoader {
    private static final Logger LOG = System.getLogger(PluginLoader.class.getName());

    private PluginLoader() {
    }

    /** What loading one plugin gave. */
    sealed interface Outcome {
        String version();

        List<String> modules();
    }

    /**
     * A defined layer and its probed providers.
     *
     * @param layer     the plugin's layer
     * @param loader    the one class loader of its modules
     * @param providers its providers as discovery found them
     * @param version   see {@link org.jdotcompute.api.PluginInfo#version()}
     * @param modules   see {@link org.jdotcompute.api.PluginInfo#modules()}
     */
    record Loaded(ModuleLayer layer, ClassLoader loader, List<DiscoveredProvider> providers, String version,
            List<String> modules) implements Outcome {
        Loaded {
            Objects.requireNonNull(layer, "layer");
            Objects.requireNonNull(loader, "loader");
            providers = List.copyOf(providers);
            Objects.requireNonNull(version, "version");
            modules = List.copyOf(modules);
        }
    }

    /**
     * A plugin that could not be loaded.
     *
     * @param reason  what went wrong and what to do, naming the plugin
     * @param cause   the underlying failure, if any
     * @param version the version, if its modules could be read
     * @param modules its modules, if they could be read
     */
    record Failed(String reason, Optional<Throwable> cause, String version, List<String> modules) implements Outcome {
        Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(version, "version");
            modules = List.copyOf(modules);
        }
    }

    /**
     * The plugins of {@code directories}, in order; within a directory by file name. Every
     * sub-directory and every {@code .jar} file is a plugin; hidden entries and other files are
     * skipped. A directory given twice is read once.
     *
     * @throws IllegalArgumentException if a directory does not exist, is not a directory or cannot be
     *                                  read, or two plugins have the same id
     */
    static List<PluginSource> sources(List<Path> directories) {
        Map<String, PluginSource> byId = new LinkedHashMap<>();
        Set<Path> seen = new HashSet<>();
        for (Path dir : directories) {
            if (!Files.exists(dir)) {
                throw new IllegalArgumentException("plugin directory " + dir + " does not exist; give an existing"
                        + " directory whose sub-directories (or jar files) are the plugins");
            }
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("plugin directory " + dir + " is not a directory; give the"
                        + " directory that holds the plugins (each sub-directory or jar file in it is one plugin)");
            }
            Path real;
            List<Path> entries = new ArrayList<>();
            try {
                real = dir.toRealPath();
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                    stream.forEach(entries::add);
                }
            } catch (IOException | SecurityException e) {
                throw new IllegalArgumentException("plugin directory " + dir + " cannot be read (" + e
                        + "); check that it exists and that this process may read it", e);
            }
            if (!seen.add(real)) {
                continue;
            }
            entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                String id;
                if (name.startsWith(".")) {
                    continue;
                } else if (Files.isDirectory(entry)) {
                    id = name;
                } else if (name.endsWith(".jar") && name.length() > ".jar".length()) {
                    id = name.substring(0, name.length() - ".jar".length());
                } else {
                    LOG.log(Level.DEBUG, () -> "JDotCompute skips " + entry + " in plugin directory " + dir
                            + ": a plugin is a sub-directory or a .jar file");
                    continue;
                }
                PluginSource source = new PluginSource(id, entry);
                PluginSource other = byId.putIfAbsent(id, source);
                if (other != null) {
                    throw new IllegalArgumentException("two plugins have the id '" + id + "': " + other.location()
                            + " and " + entry + "; rename one of them (a plugin's id is its sub-directory's name"
                            + " or its jar's file name without .jar)");
                }
            }
        }
        return List.copyOf(byId.values());
    }

    /**
     * Loads {@code plugin}.
     *
     * @param takenIds backend ids already in use (by the platform's backends or other plugins), each
     *                 with where it comes from: a provider of this plugin with one of them is
     *                 reported unavailable
     */
    static Outcome load(PluginSource plugin, ParentLayer parent, Map<String, String> takenIds) {
        ModuleFinder finder = ModuleFinder.of(plugin.location());
        List<ModuleReference> refs;
        try {
            refs = finder.findAll().stream().sorted(Comparator.comparing(r -> r.descriptor().name())).toList();
        } catch (FindException e) {
            return failed(plugin.describe() + " cannot be read as modules: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause() + ")")
                    + "; check that every file in it is a valid jar", e, "", List.of());
        }
        List<String> modules = refs.stream().map(r -> r.descriptor().toNameAndVersion()).toList();
        String version = version(refs);
        if (refs.isEmpty()) {
            return failed(plugin.describe() + " contains no modules: put the plugin's jar files in it", null,
                    version, modules);
        }
        Optional<String> problem = PluginChecks.check(plugin, refs, parent);
        if (problem.isPresent()) {
            return failed(problem.get(), null, version, modules);
        }
        Configuration configuration;
        try {
            configuration = parent.layer().configuration().resolveAndBind(finder, ModuleFinder.of(),
                    refs.stream().map(r -> r.descriptor().name()).toList());
        } catch (FindException | ResolutionException e) {
            return failed(plugin.describe() + " cannot be resolved: " + e.getMessage(), e, version, modules);
        }
        ModuleLayer.Controller controller;
        try {
            controller = ModuleLayer.defineModulesWithOneLoader(configuration, List.of(parent.layer()),
                    ClassLoader.getPlatformClassLoader());
        } catch (LayerInstantiationException e) {
            return failed(plugin.describe() + " cannot be defined as a module layer: " + e.getMessage(), e,
                    version, modules);
        }
        ModuleLayer layer = controller.layer();
        try {
            grantNativeAccess(controller);
        } catch (IllegalCallerException e) {
            return failed(plugin.describe() + " cannot be granted native access because " + PluginChecks.SPI
                    + " has none itself: start the JVM with --enable-native-access=" + PluginChecks.SPI, e,
                    version, modules);
        }
        ClassLoader loader = layer.modules().iterator().next().getClassLoader();
        List<DiscoveredProvider> providers;
        try {
            providers = ContextLoader.call(loader,
                    () -> Discovery.discover(Discovery.layerEntries(layer), plugin.describe() + ": "));
        } catch (IllegalStateException e) {
            return failed(plugin.describe() + " is broken: " + e.getMessage(), e, version, modules);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error e) {
            return failed(plugin.describe() + " threw while its providers were loaded and probed: " + e, e,
                    version, modules);
        }
        List<DiscoveredProvider> checked = providers.stream().map(d -> {
            String other = takenIds.get(d.id());
            return other == null ? d : new DiscoveredProvider(d.id(), d.displayName(), d.provider(),
                    Availability.unavailable("the backend id '" + d.id() + "' is already used by " + other
                            + "; give the backend of " + plugin.describe() + " another id"),
                    d.version(), d.location(), d.priority());
        }).toList();
        return new Loaded(layer, loader, checked, version, modules);
    }

    /**
     * Grants every module of the plugin native access, as {@code --enable-native-access} would: a
     * restricted method, allowed when {@code org.jdotcompute.spi} has native access itself.
     */
    @SuppressWarnings("restricted")
    private static void grantNativeAccess(ModuleLayer.Controller controller) {
        for (Module m : controller.layer().modules()) {
            controller.enableNativeAccess(m);
        }
    }

    private static Failed failed(String reason, Throwable cause, String version, List<String> modules) {
        return new Failed(reason, Optional.ofNullable(cause), version, modules);
    }

    /** The version of the first module (by name) that provides a backend, {@code ""} if none has one. */
    private static String version(List<ModuleReference> refs) {
        return refs.stream().map(ModuleReference::descriptor)
                .filter(d -> d.provides().stream().anyMatch(p -> p.service().equals(BackendProvider.class.getName())))
                .findFirst().flatMap(ModuleDescriptor::rawVersion).orElse("");
    }
}
