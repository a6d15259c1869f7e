package org.jdotcompute.testkit.meta;

import java.util.Optional;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendProvider;
import org.jdotcompute.spi.Runtimes;
import org.jdotcompute.testkit.RuntimeFactory;

/** Runtimes on a fake provider through {@link Runtimes#open}, with the fake ring runtime. Thread-safe. */
final class FakeFactory implements RuntimeFactory {
    private final FakeProvider provider;
    private final boolean loseThirdMessage;

    FakeFactory(String id, Flaw flaw) {
        this(id, flaw, true);
    }

    FakeFactory(String id, Flaw flaw, boolean available) {
        this.provider = new FakeProvider(id, flaw, available);
        this.loseThirdMessage = flaw == Flaw.LOST_RING_MESSAGE;
    }

    @Override
    public String backendId() {
        return provider.id();
    }

    @Override
    public BackendStatus status() {
        return Runtimes.status(provider);
    }

    @Override
    public Optional<BackendProvider> provider() {
        return Optional.of(provider);
    }

    @Override
    public ComputeRuntime open(BackendConfig config) {
        return new FakeRuntime(Runtimes.open(provider, config), loseThirdMessage);
    }
}
