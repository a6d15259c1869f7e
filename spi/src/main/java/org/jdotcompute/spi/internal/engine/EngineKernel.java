package org.jdotcompute.spi.internal.engine;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.spi.BackendKernel;

/** A compiled kernel as the engine hands it to users: the backend's kernel plus counters. */
final class EngineKernel implements CompiledKernel {
    private final EngineRuntime owner;
    private final String name;
    private final Optional<Method> method;
    private final List<Class<?>> parameterTypes;
    private final String backendId;
    private final CheckMode checks;
    final BackendKernel backendKernel;
    private final AtomicLong launches = new AtomicLong();
    private final AtomicLong totalNanos = new AtomicLong();
    private volatile long lastNanos;

    EngineKernel(EngineRuntime owner, String name, Optional<Method> method, List<Class<?>> parameterTypes,
            String backendId, CheckMode checks, BackendKernel backendKernel) {
        this.owner = owner;
        this.name = name;
        this.method = method;
        this.parameterTypes = List.copyOf(parameterTypes);
        this.backendId = backendId;
        this.checks = checks;
        this.backendKernel = backendKernel;
    }

    EngineRuntime owner() {
        return owner;
    }

    void recordLaunch(long nanos) {
        launches.incrementAndGet();
        totalNanos.addAndGet(nanos);
        lastNanos = nanos;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Method> method() {
        return method;
    }

    @Override
    public List<Class<?>> parameterTypes() {
        return parameterTypes;
    }

    @Override
    public String backendId() {
        return backendId;
    }

    @Override
    public CheckMode checks() {
        return checks;
    }

    @Override
    public long launchCount() {
        return launches.get();
    }

    @Override
    public Duration totalDuration() {
        return Duration.ofNanos(totalNanos.get());
    }

    @Override
    public Duration lastDuration() {
        return Duration.ofNanos(lastNanos);
    }

    @Override
    public String toString() {
        return "CompiledKernel[" + name + " on " + backendId + "]";
    }
}
