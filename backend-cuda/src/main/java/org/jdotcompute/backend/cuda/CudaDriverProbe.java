package org.jdotcompute.backend.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.JCudaDriver;

import org.jdotcompute.api.DeviceInfo;
import org.jdotcompute.api.SystemProperties;
import org.jdotcompute.spi.Availability;

/**
 * Finds out whether CUDA can run here, step by step, each failure becoming a reason a user can
 * act on: the platform; {@code libcuda.so.1} (looked up with FFM before JCuda's JNI library,
 * which links against it, is touched); JCuda's natives; {@code cuInit}; the devices; the device
 * chosen with {@link SystemProperties#CUDA_DEVICE} and its compute capability.
 *
 * <p>Thread-safe (stateless; the natives are loaded once per process by {@link JCudaNatives}).
 */
final class CudaDriverProbe {
    /** The reason given when the driver library is missing. */
    static final String NO_DRIVER = "libcuda.so.1 was not found: install the NVIDIA driver (CUDA needs a GPU and its driver)";
    /** The oldest compute capability the emitted PTX ({@code .target sm_60}) runs on. */
    static final int MIN_CC_MAJOR = 6;

    private CudaDriverProbe() {
    }

    /** Probes; never throws. */
    static Availability probe() {
        try {
            Optional<String> platform = JCudaNatives.unsupportedPlatform();
            if (platform.isPresent()) {
                return Availability.unavailable(platform.get());
            }
            Optional<Throwable> missing = driverLibraryMissing();
            if (missing.isPresent()) {
                return Availability.unavailable(NO_DRIVER, missing.get());
            }
            try {
                JCudaNatives.load(JCudaNatives.Library.DRIVER);
            } catch (JCudaNatives.NativeLoadException e) {
                return Availability.unavailable(e.getMessage(), e);
            }
            int init = JCudaDriver.cuInit(0);
            if (init != CudaErrors.SUCCESS) {
                return Availability.unavailable(initFailure(init));
            }
            List<DeviceDescription> devices = devices();
            if (devices.isEmpty()) {
                return Availability.unavailable("the NVIDIA driver is installed but reports no CUDA device (cuDeviceGetCount"
                        + " returned 0); check nvidia-smi and CUDA_VISIBLE_DEVICES");
            }
            int ordinal = selectedOrdinal();
            if (ordinal >= devices.size()) {
                return Availability.unavailable("-D" + SystemProperties.CUDA_DEVICE + "=" + ordinal + " names no device: "
                        + devices.size() + " CUDA device(s) found (ordinals 0 to " + (devices.size() - 1) + ")");
            }
            DeviceDescription chosen = devices.get(ordinal);
            if (chosen.ccMajor() < MIN_CC_MAJOR) {
                return Availability.unavailable("CUDA device " + ordinal + " (" + chosen.name() + ") has compute capability "
                        + chosen.ccMajor() + "." + chosen.ccMinor() + "; the CUDA backend needs " + MIN_CC_MAJOR
                        + ".0 (Pascal) or newer; pick another device with -D" + SystemProperties.CUDA_DEVICE);
            }
            List<DeviceInfo> infos = new ArrayList<>();
            devices.forEach(d -> infos.add(d.toDeviceInfo()));
            return Availability.available(infos);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            return Availability.unavailable("probing CUDA failed: " + t, t);
        }
    }

    /** Empty if {@code libcuda.so.1} can be opened, else why not. */
    @SuppressWarnings("restricted") // opening libcuda.so.1 to see whether it exists; no call is made
    static Optional<Throwable> driverLibraryMissing() {
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup.libraryLookup("libcuda.so.1", arena);
            return Optional.empty();
        } catch (IllegalArgumentException | IllegalCallerException e) {
            return Optional.of(e);
        }
    }

    private static String initFailure(int code) {
        String name = CudaErrors.name(code);
        String hint = switch (code) {
            case 100 -> "no CUDA-capable device is visible (check nvidia-smi and CUDA_VISIBLE_DEVICES)";
            case 34 -> "libcuda.so.1 is the toolkit's stub library, not the real driver: install the NVIDIA driver";
            case 803 -> "the NVIDIA kernel module and libcuda.so.1 are different versions: reboot or reinstall the driver";
            case 999 -> "the driver failed to initialise (often a missing /dev/nvidia* device node or a container without"
                    + " GPU access)";
            default -> "see the NVIDIA driver installation";
        };
        return "cuInit failed with " + name + " (" + code + "): " + hint;
    }

    /** The device ordinal chosen with {@link SystemProperties#CUDA_DEVICE} (default 0). */
    static int selectedOrdinal() {
        String raw = System.getProperty(SystemProperties.CUDA_DEVICE, "0").trim();
        try {
            int n = Integer.parseInt(raw);
            if (n < 0) {
                throw new NumberFormatException("negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + SystemProperties.CUDA_DEVICE + "=" + raw
                    + " is not a device ordinal; use 0, 1, ...", e);
        }
    }

    /** Lists the devices (after {@code cuInit}). */
    static List<DeviceDescription> devices() {
        int[] count = new int[1];
        int rc = JCudaDriver.cuDeviceGetCount(count);
        if (rc != CudaErrors.SUCCESS) {
            throw new IllegalStateException("cuDeviceGetCount failed with " + CudaErrors.name(rc) + " (" + rc + ")");
        }
        int[] version = new int[1];
        int driver = JCudaDriver.cuDriverGetVersion(version) == CudaErrors.SUCCESS ? version[0] : 0;
        List<DeviceDescription> list = new ArrayList<>();
        for (int i = 0; i < count[0]; i++) {
            list.add(describe(i, driver));
        }
        return list;
    }

    /** Describes device {@code ordinal}. */
    static DeviceDescription describe(int ordinal, int driverVersion) {
        CUdevice device = new CUdevice();
        check(JCudaDriver.cuDeviceGet(device, ordinal), "cuDeviceGet(" + ordinal + ")");
        byte[] name = new byte[256];
        check(JCudaDriver.cuDeviceGetName(name, name.length, device), "cuDeviceGetName");
        int end = 0;
        while (end < name.length && name[end] != 0) {
            end++;
        }
        long[] memory = new long[1];
        check(JCudaDriver.cuDeviceTotalMem(memory, device), "cuDeviceTotalMem");
        return new DeviceDescription(ordinal, new String(name, 0, end, java.nio.charset.StandardCharsets.UTF_8),
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR), memory[0],
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT),
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK),
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK),
                new int[] {attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_BLOCK_DIM_X),
                    attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_BLOCK_DIM_Y),
                    attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_BLOCK_DIM_Z)},
                new int[] {attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_X),
                    attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_Y),
                    attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_Z)},
                driverVersion);
    }

    private static int attribute(CUdevice device, int attribute) {
        int[] value = new int[1];
        check(JCudaDriver.cuDeviceGetAttribute(value, attribute, device), "cuDeviceGetAttribute(" + attribute + ")");
        return value[0];
    }

    private static void check(int rc, String what) {
        if (rc != CudaErrors.SUCCESS) {
            throw new IllegalStateException(what + " failed with " + CudaErrors.name(rc) + " (" + rc + ")");
        }
    }

    /**
     * What the driver says about one device.
     *
     * @param ordinal              the device ordinal
     * @param name                 the device name
     * @param ccMajor              compute capability, major
     * @param ccMinor              compute capability, minor
     * @param totalMemory          global memory in bytes
     * @param multiprocessors      SM count
     * @param maxThreadsPerBlock   the largest block
     * @param sharedMemoryPerBlock static shared memory per block in bytes
     * @param maxBlock             the largest block per dimension
     * @param maxGrid              the largest grid per dimension
     * @param driverVersion        {@code cuDriverGetVersion}, e.g. 12060 ({@code 0} if unknown)
     */
    record DeviceDescription(int ordinal, String name, int ccMajor, int ccMinor, long totalMemory, int multiprocessors,
            int maxThreadsPerBlock, long sharedMemoryPerBlock, int[] maxBlock, int[] maxGrid, int driverVersion) {
        DeviceDescription {
            maxBlock = maxBlock.clone();
            maxGrid = maxGrid.clone();
        }

        @Override
        public int[] maxBlock() {
            return maxBlock.clone();
        }

        @Override
        public int[] maxGrid() {
            return maxGrid.clone();
        }

        /** The driver version as {@code major.minor}, e.g. {@code 12.6}. */
        String driverVersionString() {
            return driverVersion == 0 ? "" : (driverVersion / 1000) + "." + (driverVersion % 1000) / 10;
        }

        DeviceInfo toDeviceInfo() {
            return new DeviceInfo(name, "NVIDIA", DeviceInfo.DeviceType.GPU, totalMemory, multiprocessors,
                    driverVersionString(), Map.of("ordinal", Integer.toString(ordinal),
                            "computeCapability", ccMajor + "." + ccMinor,
                            "maxThreadsPerBlock", Integer.toString(maxThreadsPerBlock),
                            "sharedMemoryPerBlock", Long.toString(sharedMemoryPerBlock),
                            "ptx", "ISA " + org.jdotcompute.backend.cuda.ptx.PtxEmitter.PTX_VERSION + ", "
                                    + org.jdotcompute.backend.cuda.ptx.PtxEmitter.PTX_TARGET));
        }
    }
}
