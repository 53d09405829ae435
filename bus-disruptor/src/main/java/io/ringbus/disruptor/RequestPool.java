package io.ringbus.disruptor;

import org.jctools.queues.MpmcArrayQueue;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Free {@link PendingRequest}s of one bus, so that a request/reply round trip allocates nothing once warm.
 * Any thread takes and returns entries (a JCTools MPMC array queue); when it is empty a new entry is made, when
 * it is full a returned entry is left to the garbage collector.
 * <p>
 * <b>Note:</b> thread-safe.
 */
final class RequestPool
{
    static final int CAPACITY = 1024;

    final ErrorReporter errors;
    private final MpmcArrayQueue<PendingRequest> free = new MpmcArrayQueue<>(CAPACITY);
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    RequestPool(final ErrorReporter errors)
    {
        this.errors = errors;
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
