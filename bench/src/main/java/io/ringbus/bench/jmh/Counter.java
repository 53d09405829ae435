package io.ringbus.bench.jmh;

import io.ringbus.bench.Msg;
import io.ringbus.bench.Receiver;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A receiver that counts what it got, on a cache line of its own so that counters of competing receivers do
 * not share one; it reads the payload so delivery cannot be optimised away.
 * <p>
 * <b>Note:</b> one writer (the subject's receiver thread), any number of readers.
 */
@SuppressWarnings("unused")
final class Counter implements Receiver
{
    private static final VarHandle COUNT;

    static
    {
        try
        {
            COUNT = MethodHandles.lookup().findVarHandle(Counter.class, "count", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
    private long count;
    private long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
    private int sink;

    @Override
    public void onMessage(final Msg msg)
    {
        sink += msg.touch();
        COUNT.setRelease(this, count + 1);
    }

    long count()
    {
        return (long)COUNT.getAcquire(this);
    }
}
