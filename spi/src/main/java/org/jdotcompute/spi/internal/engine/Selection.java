package org.jdotcompute.spi.internal.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.jdotcompute.api.bridge.RuntimeSettings;
import org.jdotcompute.api.exceptions.BackendException;
import org.jdotcompute.api.exceptions.BackendNotAvailableException;
import org.jdotcompute.api.exceptions.ComputeException;
import org.jdotcompute.spi.Availability;

/**
 * Chooses the backend: the explicitly named one or {@link BackendNotAvailableException} — never
 * another — or, without a choice, the highest-priority available one (logged with the candidates).
 */
final class Selection {
    private static final Logger LOG = System.getLogger(Selection.class.getName());

    private Selection() {
    }

    static DiscoveredProvider select(List<DiscoveredProvider> found, RuntimeSettings settings) {
        if (settings.explicitBackend()) {
            return explicit(found, settings.backend());
        }
        DiscoveredProvider best = found.stream().filter(DiscoveredProvider::available)
                .max(Comparator.comparingInt(DiscoveredProvider::priority)).orElseThrow(() ->
                        new BackendNotAvailableException("auto", new ComputeException(
                                "no backend is available; discovered: " + candidates(found)
                                        + ". Add jdotcompute-backend-cpu to the module path or class path")));
        LOG.log(Level.INFO, () -> "JDotCompute selected backend '" + best.id() + "' (priority " + best.priority()
                + ") from: " + candidates(found));
        return best;
    }

    private static DiscoveredProvider explicit(List<DiscoveredProvider> found, String id) {
        DiscoveredProvider match = found.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow(() ->
                new BackendNotAvailableException(id, new ComputeException("no backend with id '" + id
                        + "' was found; the backends that exist are: "
                        + (found.isEmpty() ? "(none)" : found.stream().map(DiscoveredProvider::id)
                                .collect(Collectors.joining(", ")))
                        + ". Check the id, or add the backend's jar to the module path, class path or a plugin directory")));
        if (match.availability() instanceof Availability.Unavailable u) {
            Throwable cause = u.cause().filter(c -> c instanceof ComputeException)
                    .orElseGet(() -> new BackendException(match.displayName(), u.reason(), u.cause().orElse(null)));
            throw new BackendNotAvailableException(match.displayName(), cause);
        }
        LOG.log(Level.INFO, () -> "JDotCompute uses backend '" + id + "' as requested");
        return match;
    }

    static String candidates(List<DiscoveredProvider> found) {
        return found.stream().sorted(Comparator.comparingInt(DiscoveredProvider::priority).reversed())
                .map(d -> d.id() + (d.available() ? " (available)"
                        : " (unavailable: " + ((Availability.Unavailable) d.availability()).reason() + ")"))
                .collect(Collectors.joining(", "));
    }
}
