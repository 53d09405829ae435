package io.ringbus.disruptor;

import io.ringbus.api.BusClosedException;

import java.lang.invoke.VarHandle;

/**
 * What every destination and subscriber of one bus shares: its configuration, its closed flag, its error
 * reporting and its dispatchers.
 * <p>
 * <b>Note:</b> thread-safe.
 */
final class Engine
{
    final BusConfig config;
    final ErrorReporter errors;
    final DispatcherPool dispatchers;
    private volatile boolean closed;

    Engine(final BusConfig config)
    {
        this.config = config;
        this.errors = new ErrorReporter(config.errorHandler());
        this.dispatchers = new DispatcherPool(config, errors);
    }

    boolean isClosed()
    {
        return closed;
    }

    void markClosed()
    {
        closed = true;
        // StoreLoad before close() reads the cursors: Sequence.get() is an acquire load, not a volatile one.
        VarHandle.fullFence();
    }

    void ensureOpen(final String what)
    {
        if (closed)
        {
            throw closedException(what);
        }
    }

    BusClosedException closedException(final String what)
    {
        return new BusClosedException("the bus is closed: '" + what + "' accepts nothing more");
    }
}
