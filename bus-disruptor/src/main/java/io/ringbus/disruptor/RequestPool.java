package io.ringbus.disruptor;

import org.jctools.queues.MpmcArrayQueue;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Free {@link PendingRequest}s of one bus, so that a request/reply round trip allocates nothing once warm.
 * Made with the bus's first responder, so a bus without request/reply pays nothing for it.
 * Any thread takes and returns entries (a JCTools MPMC array queue); when it is empty a new entry is made, when
 * it is full a returned entry is left to the garbage collector.
 * <p>
 * <b>Note:</b> thread-safe.
 */
final class RequestPool
{
    /**
     * Enough for the requests a bus keeps in flight at a high rate: those queued at addresses, in responders'
     * hands, and those whose timer the timer thread has yet to cancel (up to a tick's worth).
     */
    static final int CAPACITY = 1 << 14;

    final ErrorReporter errors;
    private final MpmcArrayQueue<PendingRequest> free;
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    RequestPool(final ErrorReporter errors)
    {
        this(errors, CAPACITY);
    }

    RequestPool(final ErrorReporter errors, final int capacity)
    {
        this.errors = errors;
        this.free = new MpmcArrayQueue<>(capacity);
    }

    /**
     * @return entries waiting in the pool.
     */
    int free()
    {
        return free.size();
    }

    PendingRequest acquire()
    {
        final PendingRequest pooled = free.poll();
        if (pooled != null)
        {
            return pooled;
        }
        created.incrementAndGet();
        return new PendingRequest(this);
    }

    void release(final PendingRequest entry)
    {
        if (!free.offer(entry))
        {
            dropped.incrementAndGet();
        }
    }

    /**
     * @return entries taken and not yet returned: requests in flight, or held by a responder still busy with one.
     */
    long inUse()
    {
        return created.get() - dropped.get() - free.size();
    }

    /**
     * @return entries ever made.
     */
    long created()
    {
        return created.get();
    }
}
