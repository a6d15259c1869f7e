package org.jdotcompute.spi.internal.plugin;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jdotcompute.spi.BackendProvider;

/**
 * The checks a plugin's modules must pass before they are resolved, each failing with a message
 * that names the plugin, the offending module and jar, and what to do: no copy of the platform
 * ({@code api}, {@code spi}, a module the parent layer already has, a shared JNI binding), no
 * split package (inside the plugin or with the parent layer), no missing module, and at least
 * one declared {@link BackendProvider}.
 */
final class PluginChecks {
    static final String API = "org.jdotcompute.api";
    static final String SPI = "org.jdotcompute.spi";
    /**
     * Modules of JNI bindings the platform shares: a native library can be loaded by one class
     * loader only, so these stay in the parent layer (a plugin must not bundle them).
     */
    static final List<String> SHARED_JNI_BINDINGS = List.of("org.lwjgl", "jcuda");

    private PluginChecks() {
    }

    /** The first problem of {@code modules} (the plugin's, sorted by name), or empty if there is none. */
    static Optional<String> check(PluginSource plugin, List<ModuleReference> modules, ParentLayer parent) {
        return platformCopy(plugin, modules, parent)
                .or(() -> splitPackage(plugin, modules, parent))
                .or(() -> missingDependency(plugin, modules, parent))
                .or(() -> noProvider(plugin, modules));
    }

    private static Optional<String> platformCopy(PluginSource plugin, List<ModuleReference> modules, ParentLayer parent) {
        for (ModuleReference ref : modules) {
            String name = ref.descriptor().name();
            if (name.equals(API) || name.equals(SPI)) {
                return Optional.of(plugin.describe() + " bundles its own copy of " + name + " (" + where(ref)
                        + "), which would shadow the platform's: remove that jar from the plugin; the platform"
                        + " provides " + API + " and " + SPI + " to every plugin");
            }
            if (SHARED_JNI_BINDINGS.stream().anyMatch(b -> name.equals(b) || name.startsWith(b + "."))) {
                return Optional.of(plugin.describe() + " bundles the JNI binding " + name + " (" + where(ref)
                        + "): a native library can belong to one class loader only, so LWJGL and JCuda stay in"
                        + " the platform's layer; remove that jar from the plugin and put it on the"
                        + " application's module path");
            }
            if (parent.modules().containsKey(name)) {
                return Optional.of(plugin.describe() + " bundles module " + name + " (" + where(ref)
                        + "), which the platform's module layer already has: a plugin cannot replace a platform"
                        + " module; remove that jar from the plugin");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> splitPackage(PluginSource plugin, List<ModuleReference> modules, ParentLayer parent) {
        Map<String, ModuleReference> owners = new HashMap<>();
        for (ModuleReference ref : modules) {
            for (String pkg : ref.descriptor().packages().stream().sorted().toList()) {
                ModuleReference other = owners.putIfAbsent(pkg, ref);
                if (other != null) {
                    return Optional.of(plugin.describe() + " has a split package: " + pkg + " is in both "
                            + other.descriptor().name() + " (" + where(other) + ") and " + ref.descriptor().name()
                            + " (" + where(ref) + "); a package must be in one module only: merge the modules"
                            + " or move the package");
                }
                Module platform = parent.packages().get(pkg);
                if (platform != null) {
                    return Optional.of(plugin.describe() + " has a split package: " + pkg + " of "
                            + ref.descriptor().name() + " (" + where(ref) + ") is also in the platform's module "
                            + platform.getName() + "; rename the package in the plugin");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> missingDependency(PluginSource plugin, List<ModuleReference> modules,
            ParentLayer parent) {
        Map<String, ModuleReference> own = modules.stream()
                .collect(Collectors.toMap(r -> r.descriptor().name(), r -> r));
        for (ModuleReference ref : modules) {
            for (ModuleDescriptor.Requires r : ref.descriptor().requires().stream().sorted().toList()) {
                String needed = r.name();
                if (r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC) || own.containsKey(needed)
                        || parent.modules().containsKey(needed)) {
                    continue;
                }
                String head = plugin.describe() + " is missing a dependency: " + ref.descriptor().name() + " ("
                        + where(ref) + ") requires " + needed;
                if (ModuleFinder.ofSystem().find(needed).isPresent()) {
                    return Optional.of(head + ", a JDK module that the platform's module layer does not include;"
                            + " start the JVM with --add-modules " + needed);
                }
                return Optional.of(head + ", which is neither in the plugin nor in the platform's module layer;"
                        + " add the jar of " + needed + " to the plugin");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> noProvider(PluginSource plugin, List<ModuleReference> modules) {
        boolean declared = modules.stream().flatMap(r -> r.descriptor().provides().stream())
                .anyMatch(p -> p.service().equals(BackendProvider.class.getName()));
        if (declared) {
            return Optional.empty();
        }
        return Optional.of(plugin.describe() + " provides no backend: none of its modules ("
                + modules.stream().map(r -> r.descriptor().name()).collect(Collectors.joining(", "))
                + ") declares 'provides " + BackendProvider.class.getName() + " with ...' in its module-info"
                + " (META-INF/services is not read for named modules); add it");
    }

    /** The file a module comes from, as a path where it is one. */
    static String where(ModuleReference ref) {
        return ref.location().map(PluginChecks::path).orElse("unknown location");
    }

    private static String path(URI uri) {
        return "file".equals(uri.getScheme()) ? Path.of(uri).toString() : uri.toString();
    }
}
