package io.ringbus.disruptor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A count with one writer and any number of readers: a plain increment published with a release store, so the
 * writer pays no fence and readers see a recent value.
 * <p>
 * <b>Note:</b> {@link #increment()} from one thread only.
 */
final class Counter
{
    private static final VarHandle VALUE;

    static
    {
        try
        {
            VALUE = MethodHandles.lookup().findVarHandle(Counter.class, "value", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    @SuppressWarnings("unused") // accessed through VALUE
    private long value;

    void increment()
    {
        VALUE.setRelease(this, (long)VALUE.getOpaque(this) + 1);
    }

    long get()
    {
        return (long)VALUE.getAcquire(this);
    }
}
