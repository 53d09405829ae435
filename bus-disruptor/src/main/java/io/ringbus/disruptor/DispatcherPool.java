package io.ringbus.disruptor;

import io.ringbus.api.BusClosedException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared dispatcher threads, fixed in number, and the dedicated ones made on request.
 * <p>
 * <b>Note:</b> thread-safe.
 */
final class DispatcherPool
{
    private static final int SAME_DESTINATION_PENALTY = 1 << 20;

    private final BusConfig config;
    private final ErrorReporter errors;
    private final Dispatcher[] shared;
    private final List<Dispatcher> dedicated = new ArrayList<>();
    private final AtomicInteger dedicatedIds = new AtomicInteger();
    private boolean closed;

    DispatcherPool(final BusConfig config, final ErrorReporter errors)
    {
        this.config = config;
        this.errors = errors;
        this.shared = new Dispatcher[config.dispatcherThreads()];
        for (int i = 0; i < shared.length; i++)
        {
            shared[i] = newDispatcher("ringbus-dispatcher-" + i, false);
        }
    }

    private Dispatcher newDispatcher(final String name, final boolean isDedicated)
    {
        return new Dispatcher(name, isDedicated, config.idleStrategy(), errors, Dispatcher.LINGER_PASSES);
    }

    /**
     * A dispatcher for a new subscriber: its own thread if asked, else the least loaded shared one, preferring
     * one that does not already serve the destination so that competing consumers run in parallel.
     */
    Dispatcher choose(final Destination destination, final boolean ownThread)
    {
        if (ownThread)
        {
            final Dispatcher d = newDispatcher("ringbus-dedicated-" + dedicatedIds.incrementAndGet(), true);
            synchronized (dedicated)
            {
                if (closed)
                {
                    throw new BusClosedException("the bus is closed: no new dispatcher thread");
                }
                dedicated.removeIf(Dispatcher::hasFinished);
                dedicated.add(d);
                d.start();
            }
            return d;
        }
        Dispatcher best = null;
        int bestScore = Integer.MAX_VALUE;
        for (final Dispatcher d : shared)
        {
            final int score = d.load() + (destination != null && d.serves(destination) ? SAME_DESTINATION_PENALTY : 0);
            if (score < bestScore)
            {
                best = d;
                bestScore = score;
            }
        }
        // Threads start with their first subscriber: a bus nobody consumes from costs no thread.
        best.start();
        return best;
    }

    boolean owns(final Dispatcher dispatcher)
    {
        for (final Dispatcher d : shared)
        {
            if (d == dispatcher)
            {
                return true;
            }
        }
        synchronized (dedicated)
        {
            return dedicated.contains(dispatcher);
        }
    }

    int liveThreads()
    {
        int live = 0;
        for (final Dispatcher d : shared)
        {
            live += d.isRunning() ? 1 : 0;
        }
        synchronized (dedicated)
        {
            for (final Dispatcher d : dedicated)
            {
                live += d.isRunning() ? 1 : 0;
            }
        }
        return live;
    }

    void wakeAll()
    {
        for (final Dispatcher d : shared)
        {
            d.wake();
        }
        synchronized (dedicated)
        {
            dedicated.forEach(Dispatcher::wake);
        }
    }

    /**
     * Stop and join every thread.
     */
    void close()
    {
        final List<Dispatcher> all = new ArrayList<>(List.of(shared));
        synchronized (dedicated)
        {
            closed = true;
            all.addAll(dedicated);
            dedicated.clear();
        }
        // One deadline for all: a stuck thread does not get the whole timeout again after another one did.
        final long deadline = System.nanoTime() + config.closeTimeout().toNanos();
        for (final Dispatcher d : all)
        {
            final long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            d.close((int)Math.max(1, Math.min(Integer.MAX_VALUE, remainingMs)));
        }
    }
}
