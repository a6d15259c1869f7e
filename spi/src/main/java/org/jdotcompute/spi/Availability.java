package org.jdotcompute.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jdotcompute.api.DeviceInfo;

/** Whether a backend can run on this machine: the result of {@link BackendProvider#probe()}. */
public sealed interface Availability permits Availability.Available, Availability.Unavailable {

    /** Available, with the devices found. */
    static Availability available(List<DeviceInfo> devices) {
        return new Available(devices);
    }

    /** Unavailable for {@code reason}. */
    static Availability unavailable(String reason) {
        return new Unavailable(reason, Optional.empty());
    }

    /** Unavailable for {@code reason}, caused by {@code cause}. */
    static Availability unavailable(String reason, Throwable cause) {
        return new Unavailable(reason, Optional.of(cause));
    }

    /**
     * The backend can run.
     *
     * @param devices the devices found (at least one)
     */
    record Available(List<DeviceInfo> devices) implements Availability {
        public Available {
            devices = List.copyOf(devices);
            if (devices.isEmpty()) {
                throw new IllegalArgumentException("an available backend has at least one device");
            }
        }
    }

    /**
     * The backend cannot run.
     *
     * @param reason why, in words a user can act on ("no OpenCL platform: install pocl-opencl-icd")
     * @param cause  the underlying failure, if any
     */
    record Unavailable(String reason, Optional<Throwable> cause) implements Availability {
        /**
         * Unavailable for {@code reason}, caused by {@code cause}.
         *
         * @param reason why, in words a user can act on
         * @param cause  the underlying failure (required; use {@link Availability#unavailable(String)} for none)
         */
        public Unavailable(String reason, Throwable cause) {
            this(reason, Optional.of(Objects.requireNonNull(cause,
                    "cause (use Availability.unavailable(reason) when there is none)")));
        }

        public Unavailable {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(cause, "cause");
            if (reason.isBlank()) {
                throw new IllegalArgumentException("an unavailable backend needs a reason");
            }
        }
    }
}
