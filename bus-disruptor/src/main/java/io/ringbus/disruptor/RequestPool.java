package io.ringbus.disruptor;

import org.jctools.queues.MpmcArrayQueue;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link PendingRequest}s of one bus: a free list, so that a request/reply round trip allocates nothing once
 * warm, and a registry of every entry in use or free, which the timer sweeps for timeouts
 * ({@link TimerAgent.Sweeper}). Made with the bus's first responder, so a bus without request/reply pays nothing
 * for it.
 * <p>
 * Any thread takes and returns entries (a JCTools MPMC array queue); when it is empty a new entry is made and
 * registered, when it is full a returned entry is retired: marked, and dropped from the registry at the next
 * registration or sweep, then left to the garbage collector. The registry is copied on write under its lock,
 * which only misses, retirements and sweeps take.
 * <p>
 * <b>Note:</b> thread-safe.
 */
final class RequestPool implements TimerAgent.Sweeper
{
    /**
     * Enough for the requests a bus keeps in flight at a high rate: those queued at addresses and those in
     * responders' hands.
     */
    static final int CAPACITY = 1 << 14;

    private static final PendingRequest[] NONE = new PendingRequest[0];

    final ErrorReporter errors;
    private final MpmcArrayQueue<PendingRequest> free;
    private final Object registryLock = new Object();
    private volatile PendingRequest[] registry = NONE;
    /** Retired entries still in the registry; under the lock. */
    private volatile int retired;
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
        return pooled != null ? pooled : create();
    }

    private PendingRequest create()
    {
        final PendingRequest entry = new PendingRequest(this);
        synchronized (registryLock)
        {
            final PendingRequest[] current = compacted();
            final PendingRequest[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = entry;
            registry = next;
        }
        created.incrementAndGet();
        return entry;
    }

    void release(final PendingRequest entry)
    {
        if (!free.offer(entry))
        {
            dropped.incrementAndGet();
            synchronized (registryLock)
            {
                entry.retired = true;
                retired++;
            }
        }
    }

    /**
     * The registry without its retired entries. Under the lock.
     */
    private PendingRequest[] compacted()
    {
        final PendingRequest[] current = registry;
        if (retired == 0)
        {
            return current;
        }
        final PendingRequest[] kept = new PendingRequest[current.length - retired];
        int n = 0;
        for (final PendingRequest e : current)
        {
            if (!e.retired)
            {
                kept[n++] = e;
            }
        }
        retired = 0;
        registry = kept;
        return kept;
    }

    /**
     * Time out every pending request whose deadline has come. Timer thread.
     *
     * @return the earliest deadline of the requests still pending, or {@link PendingRequest#NO_DEADLINE}.
     */
    @Override
    public long sweep(final long now)
    {
        if (retired != 0)
        {
            synchronized (registryLock)
            {
                compacted();
            }
        }
        long earliest = PendingRequest.NO_DEADLINE;
        for (final PendingRequest e : registry)
        {
            final long deadline = e.sweep(now);
            if (deadline != PendingRequest.NO_DEADLINE &&
                (earliest == PendingRequest.NO_DEADLINE || deadline - earliest < 0))
            {
                earliest = deadline;
            }
        }
        return earliest;
    }

    /**
     * Fail every pending request: the bus closed.
     */
    @Override
    public void loseAll()
    {
        for (final PendingRequest e : registry)
        {
            e.lose();
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

    /**
     * @return entries the timer sweeps (for tests).
     */
    int registered()
    {
        return registry.length;
    }
}
