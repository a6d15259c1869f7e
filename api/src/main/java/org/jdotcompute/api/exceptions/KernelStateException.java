package org.jdotcompute.api.exceptions;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The kernel is in the wrong state for the operation. Message:
 * {@code [{id}] Invalid state: {CURRENT}, expected: {A}, {B}} (the expected states' names joined
 * by {@code ", "}, in the caller's order; an empty list leaves {@code "expected: "}).
 *
 * <p>When raised: {@code activate} when not {@code LAUNCHED} (expected {@code [LAUNCHED]}),
 * {@code deactivate} when not {@code ACTIVE} ({@code [ACTIVE]}), {@code reactivate} when not
 * {@code DEACTIVATED} ({@code [DEACTIVATED]}), and any operation on a terminated or failed
 * kernel (then the cause is the kernel's failure, if any).
 *
 * <p>Thread-safety: immutable once constructed and safe to share between threads.
 */
public class KernelStateException extends KernelException {
    private static final long serialVersionUID = 1L;
    private final KernelState currentState;
    @SuppressWarnings("serial") // always a List.copyOf list, which is serializable
    private final List<KernelState> expectedStates;

    /**
     * @param kernelId       the kernel
     * @param currentState   its state
     * @param expectedStates the states the operation needs, in the caller's order
     */
    public KernelStateException(String kernelId, KernelState currentState, List<KernelState> expectedStates) {
        this(kernelId, currentState, expectedStates, null);
    }

    /** As {@link #KernelStateException(String, KernelState, List)}, with a cause. */
    public KernelStateException(String kernelId, KernelState currentState, List<KernelState> expectedStates,
            Throwable cause) {
        Objects.requireNonNull(currentState, "currentState");
        Objects.requireNonNull(expectedStates, "expectedStates");
        super(kernelId, "Invalid state: " + currentState.name() + ", expected: "
                + expectedStates.stream().map(KernelState::name).collect(Collectors.joining(", ")), cause);
        this.currentState = currentState;
        this.expectedStates = List.copyOf(expectedStates);
    }

    /** The kernel's state when the operation was attempted. */
    public KernelState currentState() {
        return currentState;
    }

    /** The states the operation needs, in the caller's order. */
    public List<KernelState> expectedStates() {
        return expectedStates;
    }
}
