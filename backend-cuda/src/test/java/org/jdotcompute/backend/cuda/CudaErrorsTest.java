package org.jdotcompute.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import jcuda.driver.CUresult;

import org.jdotcompute.api.exceptions.BackendExecutionException;
import org.jdotcompute.api.exceptions.ComputeException;
import org.jdotcompute.api.exceptions.ComputeOutOfMemoryException;
import org.jdotcompute.api.exceptions.DeviceContextLostException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("CUresult codes map to names and exceptions")
class CudaErrorsTest {

    @Nested
    @DisplayName("the name table")
    class Names {
        @Test
        @DisplayName("holds every CUresult constant of JCuda 12.6.0 with the same name")
        void coversJCuda() throws IllegalAccessException {
            int checked = 0;
            for (Field f : CUresult.class.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                    int code = f.getInt(null);
                    assertEquals(f.getName(), CudaErrors.name(code), "code " + code);
                    checked++;
                }
            }
            assertEquals(94, checked, "JCuda 12.6.0 declares 94 CUresult constants");
        }

        @Test
        @DisplayName("also names CUDA 13's newer codes, and an unknown code by its number")
        void newerAndUnknown() {
            assertEquals("CUDA_ERROR_CONTAINED", CudaErrors.name(226));
            assertEquals("CUDA_ERROR_TENSOR_MEMORY_LEAK", CudaErrors.name(721));
            assertEquals("CUDA_ERROR_KEY_ROTATION", CudaErrors.name(916));
            assertEquals("CUDA_ERROR_12345", CudaErrors.name(12345));
            assertEquals(103, CudaErrors.names().size(), "JCuda 12.6.0's 94 codes and CUDA 13.0's 9 newer ones");
        }
    }

    @Nested
    @DisplayName("the exception for each code")
    class Exceptions {
        @ParameterizedTest(name = "{0} ({1}) is sticky: {2}")
        @CsvSource({
            "CUDA_ERROR_ILLEGAL_ADDRESS, 700, true",
            "CUDA_ERROR_ASSERT, 710, true",
            "CUDA_ERROR_HARDWARE_STACK_ERROR, 714, true",
            "CUDA_ERROR_ILLEGAL_INSTRUCTION, 715, true",
            "CUDA_ERROR_MISALIGNED_ADDRESS, 716, true",
            "CUDA_ERROR_INVALID_ADDRESS_SPACE, 717, true",
            "CUDA_ERROR_INVALID_PC, 718, true",
            "CUDA_ERROR_LAUNCH_FAILED, 719, true",
            "CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES, 701, false",
            "CUDA_ERROR_LAUNCH_TIMEOUT, 702, false",
            "CUDA_ERROR_TOO_MANY_PEERS, 711, false",
            "CUDA_ERROR_HOST_MEMORY_NOT_REGISTERED, 713, false",
            "CUDA_ERROR_COOPERATIVE_LAUNCH_TOO_LARGE, 720, false",
            "CUDA_ERROR_INVALID_VALUE, 1, false",
            "CUDA_ERROR_INVALID_PTX, 218, false",
            "CUDA_ERROR_NO_DEVICE, 100, false",
            "CUDA_ERROR_UNKNOWN, 999, false"
        })
        void stickyOrNot(String name, int code, boolean sticky) {
            assertEquals(name, CudaErrors.name(code));
            assertEquals(sticky, CudaErrors.isSticky(code));
            ComputeException e = CudaErrors.exception("CUDA", "cuLaunchKernel of 'k'", code, "a description", 0, -1);
            BackendExecutionException b = assertInstanceOf(BackendExecutionException.class, e);
            assertEquals(sticky, b instanceof DeviceContextLostException, b.getClass().getName());
            assertEquals(code, b.nativeErrorCode());
            assertEquals(name, b.nativeErrorName());
            assertEquals("CUDA", b.backend());
            String expected = "cuLaunchKernel of 'k' failed with " + name + " (" + code + "): a description";
            if (sticky) {
                assertTrue(b.reason().startsWith(expected + "; the CUDA context is lost for good"), b.reason());
            } else {
                assertEquals(expected, b.reason());
                assertEquals("[CUDA] Execution failed: " + expected, b.getMessage());
            }
        }

        @Test
        @DisplayName("every sticky code of the table maps to DeviceContextLostException and no other does")
        void stickySet() {
            CudaErrors.names().forEach((code, name) -> {
                if (code == 0 || code == CudaErrors.OUT_OF_MEMORY) {
                    return;
                }
                ComputeException e = CudaErrors.exception("CUDA", "op", code, "", 0, -1);
                boolean expected = code == 700 || code == 710 || (code >= 714 && code <= 719);
                assertEquals(expected, e instanceof DeviceContextLostException, name);
            });
        }

        @Test
        @DisplayName("CUDA_ERROR_OUT_OF_MEMORY becomes ComputeOutOfMemoryException with cuMemGetInfo's free bytes")
        void outOfMemory() {
            ComputeException e = CudaErrors.exception("CUDA", "cuMemAlloc of 1024 bytes", 2, "out of memory", 1024, 512);
            ComputeOutOfMemoryException oom = assertInstanceOf(ComputeOutOfMemoryException.class, e);
            assertEquals(1024, oom.requested());
            assertEquals(512, oom.available());
            assertEquals("Out of memory: requested 1024 bytes, available 512 bytes", oom.getMessage());
            BackendExecutionException cause = assertInstanceOf(BackendExecutionException.class, oom.getCause());
            assertEquals(2, cause.nativeErrorCode());
            assertEquals("CUDA_ERROR_OUT_OF_MEMORY", cause.nativeErrorName());
        }

        @Test
        @DisplayName("CUDA_SUCCESS is not an error")
        void successIsNoError() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CudaErrors.exception("CUDA", "cuInit", 0, "", 0, -1));
            assertEquals("CUDA_SUCCESS is not an error (cuInit)", e.getMessage());
            assertFalse(CudaErrors.isSticky(0));
        }
    }
}
