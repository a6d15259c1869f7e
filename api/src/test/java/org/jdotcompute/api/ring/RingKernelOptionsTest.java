package org.jdotcompute.api.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RingKernelOptions")
class RingKernelOptionsTest {
    record Ping(int n) {
    }

    @Test
    @DisplayName("defaults to queues of 4096, BLOCK, no priorities, any type, a platform thread, every latency")
    void defaults() {
        var o = RingKernelOptions.defaults();
        assertEquals(4096, o.inputQueueSize());
        assertEquals(4096, o.outputQueueSize());
        assertEquals(BackpressureStrategy.BLOCK, o.backpressure());
        assertFalse(o.priority());
        assertEquals(Object.class, o.inputType());
        assertEquals(Object.class, o.outputType());
        assertFalse(o.virtualThread());
        assertFalse(o.singleProducer());
        assertEquals(Optional.empty(), o.inputCodec());
        assertEquals(1, o.latencySampling());
    }

    @Test
    @DisplayName("every with-method changes one option and leaves the original untouched")
    void withers() {
        var d = RingKernelOptions.defaults();
        var o = d.withInputQueueSize(8).withOutputQueueSize(16).withBackpressure(BackpressureStrategy.REJECT)
                .withPriority(true).withInputType(String.class).withOutputType(Integer.class).withVirtualThread(true)
                .withSingleProducer(true).withLatencySampling(4);
        assertEquals(new RingKernelOptions(8, 16, BackpressureStrategy.REJECT, true, String.class, Integer.class, true,
                true, Optional.empty(), Optional.empty(), 4), o);
        assertEquals(RingKernelOptions.defaults(), d);
    }

    @Test
    @DisplayName("rejects bad sizes and primitive types, naming them")
    void invalid() {
        var e = assertThrows(IllegalArgumentException.class, () -> RingKernelOptions.defaults().withInputQueueSize(0));
        assertEquals("input queue size 0 must be positive", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RingKernelOptions.defaults().withOutputQueueSize(-1));
        assertEquals("output queue size -1 must be positive", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RingKernelOptions.defaults().withInputType(int.class));
        assertEquals("message types must be reference types; got int -> java.lang.Object (use the wrapper class,"
                + " e.g. Integer)", e.getMessage());
        assertThrows(NullPointerException.class, () -> RingKernelOptions.defaults().withBackpressure(null));
    }

    @Test
    @DisplayName("a codec fixes the message type; another type with it is refused")
    void codecs() {
        var codec = MessageCodec.of(MethodHandles.lookup(), Ping.class);
        var o = RingKernelOptions.defaults().withInputCodec(codec).withOutputCodec(codec);
        assertEquals(Ping.class, o.inputType());
        assertEquals(Ping.class, o.outputType());
        assertTrue(o.inputCodec().isPresent());
        var e = assertThrows(IllegalArgumentException.class, () -> o.withInputType(String.class));
        assertEquals("the input type java.lang.String differs from the input codec's type " + Ping.class.getName()
                + "; a codec fixes the input type, so drop the withInputType call", e.getMessage());
    }

    @Test
    @DisplayName("RingKernel.mapping rejects a null function")
    void mapping() {
        assertThrows(NullPointerException.class, () -> RingKernel.mapping(null));
    }
}
