package io.ringbus.bench.subjects;

import io.ringbus.bench.Session;
import org.jctools.queues.MpmcArrayQueue;

/**
 * JCTools {@code MpmcArrayQueue}: one sender, polling consumer threads competing for messages.
 * <p>
 * <b>Note:</b> one sender per link.
 */
public final class JcToolsMpmcSubject extends StrategySubject
{
    /**
     * @param idle the consumer threads' idle strategy: busy-spin, yielding or backoff.
     */
    public JcToolsMpmcSubject(final Idle idle)
    {
        super(idle, idle::agrona);
    }

    @Override
    public String name()
    {
        return "jctools-mpmc";
    }

    @Override
    public Session open()
    {
        return new PolledQueueSession(name(), idle, () -> new MpmcArrayQueue<>(Bounds.CAPACITY), true);
    }
}
