package io.ringbus.disruptor;

import io.ringbus.api.IdleStrategyKind;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Agrona agent that polls the subscribers assigned to it, on one thread. Shared dispatchers serve many
 * light subscriptions so that hundreds of destinations do not mean hundreds of threads; a dedicated one
 * serves one subscription and stops when that subscription is closed.
 * <p>
 * <b>Note:</b> the {@link Agent} methods run on the dispatcher's own thread; the others are thread-safe.
 */
final class Dispatcher implements Agent
{
    private static final RingSubscriber[] NONE = new RingSubscriber[0];
    private static final int NEW = 0;
    private static final int STARTED = 1;
    private static final int CLOSED = 2;

    private final String roleName;
    private final boolean dedicated;
    private final ParkingIdleStrategy parking;
    private final AgentRunner runner;
    private final ErrorReporter errors;
    private volatile RingSubscriber[] subscribers = NONE;
    private final AtomicInteger state = new AtomicInteger(NEW);
    private volatile boolean retired;
    private long passes;
    private boolean interruptReported;

    Dispatcher(
        final String roleName,
        final boolean dedicated,
        final IdleStrategyKind idle,
        final ErrorReporter errors)
    {
        this.roleName = roleName;
        this.errors = errors;
        this.dedicated = dedicated;
        this.parking = idle == IdleStrategyKind.BACKOFF ? new ParkingIdleStrategy(this::hasWork) : null;
        final IdleStrategy strategy = switch (idle)
        {
            case BUSY_SPIN -> new BusySpinIdleStrategy();
            case YIELDING -> new YieldingIdleStrategy();
            case BACKOFF -> parking;
        };
        this.runner = new AgentRunner(strategy, this::onAgentError, null, this);
    }

    /**
     * Start the thread once; later calls, and calls after {@link #close()}, do nothing.
     */
    void start()
    {
        if (state.compareAndSet(NEW, STARTED))
        {
            AgentRunner.startOnThread(runner, r -> new DispatcherThread(r, this));
        }
    }

    @Override
    public void onStart()
    {
        if (parking != null)
        {
            parking.bindToCurrentThread();
        }
    }

    @Override
    public int doWork()
    {
        final RingSubscriber[] subscribers = this.subscribers;
        final int n = subscribers.length;
        // Start each pass at the next subscriber, so that consumers sharing this thread share its messages.
        final int first = n == 0 ? 0 : (int)(passes++ % n);
        int work = 0;
        for (int i = 0; i < n; i++)
        {
            final RingSubscriber s = subscribers[(first + i) % n];
            work += s.isClosing() ? s.detach() : s.poll();
        }
        if (retired && this.subscribers.length == 0)
        {
            throw new AgentTerminationException();
        }
        return work;
    }

    /**
     * A handler left the interrupt flag set; the bus itself stops this thread through AgentRunner.close(),
     * which clears its running flag first, so the interrupt was not meant for the dispatcher.
     */
    void interruptCleared(final RingSubscriber subscriber)
    {
        if (!interruptReported)
        {
            interruptReported = true;
            errors.report(roleName + ": the handler of " + subscriber +
                " left the thread's interrupt flag set; cleared (reported once per thread)");
        }
    }

    private void onAgentError(final Throwable ex)
    {
        if (!(ex instanceof AgentTerminationException))
        {
            errors.report("dispatcher " + roleName + " caught " + ex);
        }
    }

    @Override
    public void onClose()
    {
        for (final RingSubscriber s : subscribers)
        {
            s.detach();
        }
    }

    @Override
    public String roleName()
    {
        return roleName;
    }

    boolean isDedicated()
    {
        return dedicated;
    }

    /**
     * Called on the parking path only: is any subscriber behind its ring's cursor, or waiting to detach?
     */
    private boolean hasWork()
    {
        for (final RingSubscriber s : subscribers)
        {
            if (s.isClosing() || s.hasWork())
            {
                return true;
            }
        }
        return retired;
    }

    synchronized void add(final RingSubscriber subscriber)
    {
        subscribers = CopyOnWrite.with(subscribers, subscriber);
        wake();
    }

    synchronized void remove(final RingSubscriber subscriber)
    {
        subscribers = CopyOnWrite.without(subscribers, subscriber);
    }

    int load()
    {
        return subscribers.length;
    }

    boolean serves(final Destination destination)
    {
        for (final RingSubscriber s : subscribers)
        {
            if (s.destination == destination)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the parking idle strategy, {@code null} unless the idle strategy is {@code BACKOFF}; for tests of
     *         the wake-up protocol.
     */
    ParkingIdleStrategy parking()
    {
        return parking;
    }

    void wake()
    {
        if (parking != null)
        {
            parking.wake();
        }
    }

    /**
     * A dedicated dispatcher stops once its subscription is gone.
     */
    void retire()
    {
        retired = true;
        wake();
    }

    /**
     * @return whether the thread ran and ended (a dedicated dispatcher whose subscription closed).
     */
    boolean hasFinished()
    {
        return runner.isClosed();
    }

    boolean isRunning()
    {
        final Thread thread = runner.thread();
        return thread != null && thread != AgentRunner.TOMBSTONE && thread.isAlive();
    }

    /**
     * Stop and join the thread; subscribers still attached are detached on the way out.
     */
    void close(final int timeoutMs)
    {
        retired = true;
        wake();
        // Not under this object's monitor: the thread takes it to detach its subscribers on the way out.
        if (state.getAndSet(CLOSED) == STARTED)
        {
            try
            {
                runner.close(timeoutMs, thread ->
                {
                    throw new IllegalStateException(roleName + " did not stop within " + timeoutMs +
                        " ms: a handler is stuck in " + Arrays.toString(thread.getStackTrace()));
                });
            }
            catch (final IllegalStateException ex)
            {
                errors.report(ex.getMessage());
            }
        }
    }
}
