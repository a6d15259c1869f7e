package org.jdotcompute.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jdotcompute.api.MemoryStats;
import org.jdotcompute.api.exceptions.ComputeException;
import org.jdotcompute.api.exceptions.ComputeOutOfMemoryException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("A backend's memory budget")
class MemoryBudgetTest {
    private static ComputeException refused(long used) {
        return new ComputeException("limit reached with " + used + " bytes in use");
    }

    @Nested
    @DisplayName("within its limit")
    class Within {
        @Test
        @DisplayName("counts reserved bytes, allocations and the peak, and takes released bytes back")
        void counts() {
            MemoryBudget budget = new MemoryBudget(1000);
            budget.reserve(600, MemoryBudgetTest::refused);
            budget.allocated();
            budget.reserve(400, MemoryBudgetTest::refused);
            budget.allocated();
            budget.release(600);
            assertEquals(400, budget.inUse());
            assertEquals(600, budget.available());
            assertEquals(new MemoryStats(2, 0, 400, 0, 1000, 1000), budget.stats());
        }

        @Test
        @DisplayName("never lets concurrent reservations together exceed the limit")
        void concurrent() throws Exception {
            MemoryBudget budget = new MemoryBudget(100);
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                tasks.add(() -> {
                    try {
                        budget.reserve(1, MemoryBudgetTest::refused);
                        return true;
                    } catch (ComputeOutOfMemoryException e) {
                        return false;
                    }
                });
            }
            long granted = 0;
            try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
                for (Future<Boolean> f : pool.invokeAll(tasks)) {
                    granted += f.get() ? 1 : 0;
                }
            }
            assertEquals(100, granted);
            assertEquals(100, budget.stats().peakBytesInUse());
        }
    }

    @Nested
    @DisplayName("beyond its limit")
    class Beyond {
        @Test
        @DisplayName("refuses with the bytes requested and available and the backend's cause")
        void refuses() {
            MemoryBudget budget = new MemoryBudget(1000);
            budget.reserve(600, MemoryBudgetTest::refused);
            ComputeOutOfMemoryException e = assertThrows(ComputeOutOfMemoryException.class,
                    () -> budget.reserve(500, MemoryBudgetTest::refused));
            assertEquals(500, e.requested());
            assertEquals(400, e.available());
            assertEquals("Out of memory: requested 500 bytes, available 400 bytes", e.getMessage());
            assertEquals("limit reached with 600 bytes in use", e.getCause().getMessage());
            assertEquals(600, budget.inUse(), "a refused reservation holds nothing");
        }

        @Test
        @DisplayName("rejects negative sizes and limits")
        void negative() {
            IllegalArgumentException limit = assertThrows(IllegalArgumentException.class, () -> new MemoryBudget(-1));
            assertEquals("memory limit -1 must not be negative", limit.getMessage());
            IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                    () -> new MemoryBudget(10).reserve(-5, MemoryBudgetTest::refused));
            assertEquals("cannot reserve -5 bytes: the size is negative", size.getMessage());
        }
    }
}
