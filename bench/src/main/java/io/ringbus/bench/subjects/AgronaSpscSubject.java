package io.ringbus.bench.subjects;

import io.ringbus.bench.Session;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

/**
 * Agrona {@code OneToOneConcurrentArrayQueue}: one sender, one polling consumer thread.
 * <p>
 * <b>Note:</b> one sender per link.
 */
public final class AgronaSpscSubject extends StrategySubject
{
    /**
     * @param idle the consumer thread's idle strategy: busy-spin, yielding or backoff.
     */
    public AgronaSpscSubject(final Idle idle)
    {
        super(idle, idle::agrona);
    }

    @Override
    public String name()
    {
        return "agrona-spsc";
    }

    @Override
    public Session open()
    {
        return new PolledQueueSession(name(), idle, () -> new OneToOneConcurrentArrayQueue<>(Bounds.CAPACITY), false);
    }
}
