package org.jdotcompute.spi.device;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jdotcompute.api.exceptions.BackendExecutionException;
import org.jdotcompute.api.exceptions.DeviceErrorSite;
import org.jdotcompute.api.exceptions.DeviceKernelException;

/** Decodes a device error record into the exception the CPU backend would throw. */
public final class DeviceErrors {
    private DeviceErrors() {
    }

    /**
     * Reads {@code record} after a launch.
     *
     * @param backend the backend's display name
     * @param record  the record (at least {@link ErrorRecord#BYTES} bytes)
     * @param sites   the kernel's site table ({@code KernelIR.sites()})
     * @param loader  the class loader that sees the kernel's exception classes
     * @return the exception to throw, or empty if no work-item failed
     * @throws BackendExecutionException if the record is corrupt (a site id outside the table)
     */
    public static Optional<DeviceKernelException> decode(String backend, MemorySegment record,
            List<DeviceErrorSite> sites, ClassLoader loader) {
        if (!ErrorRecord.failed(record)) {
            return Optional.empty();
        }
        int site = ErrorRecord.site(record);
        if (ErrorRecord.state(record) != 1 || site < 0 || site >= sites.size()) {
            throw new BackendExecutionException(backend, "the device error record is corrupt (state "
                    + ErrorRecord.state(record) + ", site " + site + " of " + sites.size() + ", count "
                    + ErrorRecord.count(record) + "); the kernel failed but what failed cannot be told");
        }
        DeviceErrorSite s = sites.get(site);
        List<Object> values = new ArrayList<>(s.dynamicValueCount());
        for (int i = 0; i < s.dynamicValueCount(); i++) {
            values.add(box(s.valueTypes().get(i), ErrorRecord.value(record, i)));
        }
        int[] gid = {ErrorRecord.gid(record, 0), ErrorRecord.gid(record, 1), ErrorRecord.gid(record, 2)};
        long count = Integer.toUnsignedLong(ErrorRecord.count(record));
        return Optional.of(DeviceKernelException.fromDevice(backend, s, values, gid, count, loader));
    }

    /** Boxes one raw 64-bit value slot as the Java value of {@code type}. */
    public static Object box(DeviceErrorSite.ArgumentType type, long raw) {
        return switch (type) {
            case BOOLEAN -> raw != 0;
            case CHAR -> (char) raw;
            case BYTE -> (byte) raw;
            case SHORT -> (short) raw;
            case INT -> (int) raw;
            case LONG -> raw;
            case FLOAT -> Float.intBitsToFloat((int) raw);
            case DOUBLE -> Double.longBitsToDouble(raw);
            case STRING -> throw new IllegalArgumentException("a dynamic value cannot be a STRING");
        };
    }
}
