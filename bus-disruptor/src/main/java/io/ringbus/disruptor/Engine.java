package io.ringbus.disruptor;

import io.ringbus.api.BusClosedException;

import java.lang.invoke.VarHandle;

/**
 * What every destination and subscriber of one bus shares: its configuration, its closed flag, its error
 * reporting, its dispatchers and its timer.
 * <p>
 * <b>Note:</b> thread-safe.
 */
final class Engine
{
    final BusConfig config;
    final ErrorReporter errors;
    final DispatcherPool dispatchers;
    private volatile TimerAgent timer;
    private volatile boolean closed;

    Engine(final BusConfig config)
    {
        this.config = config;
        this.errors = new ErrorReporter(config.errorHandler());
        this.dispatchers = new DispatcherPool(config, errors);
    }

    /**
     * The bus's timer, made on first use: a bus that never delays, retries or requests pays nothing for it.
     */
    TimerAgent timer()
    {
        final TimerAgent t = timer;
        return t != null ? t : createTimer();
    }

    private synchronized TimerAgent createTimer()
    {
        if (timer == null)
        {
            timer = new TimerAgent(config.clock(), config.timerTickNanos(), errors);
        }
        return timer;
    }

    /**
     * @return the timer, or {@code null} if nothing has used it.
     */
    TimerAgent timerIfMade()
    {
        return timer;
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
