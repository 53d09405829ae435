package io.ringbus.bench.subjects;

import io.ringbus.bench.Session;
import io.ringbus.bench.Subject;
import org.jctools.queues.MpmcArrayQueue;

/**
 * JCTools {@code MpmcArrayQueue}: one sender, polling consumer threads competing for messages.
 * <p>
 * <b>Note:</b> one sender per link.
 */
public final class JcToolsMpmcSubject implements Subject
{
    private final Idle idle;

    /**
     * @param idle the consumer threads' idle strategy: busy-spin, yielding or backoff.
     */
    public JcToolsMpmcSubject(final Idle idle)
    {
        this.idle = idle;
        idle.agrona();
    }

    @Override
    public String name()
    {
        return "jctools-mpmc";
    }

    @Override
    public String idle()
    {
        return idle.label();
    }

    @Override
    public Session open()
    {
        return new PolledQueueSession(name(), idle, () -> new MpmcArrayQueue<>(Bounds.CAPACITY), true);
    }
}
