package org.jdotcompute.backend.opencl;

import org.jdotcompute.api.SystemProperties;
import org.jdotcompute.spi.Availability;

/**
 * Probes OpenCL in a fresh JVM, once per argument: each argument is the ICD loader name to set
 * ({@code -} for none). Prints one line per probe: {@code available <device>} or
 * {@code unavailable <reason>}.
 */
public final class ProbeMain {
    private ProbeMain() {
    }

    public static void main(String[] args) {
        for (String library : args) {
            if (library.equals("-")) {
                System.clearProperty(SystemProperties.OPENCL_LIBRARY);
            } else {
                System.setProperty(SystemProperties.OPENCL_LIBRARY, library);
            }
            Availability a = new OpenClBackendProvider().probe();
            System.out.println(switch (a) {
                case Availability.Available av -> "available " + av.devices().getFirst().name();
                case Availability.Unavailable u -> "unavailable " + u.reason();
            });
        }
    }
}
