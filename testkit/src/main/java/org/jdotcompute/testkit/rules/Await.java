package org.jdotcompute.testkit.rules;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes (the kit's small Awaitility). Stateless. */
final class Await {
    private Await() {
    }

    /** Waits at most {@code atMost} for {@code condition}; fails with {@code what} when it does not hold in time. */
    static void until(Duration atMost, BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + atMost.toMillis() + " ms: " + what.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }
}
