package io.ringbus.bench.subjects;

import io.ringbus.bench.Session;
import org.jctools.queues.SpscArrayQueue;

/**
 * JCTools {@code SpscArrayQueue}: one sender, one polling consumer thread.
 * <p>
 * <b>Note:</b> one sender per link.
 */
public final class JcToolsSpscSubject extends StrategySubject
{
    /**
     * @param idle the consumer thread's idle strategy: busy-spin, yielding or backoff.
     */
    public JcToolsSpscSubject(final Idle idle)
    {
        super(idle, idle::agrona);
    }

    @Override
    public String name()
    {
        return "jctools-spsc";
    }

    @Override
    public Session open()
    {
        return new PolledQueueSession(name(), idle, () -> new SpscArrayQueue<>(Bounds.CAPACITY), false);
    }
}
