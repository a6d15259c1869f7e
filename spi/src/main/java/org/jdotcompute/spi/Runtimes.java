package org.jdotcompute.spi;

import java.util.Objects;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.exceptions.BackendNotAvailableException;
import org.jdotcompute.spi.internal.engine.Engine;

/**
 * Test your provider without packaging it: opens a {@link ComputeRuntime} on a
 * {@link BackendProvider} instance that need not be on the module path, the class path or in a
 * plugin directory. The runtime is the engine's own — the same argument checks, kernel and buffer
 * tracking, launch counting and close semantics as {@link ComputeRuntime#create()} — so a backend
 * author can run the conformance kit ({@code org.jdotcompute.testkit}) against a provider built
 * in the same test, or against a deliberately broken one.
 *
 * <p>The runtime reports the provider as its only discovered backend and has an empty plugin
 * manager. Thread-safe (stateless).
 */
public final class Runtimes {
    private Runtimes() {
    }

    /**
     * Opens a runtime on {@code provider} with {@code checks} and the device's own memory limit.
     *
     * @throws BackendNotAvailableException if the provider's probe says it is unavailable (the
     *                                      cause carries the reason) or its {@code open} fails
     */
    public static ComputeRuntime open(BackendProvider provider, CheckMode checks) {
        return open(provider, new BackendConfig(checks, 0));
    }

    /**
     * Opens a runtime on {@code provider} with {@code config} (check mode and memory limit).
     *
     * @throws BackendNotAvailableException if the provider's probe says it is unavailable (the
     *                                      cause carries the reason) or its {@code open} fails
     */
    public static ComputeRuntime open(BackendProvider provider, BackendConfig config) {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(config, "config");
        return Engine.openProvider(provider, config);
    }

    /**
     * Probes {@code provider} as discovery does and reports it as {@link ComputeRuntime#discover()}
     * would: id, display name, availability with the reason, version, location, priority and
     * devices. Never throws for a misbehaving provider (a probe that throws is reported unavailable
     * with its cause in the reason).
     */
    public static BackendStatus status(BackendProvider provider) {
        return Engine.describe(provider).status();
    }
}
