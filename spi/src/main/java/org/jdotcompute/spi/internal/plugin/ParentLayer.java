package org.jdotcompute.spi.internal.plugin;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The layer every plugin layer is a child of — the layer of {@code org.jdotcompute.spi} — with
 * the modules and packages of it and its ancestors (nearest layer first), which a plugin may
 * neither bundle again nor split.
 *
 * @param layer    the parent layer
 * @param modules  module name → module, over the layer and its ancestors
 * @param packages package name → the module that holds it, over the layer and its ancestors
 */
record ParentLayer(ModuleLayer layer, Map<String, Module> modules, Map<String, Module> packages) {
    ParentLayer {
        Objects.requireNonNull(layer, "layer");
        modules = Map.copyOf(modules);
        packages = Map.copyOf(packages);
    }

    /**
     * The layer of {@code spi}.
     *
     * @throws IllegalStateException if {@code spi} is not a named module in a layer (it is on the class path)
     */
    static ParentLayer of(Module spi) {
        if (!spi.isNamed() || spi.getLayer() == null) {
            throw new IllegalStateException("backend plugins need JDotCompute on the module path, but "
                    + "org.jdotcompute.spi is on the class path, so a plugin module cannot require it; put "
                    + "jdotcompute-api and jdotcompute-spi on the module path (--module-path)");
        }
        Map<String, Module> modules = new HashMap<>();
        Map<String, Module> packages = new HashMap<>();
        Set<ModuleLayer> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<ModuleLayer> queue = new ArrayDeque<>();
        queue.add(spi.getLayer());
        while (!queue.isEmpty()) {
            ModuleLayer layer = queue.removeFirst();
            if (!seen.add(layer)) {
                continue;
            }
            for (Module m : layer.modules()) {
                modules.putIfAbsent(m.getName(), m);
                for (String p : m.getPackages()) {
                    packages.putIfAbsent(p, m);
                }
            }
            queue.addAll(layer.parents());
        }
        return new ParentLayer(spi.getLayer(), modules, packages);
    }
}
