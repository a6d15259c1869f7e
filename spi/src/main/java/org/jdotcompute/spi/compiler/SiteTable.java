package org.jdotcompute.spi.compiler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jdotcompute.api.exceptions.DeviceErrorSite;

/** The failure sites of one kernel; equal sites share one id. Not thread-safe. */
final class SiteTable {
    private final List<DeviceErrorSite> sites = new ArrayList<>();
    private final Map<DeviceErrorSite, Integer> ids = new HashMap<>();

    /** The id of {@code site}, adding it if new. */
    int add(DeviceErrorSite site) {
        return ids.computeIfAbsent(site, s -> {
            sites.add(s);
            return sites.size() - 1;
        });
    }

    /** The sites in id order. */
    List<DeviceErrorSite> sites() {
        return List.copyOf(sites);
    }
}
