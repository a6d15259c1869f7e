package org.jdotcompute.backend.opencl;

import static org.lwjgl.opencl.CL10.CL_DEVICE_TYPE_ALL;
import static org.lwjgl.opencl.CL10.CL_PLATFORM_NAME;
import static org.lwjgl.opencl.CL10.CL_PLATFORM_VERSION;
import static org.lwjgl.opencl.CL10.clGetDeviceIDs;
import static org.lwjgl.opencl.CL10.clGetPlatformIDs;

import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jdotcompute.api.SystemProperties;
import org.jdotcompute.api.exceptions.BackendException;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;

/** Enumerates OpenCL platforms and devices and chooses the device to run on. Thread-safe (stateless). */
final class ClPlatforms {
    /** Error code of {@code clGetPlatformIDs} when the ICD loader finds no driver. */
    private static final int CL_PLATFORM_NOT_FOUND_KHR = -1001;
    private static final int CL_DEVICE_NOT_FOUND = -1;

    private ClPlatforms() {
    }

    /**
     * The usable devices and the chosen one.
     *
     * @param chosen  the device a backend opens: the first GPU, else the first device
     * @param devices every usable device of the considered platforms, {@code chosen} first
     */
    record Selection(ClDevice chosen, List<ClDevice> devices) {
        Selection {
            Objects.requireNonNull(chosen, "chosen");
            devices = List.copyOf(devices);
        }
    }

    /** The platform name and id. */
    private record Platform(int index, long id, String name, String version) {
    }

    /**
     * Loads OpenCL, enumerates the platforms named by {@value SystemProperties#OPENCL_PLATFORM}
     * (all when unset) and their devices, and chooses one.
     *
     * @throws UnavailableException saying what is missing
     */
    static Selection select() throws UnavailableException {
        String library = ClLibrary.load();
        List<Platform> platforms;
        try {
            platforms = platforms(library);
        } catch (BackendException e) {
            throw new UnavailableException("the OpenCL platforms could not be listed: " + e.getMessage(), e);
        }
        List<Platform> considered = filter(platforms, System.getProperty(SystemProperties.OPENCL_PLATFORM));
        List<ClDevice> usable = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (Platform p : considered) {
            try {
                for (long id : deviceIds(p)) {
                    ClDevice d = ClDevice.query(id, p.id(), p.index(), p.name(), p.version());
                    String why = unusable(d);
                    if (why == null) {
                        usable.add(d);
                    } else {
                        rejected.add(d + ": " + why);
                    }
                }
            } catch (BackendException e) {
                throw new UnavailableException("the devices of OpenCL platform " + p.index() + " '" + p.name()
                        + "' could not be queried: " + e.getMessage(), e);
            }
        }
        if (usable.isEmpty()) {
            throw new UnavailableException("no usable OpenCL device on " + describe(considered)
                    + (rejected.isEmpty() ? ": the platforms report no devices" : ": " + String.join("; ", rejected))
                    + "; install a driver for your device, e.g. apt-get install pocl-opencl-icd for the CPU");
        }
        ClDevice chosen = usable.stream().filter(ClDevice::isGpu).findFirst().orElse(usable.getFirst());
        List<ClDevice> ordered = new ArrayList<>();
        ordered.add(chosen);
        usable.stream().filter(d -> d != chosen).forEach(ordered::add);
        return new Selection(chosen, ordered);
    }

    private static String unusable(ClDevice d) {
        if (!d.available) {
            return "the driver reports it unavailable";
        }
        if (!d.compilerAvailable) {
            return "it has no OpenCL C compiler";
        }
        if (d.openClCLevel() < 12) {
            return "it supports " + d.openClCVersion + "; JDotCompute needs OpenCL C 1.2 or newer";
        }
        return null;
    }

    private static List<Platform> platforms(String library) throws UnavailableException {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer count = stack.mallocInt(1);
            int code = clGetPlatformIDs(null, count);
            SignalGuard.restoreIfReplaced("clGetPlatformIDs");
            if (code == CL_PLATFORM_NOT_FOUND_KHR || code == 0 && count.get(0) == 0) {
                throw new UnavailableException("no OpenCL platform is installed: the ICD loader " + library
                        + " found no driver (none is registered in /etc/OpenCL/vendors); install one, e.g."
                        + " apt-get install pocl-opencl-icd for the CPU, or your GPU vendor's OpenCL driver");
            }
            ClErrors.check(code, "clGetPlatformIDs");
            PointerBuffer ids = stack.mallocPointer(count.get(0));
            int listed = clGetPlatformIDs(ids, (IntBuffer) null);
            SignalGuard.restoreIfReplaced("clGetPlatformIDs");
            ClErrors.check(listed, "clGetPlatformIDs");
            List<Platform> out = new ArrayList<>();
            for (int i = 0; i < ids.capacity(); i++) {
                long id = ids.get(i);
                out.add(new Platform(i, id, ClInfo.platformString(id, CL_PLATFORM_NAME),
                        ClInfo.platformString(id, CL_PLATFORM_VERSION)));
            }
            return out;
        }
    }

    private static List<Platform> filter(List<Platform> platforms, String property) throws UnavailableException {
        if (property == null || property.isBlank()) {
            return platforms;
        }
        String wanted = property.strip();
        if (wanted.chars().allMatch(Character::isDigit)) {
            int index;
            try {
                index = Integer.parseInt(wanted);
            } catch (NumberFormatException e) {
                index = -1;
            }
            if (index < 0 || index >= platforms.size()) {
                throw new UnavailableException("-D" + SystemProperties.OPENCL_PLATFORM + "=" + wanted
                        + " names no OpenCL platform; the platforms are " + describe(platforms));
            }
            return List.of(platforms.get(index));
        }
        String needle = wanted.toLowerCase(Locale.ROOT);
        List<Platform> matching = platforms.stream()
                .filter(p -> p.name().toLowerCase(Locale.ROOT).contains(needle)).toList();
        if (matching.isEmpty()) {
            throw new UnavailableException("-D" + SystemProperties.OPENCL_PLATFORM + "=" + wanted
                    + " matches no OpenCL platform name; the platforms are " + describe(platforms));
        }
        return matching;
    }

    private static List<Long> deviceIds(Platform p) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer count = stack.mallocInt(1);
            int code = clGetDeviceIDs(p.id(), CL_DEVICE_TYPE_ALL, null, count);
            if (code == CL_DEVICE_NOT_FOUND) {
                return List.of();
            }
            ClErrors.check(code, "clGetDeviceIDs of platform '" + p.name() + "'");
            PointerBuffer ids = stack.mallocPointer(count.get(0));
            ClErrors.check(clGetDeviceIDs(p.id(), CL_DEVICE_TYPE_ALL, ids, (IntBuffer) null),
                    "clGetDeviceIDs of platform '" + p.name() + "'");
            List<Long> out = new ArrayList<>();
            for (int i = 0; i < ids.capacity(); i++) {
                out.add(ids.get(i));
            }
            return out;
        }
    }

    private static String describe(List<Platform> platforms) {
        List<String> parts = new ArrayList<>();
        for (Platform p : platforms) {
            parts.add(p.index() + " '" + p.name() + "'");
        }
        return parts.isEmpty() ? "(none)" : String.join(", ", parts);
    }
}
