package org.jdotcompute.spi.internal.engine;

import java.lang.module.ModuleReference;
import java.net.URI;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

import org.jdotcompute.spi.Availability;
import org.jdotcompute.spi.BackendProvider;
import org.jdotcompute.spi.SpiVersion;

/**
 * Finds backend providers and probes each once. A provider whose class fails to load, whose
 * constructor or accessors throw, or whose probe throws is reported as unavailable with the
 * cause; it never breaks the discovery of the others. Duplicate ids fail fast.
 */
public final class Discovery {
    private Discovery() {
    }

    /** Providers visible to the spi module: the module path (its layer and parents) and the class path. */
    public static List<DiscoveredProvider> discoverBuiltIn() {
        ServiceLoader<BackendProvider> loader = ServiceLoader.load(BackendProvider.class,
                Discovery.class.getClassLoader());
        return discover(loaderEntries(loader), "");
    }

    /**
     * Turns a {@link ServiceLoader}'s providers into entries. The stream cannot skip a provider
     * whose class fails to load, so the iterator is walked by hand: after an error it moves on
     * to the next provider.
     */
    public static List<ProviderEntry> loaderEntries(ServiceLoader<BackendProvider> loader) {
        List<ProviderEntry> entries = new ArrayList<>();
        Iterator<ServiceLoader.Provider<BackendProvider>> it = loader.stream().iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                ServiceLoader.Provider<BackendProvider> p = it.next();
                entries.add(new ProviderEntry.Found(p.type(), p::get));
            } catch (ServiceConfigurationError e) {
                entries.add(new ProviderEntry.Broken(e));
            }
        }
        return entries;
    }

    /**
     * The providers declared by the modules of {@code layer} itself — not those of its parent
     * layers, which {@link ServiceLoader#load(ModuleLayer, Class)} also returns. A provider that
     * fails to load is kept (as {@link ProviderEntry.Broken}) when one of the layer's modules
     * declares it.
     */
    public static List<ProviderEntry> layerEntries(ModuleLayer layer) {
        Set<String> declared = new HashSet<>();
        for (Module m : layer.modules()) {
            m.getDescriptor().provides().stream()
                    .filter(p -> p.service().equals(BackendProvider.class.getName()))
                    .forEach(p -> declared.addAll(p.providers()));
        }
        List<ProviderEntry> entries = new ArrayList<>();
        for (ProviderEntry e : loaderEntries(ServiceLoader.load(layer, BackendProvider.class))) {
            boolean own = switch (e) {
                case ProviderEntry.Found f -> f.type().getModule().getLayer() == layer;
                case ProviderEntry.Broken b -> declared.contains(brokenName(b.error()));
            };
            if (own) {
                entries.add(e);
            }
        }
        return entries;
    }

    /**
     * Probes every entry.
     *
     * @param locationPrefix prepended to every location (a plugin's name), {@code ""} for none
     * @throws IllegalStateException if two providers have the same id (names both)
     */
    public static List<DiscoveredProvider> discover(List<ProviderEntry> entries, String locationPrefix) {
        List<DiscoveredProvider> found = new ArrayList<>();
        for (ProviderEntry e : entries) {
            found.add(probe(e, locationPrefix));
        }
        checkDuplicates(found);
        return found;
    }

    static void checkDuplicates(List<DiscoveredProvider> found) {
        Map<String, DiscoveredProvider> byId = new HashMap<>();
        for (DiscoveredProvider d : found) {
            DiscoveredProvider other = byId.putIfAbsent(d.id(), d);
            if (other != null) {
                throw new IllegalStateException("two backend providers have the id '" + d.id() + "': "
                        + describe(other) + " and " + describe(d)
                        + "; remove one of them from the module path, class path or plugin directory");
            }
        }
    }

    /** A provider's class and location, for messages: {@code com.x.XProvider from com.x (file:/…/x.jar)}. */
    public static String describe(DiscoveredProvider d) {
        return d.provider().map(p -> p.getClass().getName()).orElse(d.id()) + " from " + d.location();
    }

    private static DiscoveredProvider probe(ProviderEntry entry, String prefix) {
        return switch (entry) {
            case ProviderEntry.Broken b -> {
                String name = brokenName(b.error());
                yield new DiscoveredProvider(name, name, Optional.empty(), Availability.unavailable(
                        "the provider could not be loaded: " + b.error().getMessage(), b.error()), "",
                        prefix + "unknown", Integer.MIN_VALUE);
            }
            case ProviderEntry.Found f -> probeFound(f, prefix);
        };
    }

    static String brokenName(ServiceConfigurationError e) {
        // "org.jdotcompute.spi.BackendProvider: Provider com.x.Y could not be instantiated"
        String m = String.valueOf(e.getMessage());
        int i = m.indexOf("Provider ");
        if (i >= 0) {
            String rest = m.substring(i + "Provider ".length());
            int end = rest.indexOf(' ');
            return end > 0 ? rest.substring(0, end) : rest;
        }
        return "unknown-provider";
    }

    private static DiscoveredProvider probeFound(ProviderEntry.Found f, String prefix) {
        String location = prefix + location(f.type());
        String className = f.type().getName();
        BackendProvider provider;
        try {
            provider = f.instantiate().get();
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            Throwable cause = e instanceof ServiceConfigurationError && e.getCause() != null ? e.getCause() : e;
            return new DiscoveredProvider(className, className, Optional.empty(), Availability.unavailable(
                    "the provider " + className + " could not be instantiated: " + cause, cause), "", location,
                    Integer.MIN_VALUE);
        }
        String id;
        String displayName;
        int priority;
        int spiVersion;
        String version;
        try {
            id = provider.id();
            displayName = provider.displayName();
            priority = provider.priority();
            spiVersion = provider.spiVersion();
            version = provider.version();
            if (id == null || id.isBlank() || displayName == null || version == null) {
                throw new IllegalStateException("id, displayName and version must be non-null and the id non-blank; got id="
                        + id + ", displayName=" + displayName + ", version=" + version);
            }
        } catch (RuntimeException | LinkageError e) {
            return new DiscoveredProvider(className, className, Optional.empty(), Availability.unavailable(
                    "the provider " + className + " failed to describe itself: " + e, e), "", location,
                    Integer.MIN_VALUE);
        }
        if (spiVersion != SpiVersion.CURRENT) {
            return new DiscoveredProvider(id, displayName, Optional.of(provider), Availability.unavailable(
                    "the provider implements SPI version " + spiVersion + " but this engine supports SPI version "
                            + SpiVersion.CURRENT + "; use a " + displayName + " backend built for this JDotCompute release"),
                    version, location, priority);
        }
        Availability availability;
        try {
            availability = provider.probe();
            if (availability == null) {
                availability = Availability.unavailable("the provider's probe() returned null (a bug in " + className + ")");
            }
        } catch (RuntimeException | LinkageError e) {
            availability = Availability.unavailable("the provider's probe() threw (it must not): " + e, e);
        }
        return new DiscoveredProvider(id, displayName, Optional.of(provider), availability, version, location, priority);
    }

    /** The module and jar a class came from, e.g. {@code org.jdotcompute.backend.cpu (file:/…/cpu.jar)}. */
    public static String location(Class<?> type) {
        Module module = type.getModule();
        String where = "";
        if (module.isNamed() && module.getLayer() != null) {
            where = module.getLayer().configuration().findModule(module.getName())
                    .flatMap(m -> m.reference().location()).map(URI::toString).orElse("");
            return module.getName() + (where.isEmpty() ? "" : " (" + where + ")");
        }
        CodeSource cs = type.getProtectionDomain().getCodeSource();
        if (cs != null && cs.getLocation() != null) {
            where = cs.getLocation().toString();
        }
        return "class path" + (where.isEmpty() ? "" : " (" + where + ")");
    }

    /** For tests and plugins: the location of a module reference. */
    static String location(ModuleReference ref) {
        return ref.descriptor().name() + ref.location().map(u -> " (" + u + ")").orElse("");
    }
}
