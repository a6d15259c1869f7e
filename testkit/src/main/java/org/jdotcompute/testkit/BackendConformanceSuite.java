package org.jdotcompute.testkit;

import org.jdotcompute.spi.BackendProvider;
import org.jdotcompute.testkit.rules.CapabilityRules;
import org.jdotcompute.testkit.rules.ConcurrencyRules;
import org.jdotcompute.testkit.rules.DeviceExceptionRules;
import org.jdotcompute.testkit.rules.DiscoveryRules;
import org.jdotcompute.testkit.rules.ExceptionRules;
import org.jdotcompute.testkit.rules.KernelRules;
import org.jdotcompute.testkit.rules.LifecycleRules;
import org.jdotcompute.testkit.rules.MemoryRules;
import org.jdotcompute.testkit.rules.NumericsRules;
import org.jdotcompute.testkit.rules.RingKernelRules;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The conformance suite every backend runs: extend it in the backend's test tree, name the backend,
 * and JUnit runs every rule group below as an inherited {@code @Nested} class.
 *
 * <pre>{@code
 * class MyBackendConformanceTest extends BackendConformanceSuite {
 *     @Override
 *     protected String backendId() {
 *         return "mine";
 *     }
 * }
 * }</pre>
 *
 * <p>By default the backend is found as an application finds it ({@link RuntimeFactory#discovered});
 * override {@link #runtimeFactory()} to test a provider that is not packaged
 * ({@code RuntimeFactory.of(new MyProvider())}).
 *
 * <p>How it reports: every test's display name starts with a rule id ({@code KRN-008 matmul with
 * local tiles ...}). A rule needing a capability the backend does not publish is skipped with
 * {@code capability FP64 absent: ...}, and rule CAP-002 checks that such kernels are rejected.
 * If the backend is unavailable here, the whole suite is skipped with the probe's reason — unless
 * the environment variable {@value ConformanceSettings#REQUIRE_BACKENDS_ENV} names it (or the
 * configuration parameter {@value ConformanceSettings#REQUIRE} is {@code true}), then it fails.
 * Inputs come from a seeded generator; the seed is printed with every failure and set with
 * {@value ConformanceSettings#SEED}. Every launch is checked against the backend's own launch
 * counter. The report listener ({@link org.jdotcompute.testkit.report.ConformanceReportListener},
 * registered automatically) writes {@code target/conformance/<backend>.md} and {@code .json}.
 *
 * <p>Instances are created by JUnit, one per suite run ({@code PER_CLASS}); the rules run on one
 * thread, in rule-id order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SuiteExtension.class)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.SAME_THREAD)
public abstract class BackendConformanceSuite {

    /** For subclasses. */
    protected BackendConformanceSuite() {
    }

    /** The id of the backend under test, as its provider reports it ({@code "cpu"}, {@code "opencl"}). */
    protected abstract String backendId();

    /**
     * How the suite reaches the backend. The default finds {@link #backendId()} on the module path
     * or class path; override it to test a {@link BackendProvider} instance directly with
     * {@link RuntimeFactory#of(BackendProvider)}.
     */
    protected RuntimeFactory runtimeFactory() {
        return RuntimeFactory.discovered(backendId());
    }

    /** The backend id for this run; the runner's subclass reads it from the configuration. */
    String configuredBackendId(ExtensionContext context) {
        return backendId();
    }

    /** The runtime factory for this run; {@code resources} receives what must be closed after it. */
    RuntimeFactory configuredFactory(ExtensionContext context, String backendId, ExtensionContext.Store resources) {
        return runtimeFactory();
    }

    /** DSC rules. */
    @Nested
    @Order(1)
    @DisplayName("DSC discovery and probe honesty")
    public class Discovery extends DiscoveryRules {
        /** For JUnit. */
        public Discovery() {
        }
    }

    /** CAP rules. */
    @Nested
    @Order(2)
    @DisplayName("CAP capabilities")
    public class Capabilities extends CapabilityRules {
        /** For JUnit. */
        public Capabilities() {
        }
    }

    /** LIF rules. */
    @Nested
    @Order(3)
    @DisplayName("LIF lifecycle and close")
    public class Lifecycle extends LifecycleRules {
        /** For JUnit. */
        public Lifecycle() {
        }
    }

    /** MEM rules. */
    @Nested
    @Order(4)
    @DisplayName("MEM memory")
    public class Memory extends MemoryRules {
        /** For JUnit. */
        public Memory() {
        }
    }

    /** KRN rules. */
    @Nested
    @Order(5)
    @DisplayName("KRN data-parallel kernels")
    public class Kernels extends KernelRules {
        /** For JUnit. */
        public Kernels() {
        }
    }

    /** NUM rules. */
    @Nested
    @Order(6)
    @DisplayName("NUM numerics")
    public class Numerics extends NumericsRules {
        /** For JUnit. */
        public Numerics() {
        }
    }

    /** DEX rules. */
    @Nested
    @Order(7)
    @DisplayName("DEX device exceptions")
    public class DeviceExceptions extends DeviceExceptionRules {
        /** For JUnit. */
        public DeviceExceptions() {
        }
    }

    /** RNG rules. */
    @Nested
    @Order(8)
    @DisplayName("RNG ring kernels")
    public class RingKernels extends RingKernelRules {
        /** For JUnit. */
        public RingKernels() {
        }
    }

    /** EXC rules. */
    @Nested
    @Order(9)
    @DisplayName("EXC exceptions")
    public class Exceptions extends ExceptionRules {
        /** For JUnit. */
        public Exceptions() {
        }
    }

    /** CON rules. */
    @Nested
    @Order(10)
    @DisplayName("CON concurrency")
    public class Concurrency extends ConcurrencyRules {
        /** For JUnit. */
        public Concurrency() {
        }
    }
}
