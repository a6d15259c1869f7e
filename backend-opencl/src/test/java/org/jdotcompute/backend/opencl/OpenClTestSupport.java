package org.jdotcompute.backend.opencl;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Locale;

import org.jdotcompute.spi.Availability;
import org.jdotcompute.spi.BackendConfig;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether OpenCL can be tested here. Without OpenCL, tests are reported as skipped with the
 * probe's reason — unless the environment variable {@code JDOTCOMPUTE_REQUIRE_BACKENDS} lists
 * {@code opencl} (as CI does), in which case they fail.
 */
final class OpenClTestSupport {
    static final String REQUIRE = "JDOTCOMPUTE_REQUIRE_BACKENDS";

    private static final OpenClBackendProvider PROVIDER = new OpenClBackendProvider();

    private OpenClTestSupport() {
    }

    /** The shared provider. */
    static OpenClBackendProvider provider() {
        return PROVIDER;
    }

    /** Whether {@code JDOTCOMPUTE_REQUIRE_BACKENDS} names {@code opencl}. */
    static boolean required() {
        String value = System.getenv(REQUIRE);
        return value != null && Arrays.stream(value.toLowerCase(Locale.ROOT).split("[,\\s]+")).anyMatch("opencl"::equals);
    }

    /** Skips (or, when required, fails) the calling test if OpenCL is unavailable. */
    static void assumeOpenCl() {
        if (PROVIDER.probe() instanceof Availability.Unavailable u) {
            String reason = "OpenCL is unavailable: " + u.reason();
            if (required()) {
                fail(REQUIRE + " requires opencl, but " + reason, u.cause().orElse(null));
            }
            Assumptions.abort(reason);
        }
    }

    /** Opens a backend with the default configuration (after {@link #assumeOpenCl()}). */
    static OpenClBackend open() {
        return open(BackendConfig.defaults());
    }

    /** Opens a backend (after {@link #assumeOpenCl()}). */
    static OpenClBackend open(BackendConfig config) {
        assumeOpenCl();
        return (OpenClBackend) PROVIDER.open(config);
    }
}
