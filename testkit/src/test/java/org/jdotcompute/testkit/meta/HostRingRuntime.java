package org.jdotcompute.testkit.meta;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.exceptions.ComputeExceptionGroup;
import org.jdotcompute.api.exceptions.KernelAlreadyExistsException;
import org.jdotcompute.api.exceptions.KernelNotFoundException;
import org.jdotcompute.api.exceptions.KernelState;
import org.jdotcompute.api.exceptions.KernelStateException;
import org.jdotcompute.api.exceptions.MessageValidationException;
import org.jdotcompute.api.exceptions.QueueEmptyException;
import org.jdotcompute.api.exceptions.QueueFullException;
import org.jdotcompute.api.ring.BackpressureStrategy;
import org.jdotcompute.api.ring.Prioritized;
import org.jdotcompute.api.ring.RingKernel;
import org.jdotcompute.api.ring.RingKernelContext;
import org.jdotcompute.api.ring.RingKernelOptions;
import org.jdotcompute.api.ring.RingKernelRuntime;

/**
 * A small ring-kernel runtime for the fake backends (the engine's is not on main yet): one lock
 * per kernel guards its queues and state, one virtual thread runs its body. Written against
 * API.md's ring section; {@code loseThirdMessage} is the LOST_RING_MESSAGE flaw. Thread-safe.
 */
final class HostRingRuntime implements RingKernelRuntime {
    private final ComputeRuntime runtime;
    private final boolean loseThirdMessage;
    private final Map<String, Slot> kernels = new LinkedHashMap<>();
    private boolean closed;

    HostRingRuntime(ComputeRuntime runtime, boolean loseThirdMessage) {
        this.runtime = runtime;
        this.loseThirdMessage = loseThirdMessage;
    }

    /** A bounded queue in FIFO or priority order; guarded by its slot's lock. */
    private static final class Box {
        private final int capacity;
        private final PriorityQueue<Object[]> items;
        private long seq;

        Box(int capacity, boolean priority) {
            this.capacity = capacity;
            Comparator<Object[]> fifo = Comparator.comparingLong(e -> (Long) e[1]);
            this.items = new PriorityQueue<>(priority
                    ? Comparator.<Object[]>comparingInt(e -> -(e[0] instanceof Prioritized p ? p.priority() : 0)).thenComparing(fifo)
                    : fifo);
        }

        boolean full() {
            return items.size() >= capacity;
        }

        void add(Object m) {
            items.add(new Object[] {m, seq++});
        }

        Object poll() {
            Object[] e = items.poll();
            return e == null ? null : e[0];
        }

        void dropOldest() {
            items.stream().min(Comparator.comparingLong(e -> (Long) e[1])).ifPresent(items::remove);
        }
    }

    private final class Slot implements RingKernelContext<Object, Object> {
        private final String id;
        private final RingKernel<Object, Object> body;
        private final RingKernelOptions options;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private final Box in;
        private final Box out;
        private KernelState state = KernelState.LAUNCHED;
        private boolean terminating;
        private Throwable failure;
        private Thread thread;
        private int sent;

        Slot(String id, RingKernel<Object, Object> body, RingKernelOptions options) {
            this.id = id;
            this.body = body;
            this.options = options;
            this.in = new Box(options.inputQueueSize(), options.priority());
            this.out = new Box(options.outputQueueSize(), options.priority());
        }

        private void run() {
            Throwable thrown = null;
            try {
                body.run(this);
            } catch (Throwable t) {
                thrown = t;
            }
            lock.lock();
            try {
                if (thrown != null) {
                    failure = thrown;
                    state = KernelState.FAILED;
                } else {
                    state = KernelState.TERMINATED;
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        private KernelStateException stateError(List<KernelState> expected) {
            return failure != null ? new KernelStateException(id, state, expected, failure)
                    : new KernelStateException(id, state, expected);
        }

        @Override
        public String kernelId() {
            return id;
        }

        @Override
        public boolean shouldTerminate() {
            lock.lock();
            try {
                return terminating;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public Object receive() {
            return receive(null);
        }

        @Override
        public Object receive(Duration timeout) {
            lock.lock();
            try {
                long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
                while (true) {
                    if (terminating) {
                        return null;
                    }
                    if (state == KernelState.ACTIVE && !in.items.isEmpty()) {
                        Object m = in.poll();
                        changed.signalAll();
                        return m;
                    }
                    if (!await(deadline, timeout != null)) {
                        return null;
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void send(Object message) {
            lock.lock();
            try {
                if (!options.outputType().isInstance(message)) {
                    throw new MessageValidationException(options.outputType().getSimpleName(), "message",
                            "expected " + options.outputType().getName() + ", got " + message.getClass().getName());
                }
                while (out.full() && !terminating) {
                    changed.awaitUninterruptibly();
                }
                out.add(message);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public ComputeRuntime runtime() {
            return runtime;
        }

        /** Waits for a change; false when the deadline passed. */
        private boolean await(long deadline, boolean timed) {
            if (!timed) {
                changed.awaitUninterruptibly();
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                changed.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return true;
        }
    }

    private synchronized Slot slot(String id) {
        if (closed) {
            throw new IllegalStateException("the ring runtime is closed");
        }
        Slot s = kernels.get(id);
        if (s == null) {
            throw new KernelNotFoundException(id);
        }
        return s;
    }

    @Override
    public <I, O> void launch(String kernelId, RingKernel<I, O> kernel) {
        launch(kernelId, kernel, RingKernelOptions.defaults());
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <I, O> void launch(String kernelId, RingKernel<I, O> kernel, RingKernelOptions options) {
        if (closed) {
            throw new IllegalStateException("the ring runtime is closed");
        }
        if (kernels.containsKey(kernelId)) {
            throw new KernelAlreadyExistsException(kernelId);
        }
        kernels.put(kernelId, new Slot(kernelId, (RingKernel<Object, Object>) kernel, options));
    }

    private void transition(String id, KernelState from, KernelState to) {
        Slot s = slot(id);
        s.lock.lock();
        try {
            if (s.state != from) {
                throw s.stateError(List.of(from));
            }
            s.state = to;
            if (from == KernelState.LAUNCHED) {
                s.thread = Thread.ofVirtual().name("ring-" + id).start(s::run);
            }
            s.changed.signalAll();
        } finally {
            s.lock.unlock();
        }
    }

    @Override
    public void activate(String kernelId) {
        transition(kernelId, KernelState.LAUNCHED, KernelState.ACTIVE);
    }

    @Override
    public void deactivate(String kernelId) {
        transition(kernelId, KernelState.ACTIVE, KernelState.DEACTIVATED);
    }

    @Override
    public void reactivate(String kernelId) {
        transition(kernelId, KernelState.DEACTIVATED, KernelState.ACTIVE);
    }

    @Override
    public void terminate(String kernelId) {
        stop(slot(kernelId));
    }

    private void stop(Slot s) {
        Thread t;
        s.lock.lock();
        try {
            s.terminating = true;
            if (s.state != KernelState.FAILED && s.state != KernelState.TERMINATED) {
                s.state = s.thread == null ? KernelState.TERMINATED : KernelState.TERMINATING;
            }
            s.changed.signalAll();
            t = s.thread;
        } finally {
            s.lock.unlock();
        }
        if (t != null) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void send(String kernelId, Object message) {
        send(kernelId, message, null);
    }

    @Override
    public void send(String kernelId, Object message, Duration timeout) {
        Slot s = slot(kernelId);
        s.lock.lock();
        try {
            List<KernelState> open = List.of(KernelState.LAUNCHED, KernelState.ACTIVE, KernelState.DEACTIVATED);
            if (!open.contains(s.state)) {
                throw s.stateError(open);
            }
            if (!s.options.inputType().isInstance(message)) {
                throw new MessageValidationException(s.options.inputType().getSimpleName(), "message",
                        "expected " + s.options.inputType().getName() + ", got " + message.getClass().getName());
            }
            if (loseThirdMessage && ++s.sent == 3) {
                return; // the flaw: accepted, never delivered
            }
            long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
            while (s.in.full()) {
                switch (s.options.backpressure()) {
                    case REJECT -> throw new QueueFullException(s.options.inputQueueSize());
                    case DROP_OLDEST -> s.in.dropOldest();
                    case BLOCK -> {
                        if (!s.await(deadline, timeout != null)) {
                            throw new QueueFullException(s.options.inputQueueSize());
                        }
                        if (!open.contains(s.state)) {
                            throw s.stateError(open);
                        }
                    }
                }
            }
            s.in.add(message);
            s.changed.signalAll();
        } finally {
            s.lock.unlock();
        }
    }

    @Override
    public <O> O receive(String kernelId) {
        return receive(kernelId, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <O> O receive(String kernelId, Duration timeout) {
        Slot s = slot(kernelId);
        s.lock.lock();
        try {
            long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
            while (true) {
                if (!s.out.items.isEmpty()) {
                    Object m = s.out.poll();
                    s.changed.signalAll();
                    return (O) m;
                }
                if (s.state == KernelState.FAILED || s.state == KernelState.TERMINATED
                        || s.state == KernelState.TERMINATING) {
                    throw s.stateError(List.of(KernelState.ACTIVE));
                }
                if (!s.await(deadline, timeout != null)) {
                    throw new QueueEmptyException();
                }
            }
        } finally {
            s.lock.unlock();
        }
    }

    @Override
    public KernelState state(String kernelId) {
        Slot s = slot(kernelId);
        s.lock.lock();
        try {
            return s.state;
        } finally {
            s.lock.unlock();
        }
    }

    @Override
    public synchronized Set<String> kernelIds() {
        return new LinkedHashSet<>(kernels.keySet());
    }

    @Override
    public void close() {
        List<Slot> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(kernels.values());
        }
        List<Throwable> failures = new ArrayList<>();
        for (Slot s : all) {
            stop(s);
            if (s.failure != null) {
                failures.add(s.failure);
            }
        }
        if (!failures.isEmpty()) {
            throw new ComputeExceptionGroup("closing the ring kernels", failures);
        }
    }
}
