package org.jdotcompute.spi.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.Capabilities;
import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.DeviceBuffer;
import org.jdotcompute.api.DeviceInfo;
import org.jdotcompute.api.MemoryStats;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.SourceKernel;
import org.jdotcompute.api.exceptions.BackendNotAvailableException;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.jdotcompute.spi.Availability;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendKernel;
import org.jdotcompute.spi.KernelRequest;
import org.jdotcompute.spi.Runtimes;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Runtimes: a runtime on a provider instance that is not packaged")
class RuntimesTest {

    /** An available provider whose backend only records that it was opened and closed. */
    static final class Openable extends FakeProviders.Fake {
        final AtomicBoolean closed = new AtomicBoolean();
        BackendConfig config;

        Openable() {
            super("openable", 10, Availability.available(List.of(FakeProviders.DEVICE)));
        }

        @Override
        public Backend open(BackendConfig c) {
            config = c;
            return new Backend() {
                @Override
                public DeviceInfo device() {
                    return FakeProviders.DEVICE;
                }

                @Override
                public Capabilities capabilities() {
                    return new Capabilities(EnumSet.noneOf(Capabilities.Feature.class), 0, 1, 1 << 20);
                }

                @Override
                public BackendKernel compile(KernelRequest request) {
                    throw new KernelCompilationException(request.kernelName(), "this fake compiles nothing");
                }

                @Override
                public BackendKernel compileSource(SourceKernel source) {
                    throw new KernelCompilationException(source.entryPoint(), "this fake compiles nothing");
                }

                @Override
                public void launch(BackendKernel kernel, Range range, List<Object> arguments) {
                    throw new IllegalStateException("never called");
                }

                @Override
                public DeviceBuffer allocate(long bytes) {
                    throw new IllegalStateException("never called");
                }

                @Override
                public MemoryStats memoryStats() {
                    return new MemoryStats(0, 0, 0, 0, 0, 1 << 20);
                }

                @Override
                public long launchCount() {
                    return 0;
                }

                @Override
                public void synchronize() {
                }

                @Override
                public void close() {
                    closed.set(true);
                }
            };
        }
    }

    @Test
    @DisplayName("opens the engine's runtime on the provider, which reports it as its only backend")
    void opens() {
        Openable provider = new Openable();
        ComputeRuntime rt = Runtimes.open(provider, new BackendConfig(CheckMode.FULL, 4096));
        assertEquals("openable", rt.backend().id());
        assertEquals("OPENABLE", rt.backend().displayName());
        assertEquals(CheckMode.FULL, rt.checks());
        assertEquals(new BackendConfig(CheckMode.FULL, 4096), provider.config, "the config reaches the provider");
        assertEquals(List.of("openable"), rt.discoveredBackends().stream().map(BackendStatus::id).toList());
        assertEquals("ComputeRuntime[openable]", rt.toString());
        rt.close();
        assertTrue(provider.closed.get(), "closing the runtime closes the backend");
        assertThrows(IllegalStateException.class, () -> rt.compile(RuntimesTest.class, "opens"));
    }

    @Test
    @DisplayName("refuses an unavailable provider with BackendNotAvailableException carrying the reason")
    void unavailable() {
        var provider = FakeProviders.unavailable("off", 1, "switched off for the test");
        BackendNotAvailableException e = assertThrows(BackendNotAvailableException.class,
                () -> Runtimes.open(provider, CheckMode.INDEX));
        assertEquals("[OFF] Backend not available", e.getMessage());
        assertTrue(String.valueOf(e.getCause().getMessage()).contains("switched off for the test"),
                () -> "the cause: " + e.getCause());
    }

    @Test
    @DisplayName("reports a provider's status as discovery does, and never throws for a probe that does")
    void status() {
        BackendStatus off = Runtimes.status(FakeProviders.unavailable("off", 1, "switched off"));
        assertFalse(off.available());
        assertEquals("switched off", off.reason());
        BackendStatus broken = Runtimes.status(new FakeProviders.ThrowsInProbe());
        assertFalse(broken.available());
        assertTrue(broken.reason().startsWith("the provider's probe() threw (it must not): java.lang.UnsatisfiedLinkError"),
                broken.reason());
        BackendStatus on = Runtimes.status(new Openable());
        assertTrue(on.available());
        assertEquals(List.of(FakeProviders.DEVICE), on.devices());
    }
}
