package io.ringbus.ipc;

/**
 * A counter with one writer (the receiver thread) and any number of readers.
 */
final class SingleWriterCounter
{
    private static final java.lang.invoke.VarHandle VALUE;

    static
    {
        try
        {
            VALUE = java.lang.invoke.MethodHandles.lookup().findVarHandle(SingleWriterCounter.class, "value", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private long value;

    void increment()
    {
        // single writer: no lost updates; a release store, not a volatile one, keeps the per-frame cost low
        VALUE.setRelease(this, value + 1);
    }

    long get()
    {
        return (long)VALUE.getAcquire(this);
    }
}
