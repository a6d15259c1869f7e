package org.jdotcompute.backend.cpu;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jdotcompute.api.DeviceInfo;

/** Describes this machine's processor as the CPU backend's one device. */
final class CpuDevice {
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    private CpuDevice() {
    }

    /** The device: model and vendor from {@code /proc/cpuinfo} where present, else {@code os.arch}. */
    static DeviceInfo describe() {
        List<String> cpuinfo = readCpuinfo();
        String arch = System.getProperty("os.arch", "unknown");
        String model = field(cpuinfo, "model name");
        String vendor = field(cpuinfo, "vendor_id");
        String name = model.isEmpty() ? arch + " CPU" : model;
        return new DeviceInfo(name, vendor.isEmpty() ? "unknown" : vendor, DeviceInfo.DeviceType.CPU,
                physicalMemoryBytes(), Runtime.getRuntime().availableProcessors(), "Java " + Runtime.version(),
                Map.of("os", System.getProperty("os.name", "unknown") + " " + System.getProperty("os.version", ""),
                        "arch", arch,
                        "jvm", System.getProperty("java.vm.name", "unknown") + " "
                                + System.getProperty("java.vm.version", ""),
                        "heapMaxBytes", String.valueOf(Runtime.getRuntime().maxMemory())));
    }

    /**
     * The memory the machine (or its container) has, as the JVM reports it: the figure behind
     * the default memory limit of off-heap buffers. {@link Runtime#maxMemory()} where the JVM
     * does not report it.
     */
    static long physicalMemoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long total = os.getTotalMemorySize();
            if (total > 0) {
                return total;
            }
        }
        return Runtime.getRuntime().maxMemory();
    }

    private static List<String> readCpuinfo() {
        if (!Files.isReadable(CPUINFO)) {
            return List.of();
        }
        try {
            return Files.readAllLines(CPUINFO, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            // Not fatal: the device is then named after os.arch. Say why once.
            System.getLogger(CpuDevice.class.getName()).log(System.Logger.Level.DEBUG,
                    "cannot read " + CPUINFO + "; naming the CPU after os.arch", e);
            return List.of();
        }
    }

    private static String field(List<String> lines, String key) {
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals(key)) {
                return line.substring(colon + 1).strip();
            }
        }
        return "";
    }
}
