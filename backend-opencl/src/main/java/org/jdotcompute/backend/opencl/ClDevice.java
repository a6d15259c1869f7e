package org.jdotcompute.backend.opencl;

import static org.lwjgl.opencl.CL10.CL_DEVICE_AVAILABLE;
import static org.lwjgl.opencl.CL10.CL_DEVICE_COMPILER_AVAILABLE;
import static org.lwjgl.opencl.CL10.CL_DEVICE_EXTENSIONS;
import static org.lwjgl.opencl.CL10.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.lwjgl.opencl.CL10.CL_DEVICE_LOCAL_MEM_SIZE;
import static org.lwjgl.opencl.CL10.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.lwjgl.opencl.CL10.CL_DEVICE_MAX_MEM_ALLOC_SIZE;
import static org.lwjgl.opencl.CL10.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.lwjgl.opencl.CL10.CL_DEVICE_MAX_WORK_ITEM_SIZES;
import static org.lwjgl.opencl.CL10.CL_DEVICE_NAME;
import static org.lwjgl.opencl.CL10.CL_DEVICE_PROFILE;
import static org.lwjgl.opencl.CL10.CL_DEVICE_SINGLE_FP_CONFIG;
import static org.lwjgl.opencl.CL10.CL_DEVICE_TYPE;
import static org.lwjgl.opencl.CL10.CL_DEVICE_TYPE_ACCELERATOR;
import static org.lwjgl.opencl.CL10.CL_DEVICE_TYPE_GPU;
import static org.lwjgl.opencl.CL10.CL_DEVICE_VENDOR;
import static org.lwjgl.opencl.CL10.CL_DEVICE_VERSION;
import static org.lwjgl.opencl.CL10.CL_DRIVER_VERSION;
import static org.lwjgl.opencl.CL10.CL_FP_DENORM;
import static org.lwjgl.opencl.CL11.CL_DEVICE_OPENCL_C_VERSION;
import static org.lwjgl.opencl.CL12.CL_DEVICE_DOUBLE_FP_CONFIG;
import static org.lwjgl.opencl.CL12.CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jdotcompute.api.Capabilities;
import org.jdotcompute.api.DeviceInfo;

/** What one OpenCL device is and can do, queried once. Immutable and thread-safe. */
final class ClDevice {
    private static final Pattern VERSION = Pattern.compile("OpenCL(?: C)? (\\d+)\\.(\\d+)");

    final long id;
    final long platform;
    final int platformIndex;
    final String platformName;
    final String platformVersion;
    final String name;
    final String vendor;
    final String version;
    final String driverVersion;
    final String openClCVersion;
    final String profile;
    final long type;
    final Set<String> extensions;
    final long globalMemory;
    final long localMemory;
    final long maxAllocation;
    final int computeUnits;
    final long maxWorkGroupSize;
    private final long[] maxWorkItemSizes;
    final long singleFpConfig;
    final long doubleFpConfig;
    final boolean available;
    final boolean compilerAvailable;

    private ClDevice(long id, long platform, int platformIndex, String platformName, String platformVersion) {
        this.id = id;
        this.platform = platform;
        this.platformIndex = platformIndex;
        this.platformName = platformName;
        this.platformVersion = platformVersion;
        this.name = ClInfo.deviceString(id, CL_DEVICE_NAME);
        this.vendor = ClInfo.deviceString(id, CL_DEVICE_VENDOR);
        this.version = ClInfo.deviceString(id, CL_DEVICE_VERSION);
        this.driverVersion = ClInfo.deviceString(id, CL_DRIVER_VERSION);
        this.openClCVersion = ClInfo.deviceString(id, CL_DEVICE_OPENCL_C_VERSION);
        this.profile = ClInfo.deviceString(id, CL_DEVICE_PROFILE);
        this.type = ClInfo.deviceLong(id, CL_DEVICE_TYPE);
        this.extensions = Set.copyOf(Arrays.asList(ClInfo.deviceString(id, CL_DEVICE_EXTENSIONS).split("\\s+")));
        this.globalMemory = ClInfo.deviceLong(id, CL_DEVICE_GLOBAL_MEM_SIZE);
        this.localMemory = ClInfo.deviceLong(id, CL_DEVICE_LOCAL_MEM_SIZE);
        this.maxAllocation = ClInfo.deviceLong(id, CL_DEVICE_MAX_MEM_ALLOC_SIZE);
        this.computeUnits = ClInfo.deviceInt(id, CL_DEVICE_MAX_COMPUTE_UNITS);
        this.maxWorkGroupSize = ClInfo.deviceSize(id, CL_DEVICE_MAX_WORK_GROUP_SIZE);
        this.maxWorkItemSizes = ClInfo.deviceSizes(id, CL_DEVICE_MAX_WORK_ITEM_SIZES);
        this.singleFpConfig = ClInfo.deviceLong(id, CL_DEVICE_SINGLE_FP_CONFIG);
        this.doubleFpConfig = ClInfo.deviceLongOr(id, CL_DEVICE_DOUBLE_FP_CONFIG, 0);
        this.available = ClInfo.deviceInt(id, CL_DEVICE_AVAILABLE) != 0;
        this.compilerAvailable = ClInfo.deviceInt(id, CL_DEVICE_COMPILER_AVAILABLE) != 0;
    }

    /** Queries device {@code id} of platform {@code platform}. */
    static ClDevice query(long id, long platform, int platformIndex, String platformName, String platformVersion) {
        return new ClDevice(id, platform, platformIndex, platformName, platformVersion);
    }

    /** Whether the device can run {@code double} arithmetic. */
    boolean fp64() {
        return doubleFpConfig != 0 || extensions.contains("cl_khr_fp64");
    }

    /** Whether 64-bit atomic add, exchange and compare-and-swap exist. */
    boolean int64BaseAtomics() {
        return extensions.contains("cl_khr_int64_base_atomics");
    }

    /** Whether 64-bit atomic min and max exist natively (otherwise they are compare-and-swap loops). */
    boolean int64ExtendedAtomics() {
        return extensions.contains("cl_khr_int64_extended_atomics");
    }

    /** Whether {@code -cl-fp32-correctly-rounded-divide-sqrt} is available: float division as exact as Java's. */
    boolean correctlyRoundedDivideSqrt() {
        return (singleFpConfig & CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT) != 0;
    }

    /** Whether float subnormals are kept (not flushed to zero), as Java requires. */
    boolean fp32Denormals() {
        return (singleFpConfig & CL_FP_DENORM) != 0;
    }

    /** Whether the device is an embedded-profile device, where 64-bit integers are optional. */
    boolean embeddedProfile() {
        return profile.contains("EMBEDDED");
    }

    /** Whether 64-bit integers ({@code long}) are supported. */
    boolean int64() {
        return !embeddedProfile() || extensions.contains("cles_khr_int64");
    }

    /** The device's OpenCL C version as {@code major * 10 + minor}, e.g. 12; 0 if it cannot be read. */
    int openClCLevel() {
        Matcher m = VERSION.matcher(openClCVersion);
        return m.find() ? Integer.parseInt(m.group(1)) * 10 + Integer.parseInt(m.group(2)) : 0;
    }

    /** The largest local size in {@code dimension} (0, 1, 2). */
    long maxWorkItemSize(int dimension) {
        return dimension < maxWorkItemSizes.length ? maxWorkItemSizes[dimension] : 1;
    }

    /** Whether this is a GPU. */
    boolean isGpu() {
        return (type & CL_DEVICE_TYPE_GPU) != 0;
    }

    /** The device as the API describes it. */
    DeviceInfo deviceInfo() {
        DeviceInfo.DeviceType kind = isGpu() ? DeviceInfo.DeviceType.GPU
                : (type & CL_DEVICE_TYPE_ACCELERATOR) != 0 ? DeviceInfo.DeviceType.ACCELERATOR : DeviceInfo.DeviceType.CPU;
        Map<String, String> details = new LinkedHashMap<>();
        details.put("platform", platformName);
        details.put("platformIndex", Integer.toString(platformIndex));
        details.put("platformVersion", platformVersion);
        details.put("deviceVersion", version);
        details.put("openclCVersion", openClCVersion);
        details.put("profile", profile);
        details.put("localMemoryBytes", Long.toString(localMemory));
        details.put("maxAllocationBytes", Long.toString(maxAllocation));
        details.put("maxWorkGroupSize", Long.toString(maxWorkGroupSize));
        details.put("maxWorkItemSizes", Arrays.toString(maxWorkItemSizes));
        details.put("fp64", Boolean.toString(fp64()));
        details.put("fp32CorrectlyRoundedDivideSqrt", Boolean.toString(correctlyRoundedDivideSqrt()));
        details.put("fp32Denormals", Boolean.toString(fp32Denormals()));
        details.put("floatDivision", floatDivisionNote());
        details.put("int64Atomics", Boolean.toString(int64BaseAtomics()));
        details.put("int64ExtendedAtomics", Boolean.toString(int64ExtendedAtomics()));
        return new DeviceInfo(name, vendor, kind, globalMemory, computeUnits, driverVersion, details);
    }

    /** How Java's float division and square root are kept exact on this device, in words. */
    String floatDivisionNote() {
        if (correctlyRoundedDivideSqrt()) {
            return "correctly rounded (-cl-fp32-correctly-rounded-divide-sqrt)";
        }
        if (fp64()) {
            return "correctly rounded through double precision (the device's float division is not)";
        }
        return "unsupported: the device has neither correctly rounded float division nor fp64;"
                + " kernels that divide floats are rejected";
    }

    /** What the device can do, for kernels compiled by this backend. */
    Capabilities capabilities(long memoryLimit) {
        EnumSet<Capabilities.Feature> features = EnumSet.of(Capabilities.Feature.INT32_ATOMICS,
                Capabilities.Feature.FLOAT_ATOMICS, Capabilities.Feature.LOCAL_MEMORY, Capabilities.Feature.BARRIERS,
                Capabilities.Feature.DEVICE_EXCEPTIONS, Capabilities.Feature.SOURCE_KERNELS,
                // Ring kernels run on host threads and launch this backend's kernels: every device has them.
                Capabilities.Feature.RING_KERNELS);
        if (fp64()) {
            features.add(Capabilities.Feature.FP64);
        }
        if (int64BaseAtomics()) {
            features.add(Capabilities.Feature.INT64_ATOMICS);
        }
        int workGroup = (int) Math.min(Integer.MAX_VALUE, Math.max(1, maxWorkGroupSize));
        long allocation = Math.max(1, Math.min(maxAllocation, memoryLimit));
        return new Capabilities(features, localMemory, workGroup, allocation);
    }

    @Override
    public String toString() {
        return "'" + name + "' (" + vendor + ", platform " + platformIndex + " '" + platformName + "')";
    }
}
