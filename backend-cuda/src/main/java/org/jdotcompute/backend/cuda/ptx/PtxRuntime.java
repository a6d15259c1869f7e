package org.jdotcompute.backend.cuda.ptx;

/**
 * Hand-written PTX helper functions the emitter adds to a module when a kernel needs them.
 * Each is exact (bit-identical to the JVM).
 */
final class PtxRuntime {
    private PtxRuntime() {
    }

    /** The name of the {@code double} remainder helper. */
    static final String FMOD = "jdc_fmod_f64";

    /**
     * {@code x % y} on doubles with Java's semantics (IEEE {@code fmod}: truncated quotient, the
     * result has the dividend's sign and is exact). Special cases: NaN if {@code x} is infinite or
     * NaN, or {@code y} is zero or NaN; {@code x} if {@code |x| < |y|} (so also for an infinite
     * {@code y}); a zero with {@code x}'s sign if the division is exact. Otherwise the binary long
     * division of the two significands (shift and subtract, one step per exponent difference),
     * then the remainder is renormalised with the divisor's exponent, which is exact because the
     * remainder is a multiple of the smaller operand's quantum. {@code float} remainders widen to
     * double (exactly), use this, and narrow back (exactly: the result is representable).
     */
    static final String FMOD_PTX = """
            // jdc_fmod_f64(x, y): Java's x % y on doubles (IEEE fmod), exact
            .func (.param .f64 jdc_fmod_ret) jdc_fmod_f64(
            \t.param .f64 jdc_fmod_x,
            \t.param .f64 jdc_fmod_y
            )
            {
            \t.reg .pred %p<4>;
            \t.reg .b32 %e<3>;
            \t.reg .b64 %x<10>;
            \t.reg .f64 %d<3>;
            \tld.param.f64 %d0, [jdc_fmod_x];
            \tld.param.f64 %d1, [jdc_fmod_y];
            \tmov.b64 %x0, %d0;
            \tmov.b64 %x1, %d1;
            \tand.b64 %x2, %x0, 0x8000000000000000;
            \tand.b64 %x3, %x0, 0x7FFFFFFFFFFFFFFF;
            \tand.b64 %x4, %x1, 0x7FFFFFFFFFFFFFFF;
            \tsetp.eq.u64 %p0, %x4, 0;
            \tsetp.ge.or.u64 %p0, %x3, 0x7FF0000000000000, %p0;
            \tsetp.gt.or.u64 %p0, %x4, 0x7FF0000000000000, %p0;
            \t@%p0 bra $Lnan;
            \tsetp.lt.u64 %p1, %x3, %x4;
            \t@%p1 bra $Lretx;
            \tsetp.eq.u64 %p1, %x3, %x4;
            \t@%p1 bra $Lzero;
            \tshr.u64 %x5, %x3, 52;
            \tcvt.u32.u64 %e0, %x5;
            \tshr.u64 %x5, %x4, 52;
            \tcvt.u32.u64 %e1, %x5;
            \tand.b64 %x6, %x3, 0x000FFFFFFFFFFFFF;
            \tand.b64 %x7, %x4, 0x000FFFFFFFFFFFFF;
            \tsetp.eq.u32 %p1, %e0, 0;
            \t@%p1 bra $Lxsub;
            \tor.b64 %x6, %x6, 0x0010000000000000;
            \tbra $Lxdone;
            $Lxsub:
            \tmov.u32 %e0, 1;
            $Lxnorm:
            \tand.b64 %x8, %x6, 0x0010000000000000;
            \tsetp.ne.u64 %p2, %x8, 0;
            \t@%p2 bra $Lxdone;
            \tshl.b64 %x6, %x6, 1;
            \tsub.s32 %e0, %e0, 1;
            \tbra $Lxnorm;
            $Lxdone:
            \tsetp.eq.u32 %p1, %e1, 0;
            \t@%p1 bra $Lysub;
            \tor.b64 %x7, %x7, 0x0010000000000000;
            \tbra $Lydone;
            $Lysub:
            \tmov.u32 %e1, 1;
            $Lynorm:
            \tand.b64 %x8, %x7, 0x0010000000000000;
            \tsetp.ne.u64 %p2, %x8, 0;
            \t@%p2 bra $Lydone;
            \tshl.b64 %x7, %x7, 1;
            \tsub.s32 %e1, %e1, 1;
            \tbra $Lynorm;
            $Lydone:
            $Lloop:
            \tsetp.le.s32 %p1, %e0, %e1;
            \t@%p1 bra $Llast;
            \tsetp.ge.u64 %p2, %x6, %x7;
            \t@%p2 sub.s64 %x6, %x6, %x7;
            \tsetp.eq.u64 %p3, %x6, 0;
            \t@%p3 bra $Lzero;
            \tshl.b64 %x6, %x6, 1;
            \tsub.s32 %e0, %e0, 1;
            \tbra $Lloop;
            $Llast:
            \tsetp.ge.u64 %p2, %x6, %x7;
            \t@%p2 sub.s64 %x6, %x6, %x7;
            \tsetp.eq.u64 %p3, %x6, 0;
            \t@%p3 bra $Lzero;
            $Lrnorm:
            \tand.b64 %x8, %x6, 0x0010000000000000;
            \tsetp.ne.u64 %p2, %x8, 0;
            \t@%p2 bra $Lscale;
            \tshl.b64 %x6, %x6, 1;
            \tsub.s32 %e1, %e1, 1;
            \tbra $Lrnorm;
            $Lscale:
            \tsetp.lt.s32 %p1, %e1, 1;
            \t@%p1 bra $Lsubnormal;
            \tand.b64 %x6, %x6, 0x000FFFFFFFFFFFFF;
            \tcvt.u64.u32 %x9, %e1;
            \tshl.b64 %x9, %x9, 52;
            \tor.b64 %x6, %x6, %x9;
            \tbra $Lsign;
            $Lsubnormal:
            \tmov.u32 %e2, 1;
            \tsub.s32 %e2, %e2, %e1;
            \tshr.u64 %x6, %x6, %e2;
            $Lsign:
            \tor.b64 %x6, %x6, %x2;
            \tmov.b64 %d2, %x6;
            \tst.param.f64 [jdc_fmod_ret], %d2;
            \tret;
            $Lnan:
            \tmov.f64 %d2, 0d7FF8000000000000;
            \tst.param.f64 [jdc_fmod_ret], %d2;
            \tret;
            $Lretx:
            \tst.param.f64 [jdc_fmod_ret], %d0;
            \tret;
            $Lzero:
            \tmov.b64 %d2, %x2;
            \tst.param.f64 [jdc_fmod_ret], %d2;
            \tret;
            }
            """;
}
