package org.jdotcompute.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdotcompute.api.exceptions.BackendExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("OpenCL error codes")
class ClErrorsTest {
    @Test
    @DisplayName("have their cl.h names, core and extension")
    void names() {
        assertEquals("CL_SUCCESS", ClErrors.name(0));
        assertEquals("CL_MEM_OBJECT_ALLOCATION_FAILURE", ClErrors.name(-4));
        assertEquals("CL_OUT_OF_RESOURCES", ClErrors.name(-5));
        assertEquals("CL_OUT_OF_HOST_MEMORY", ClErrors.name(-6));
        assertEquals("CL_BUILD_PROGRAM_FAILURE", ClErrors.name(-11));
        assertEquals("CL_KERNEL_ARG_INFO_NOT_AVAILABLE", ClErrors.name(-19));
        assertEquals("CL_INVALID_VALUE", ClErrors.name(-30));
        assertEquals("CL_INVALID_WORK_GROUP_SIZE", ClErrors.name(-54));
        assertEquals("CL_MAX_SIZE_RESTRICTION_EXCEEDED", ClErrors.name(-72));
        assertEquals("CL_PLATFORM_NOT_FOUND_KHR", ClErrors.name(-1001));
        assertEquals("CL_INVALID_COMMAND_BUFFER_KHR", ClErrors.name(-1138));
        assertEquals("CL_UNKNOWN_ERROR", ClErrors.name(-9999));
        for (int code = -72; code <= 0; code++) {
            if (code > -30 && code < -19) {
                continue; // the gap cl.h leaves
            }
            assertFalse(ClErrors.name(code).equals(ClErrors.UNKNOWN), "code " + code + " has a name");
        }
    }

    @Test
    @DisplayName("become BackendExecutionException carrying the code and its name")
    void failure() {
        BackendExecutionException e = ClErrors.failure(-5, "clEnqueueNDRangeKernel of kernel 'k'");
        assertEquals("[OpenCL] Execution failed: clEnqueueNDRangeKernel of kernel 'k' failed with CL_OUT_OF_RESOURCES (-5)",
                e.getMessage());
        assertEquals(-5, e.nativeErrorCode());
        assertEquals("CL_OUT_OF_RESOURCES", e.nativeErrorName());
        assertEquals("OpenCL", e.backend());
    }

    @Test
    @DisplayName("name the allocation failures that mean out of memory")
    void outOfMemory() {
        assertTrue(ClErrors.isOutOfMemory(-4));
        assertTrue(ClErrors.isOutOfMemory(-5));
        assertTrue(ClErrors.isOutOfMemory(-6));
        assertFalse(ClErrors.isOutOfMemory(-30));
    }
}
