package org.jdotcompute.spi.internal.ring;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** The JDK Flight Recorder events of ring kernels. */
final class RingKernelEvents {
    private RingKernelEvents() {
    }

    /** A ring kernel changed state. */
    @Name("org.jdotcompute.RingKernelState")
    @Label("Ring Kernel State")
    @Category({"JDotCompute", "Ring Kernels"})
    @Description("A ring kernel moved from one lifecycle state to another")
    @StackTrace(false)
    static final class StateChange extends Event {
        @Label("Kernel")
        String kernelId;

        @Label("From")
        String from;

        @Label("To")
        String to;
    }

    /** A ring kernel's handler threw. */
    @Name("org.jdotcompute.RingKernelFailure")
    @Label("Ring Kernel Failure")
    @Category({"JDotCompute", "Ring Kernels"})
    @Description("A ring kernel's handler threw; the kernel is now FAILED")
    @StackTrace(false)
    static final class Failure extends Event {
        @Label("Kernel")
        String kernelId;

        @Label("Exception Class")
        String exceptionClass;

        @Label("Message")
        String message;
    }

    /** One handled message (off by default: one event per message). */
    @Name("org.jdotcompute.RingKernelMessage")
    @Label("Ring Kernel Message")
    @Category({"JDotCompute", "Ring Kernels"})
    @Description("A ring kernel handled one message")
    @Enabled(false)
    @StackTrace(false)
    static final class Message extends Event {
        @Label("Kernel")
        String kernelId;

        @Label("Handler Time")
        @Timespan(Timespan.NANOSECONDS)
        long handlerTime;
    }

    /** Every kernel's counters, once a second while a recording runs. */
    @Name("org.jdotcompute.RingKernelStatistics")
    @Label("Ring Kernel Statistics")
    @Category({"JDotCompute", "Ring Kernels"})
    @Description("The counters of one ring kernel")
    @Period("1 s")
    @StackTrace(false)
    static final class Statistics extends Event {
        @Label("Kernel")
        String kernelId;

        @Label("State")
        String state;

        @Label("Messages In")
        long messagesIn;

        @Label("Messages Out")
        long messagesOut;

        @Label("Dropped")
        long dropped;

        @Label("Rejected")
        long rejected;

        @Label("Failures")
        long failures;

        @Label("Input Queue Depth (messages)")
        long inputDepth;

        @Label("Output Queue Depth (messages)")
        long outputDepth;

        @Label("Input High-Water Mark")
        long inputHighWaterMark;

        @Label("Output High-Water Mark")
        long outputHighWaterMark;

        @Label("Handler Time")
        @Timespan(Timespan.NANOSECONDS)
        long handlerTime;

        @Label("Latency p50")
        @Timespan(Timespan.NANOSECONDS)
        long latencyP50;

        @Label("Latency p99")
        @Timespan(Timespan.NANOSECONDS)
        long latencyP99;
    }
}
