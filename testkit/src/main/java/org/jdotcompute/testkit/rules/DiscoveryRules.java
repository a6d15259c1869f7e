package org.jdotcompute.testkit.rules;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.DeviceInfo;
import org.jdotcompute.api.Range;
import org.jdotcompute.spi.Availability;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** DSC: the backend is discovered honestly — its status, its probe and the runtime agree. */
public abstract class DiscoveryRules extends RuleGroup {
    /** For {@link org.jdotcompute.testkit.BackendConformanceSuite}'s nested group. */
    protected DiscoveryRules() {
    }


    private static List<String> names(List<DeviceInfo> devices) {
        return devices.stream().map(DeviceInfo::name).toList();
    }

    @Test
    @DisplayName("DSC-001 discovery lists the backend under its id as available, with devices and no reason")
    public void discovered(Kit kit) {
        BackendStatus s = kit.status();
        assertEquals(kit.backendId(), s.id(), "the status's id");
        assertTrue(s.available(), () -> "the suite runs only on an available backend, but the status says: " + s);
        assertEquals("", s.reason(), "an available backend gives no reason");
        assertFalse(s.devices().isEmpty(), "an available backend lists its devices");
        assertFalse(s.displayName().isBlank(), "the display name is used in every message; it must not be blank");
        assertNotEquals(Integer.MIN_VALUE, s.priority(), "a provider that describes itself has a priority");
    }

    @Test
    @DisplayName("DSC-002 probe() does not throw and answers the same twice, as discovery did")
    public void probeIsHonest(Kit kit) {
        Optional<BackendProvider> provider = kit.factory().provider();
        Kit.skipUnless(provider.isPresent(), "the provider instance is not reachable from the kit (a plugin);"
                + " discovery's status is checked by DSC-001");
        BackendProvider p = provider.get();
        Availability first = assertDoesNotThrow(p::probe, "probe() must never throw");
        Availability second = assertDoesNotThrow(p::probe, "probe() must never throw");
        Availability.Available a = assertInstanceOf(Availability.Available.class, first, "probe() of an available backend");
        Availability.Available b = assertInstanceOf(Availability.Available.class, second, "the second probe()");
        assertEquals(names(a.devices()), names(b.devices()), "two probes found different devices");
        assertEquals(names(kit.status().devices()), names(a.devices()), "probe() and discovery found different devices");
        assertEquals(kit.backendId(), p.id(), "the provider's id");
    }

    @Test
    @DisplayName("DSC-003 a runtime runs on the backend it was opened for, on a discovered device")
    public void runtimeMatchesStatus(Kit kit) {
        ComputeRuntime rt = kit.runtime();
        BackendStatus s = kit.status();
        assertEquals(kit.backendId(), rt.backend().id(), "runtime.backend().id()");
        assertEquals(s.displayName(), rt.backend().displayName(), "runtime.backend().displayName()");
        assertEquals(s.version(), rt.backend().version(), "runtime.backend().version()");
        assertTrue(names(s.devices()).contains(rt.backend().device().name()), () -> "the runtime's device "
                + rt.backend().device() + " is not among the discovered devices " + s.devices());
        assertTrue(rt.discoveredBackends().stream().anyMatch(d -> d.id().equals(kit.backendId()) && d.available()),
                () -> "runtime.discoveredBackends() does not list '" + kit.backendId() + "' as available: "
                        + rt.discoveredBackends());
        assertEquals(CheckMode.INDEX, rt.checks(), "the runtime's check mode");
    }

    @Test
    @DisplayName("DSC-004 each runtime's launch counter starts at zero and counts only its own launches")
    public void launchCounterIsPerRuntime(Kit kit) {
        try (ComputeRuntime a = kit.open(new BackendConfig(CheckMode.INDEX, 0));
             ComputeRuntime b = kit.open(new BackendConfig(CheckMode.INDEX, 0))) {
            assertEquals(0, a.backend().launchCount(), "a fresh runtime's launchCount()");
            assertEquals(0, b.backend().launchCount(), "a fresh runtime's launchCount()");
            CompiledKernel scale = kit.compile(a, "scale");
            int[] data = {1, 2, 3};
            kit.launch(a, scale, Range.of(3), data, 5);
            assertEquals(List.of(5, 10, 15), List.of(data[0], data[1], data[2]), "scale by 5");
            assertEquals(1, scale.launchCount(), "the compiled kernel's launchCount()");
            assertEquals(0, b.backend().launchCount(), "another runtime's launch moved this runtime's counter");
        }
    }
}
