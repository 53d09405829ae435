package io.ringbus.disruptor;

/**
 * A thread that runs one {@link Dispatcher}: lets publish and close calls tell whether they run inside a
 * handler, where waiting on the bus's own threads would deadlock.
 */
final class DispatcherThread extends Thread
{
    private final Dispatcher dispatcher;

    DispatcherThread(final Runnable runner, final Dispatcher dispatcher)
    {
        super(runner, dispatcher.roleName());
        this.dispatcher = dispatcher;
    }

    static Dispatcher current()
    {
        return Thread.currentThread() instanceof DispatcherThread t ? t.dispatcher : null;
    }
}
