package io.ringbus.disruptor;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.ringbus.api.BackpressureException;
import io.ringbus.api.BackpressurePolicy;
import io.ringbus.api.BiTranslator;
import io.ringbus.api.DestinationStats;
import io.ringbus.api.ReentrantPublishException;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A named ring and the subscribers attached to it: the publish path shared by topics and queues.
 * <p>
 * <b>Note:</b> publish methods are thread-safe and allocate nothing; attach and detach are serialised here.
 */
abstract class Destination
{
    private static final RingSubscriber[] NO_SUBSCRIBERS = new RingSubscriber[0];
    private static final long[] NO_QUEUE_COUNTERS = new long[3];

    /**
     * For {@link #offer(Object, long)}: wait as long as the backpressure policy says.
     */
    static final long NO_DEADLINE = Long.MIN_VALUE;

    final Engine engine;
    final String name;
    final Class<?> type;
    final DestinationStats.Kind kind;
    final RingBuffer<Slot> ring;
    volatile RingSubscriber[] subscribers = NO_SUBSCRIBERS;
    private final AtomicLong tombstones = new AtomicLong();
    private final AtomicLong retiredDelivered = new AtomicLong();
    private final AtomicLong retiredFailures = new AtomicLong();
    final LongAdder unrouted = new LongAdder();
    private long drainTarget;

    Destination(final Engine engine, final String name, final Class<?> type, final DestinationStats.Kind kind)
    {
        this(engine, name, type, kind, null, 0, false);
    }

    /**
     * @param slotFactory for slot mode, makes the mutable event each slot holds for good; {@code null} for
     *                    object mode.
     * @param ringSize    slots in the ring, 0 for the bus's ring size.
     * @param singleWriter whether at most one thread publishes at a time: a single-producer ring.
     */
    Destination(
        final Engine engine,
        final String name,
        final Class<?> type,
        final DestinationStats.Kind kind,
        final Supplier<?> slotFactory,
        final int ringSize,
        final boolean singleWriter)
    {
        this.engine = engine;
        this.name = name;
        this.type = type;
        this.kind = kind;
        // Consumers poll and are woken by the dispatcher's own protocol, never through a SequenceBarrier, so
        // the ring's wait strategy is never waited on: this one's signal is free, unlike the default's lock.
        this.ring = RingBuffer.createMultiProducer(
            slotFactory == null ? Slot::new : () -> new Slot(preallocate(slotFactory, type)),
            ringSize == 0 ? engine.config.ringSize() : ringSize,
            new BusySpinWaitStrategy());
    }

    private static Object preallocate(final Supplier<?> slotFactory, final Class<?> type)
    {
        final Object event = slotFactory.get();
        if (!type.isInstance(event))
        {
            throw new IllegalArgumentException("slotFactory must make instances of " + type.getName() + ", made " +
                (event == null ? "null" : "a " + event.getClass().getName()));
        }
        return event;
    }

    /**
     * Register the subscriber's sequence with the ring so it gates publishers.
     */
    abstract void gate(RingSubscriber subscriber);

    /**
     * Stop the subscriber's sequence from gating publishers.
     */
    abstract void ungate(RingSubscriber subscriber);

    /**
     * @return the lowest sequence any consumer still needs, the cursor when none does.
     */
    abstract long minimumGatingSequence();

    /**
     * The destination's name; also {@code Topic.name()} and {@code Queue.name()}.
     *
     * @return the name.
     */
    public final String name()
    {
        return name;
    }

    /**
     * Refuse {@code null} and, since generics can be bypassed, a value of the wrong class.
     */
    final void checkInstance(final Object value, final String argName)
    {
        Objects.requireNonNull(value, argName);
        if (!type.isInstance(value))
        {
            throw new ClassCastException(
                argName + " of " + value.getClass().getName() + " given to " + describe() + " of " + type.getName());
        }
    }

    final boolean hasSubscribers()
    {
        return subscribers.length != 0;
    }

    /**
     * Publish, waiting for space per the bus's backpressure policy.
     */
    final void offer(final Object event)
    {
        offer(event, NO_DEADLINE);
    }

    /**
     * Publish if there is space now.
     *
     * @return false if the ring is full.
     */
    final boolean tryOffer(final Object event)
    {
        return tryOffer(ring, event);
    }

    /**
     * Publish into one of this destination's rings (a queue's priority lane) if there is space now.
     */
    final boolean tryOffer(final RingBuffer<Slot> into, final Object event)
    {
        engine.ensureOpen(name);
        final long sequence;
        try
        {
            sequence = into.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            return false;
        }
        commit(into, sequence, event);
        return true;
    }

    /**
     * Publish for the bus itself (the timer putting a due message or a retry into its queue), also while the
     * bus is closing: close waits for these before it drains.
     *
     * @return false if the ring is full.
     */
    final boolean tryOfferInternal(final RingBuffer<Slot> into, final Object event)
    {
        final long sequence;
        try
        {
            sequence = into.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            return false;
        }
        into.get(sequence).event = event;
        into.publish(sequence);
        wakeDispatchers();
        return true;
    }

    /**
     * Publish, waiting for space per the bus's backpressure policy but not past a deadline.
     *
     * @param deadlineNanos a {@link System#nanoTime()} value, or {@link #NO_DEADLINE}.
     * @return false if the deadline passed first.
     */
    final boolean offer(final Object event, final long deadlineNanos)
    {
        return offer(ring, event, deadlineNanos);
    }

    /**
     * Publish into one of this destination's rings, waiting per the backpressure policy but not past a deadline.
     */
    final boolean offer(final RingBuffer<Slot> into, final Object event, final long deadlineNanos)
    {
        engine.ensureOpen(name);
        final long sequence = claim(into, deadlineNanos);
        if (sequence < 0)
        {
            return false;
        }
        commit(into, sequence, event);
        return true;
    }

    private long claim(final RingBuffer<Slot> into, final long deadlineNanos)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return into.tryNext();
            }
            catch (final InsufficientCapacityException ex)
            {
                if (deadlineNanos != NO_DEADLINE && System.nanoTime() - deadlineNanos >= 0)
                {
                    return -1;
                }
                refuseOrWait(attempt);
            }
        }
    }

    private void refuseOrWait(final int attempt)
    {
        engine.ensureOpen(name);
        if (engine.config.backpressure() == BackpressurePolicy.FAIL)
        {
            throw new BackpressureException(
                describe() + " is full (" + ring.getBufferSize() + " events) and the backpressure policy is FAIL");
        }
        final Dispatcher own = DispatcherThread.current();
        if (own != null && own.serves(this))
        {
            throw new ReentrantPublishException(
                "a handler on " + own.roleName() + " published into " + describe() + ", which is full (" +
                ring.getBufferSize() + " events) and drained by that same thread: waiting would deadlock");
        }
        wakeDispatchers();
        Backoff.pause(attempt);
    }

    private void commit(final RingBuffer<Slot> into, final long sequence, final Object event)
    {
        final Slot slot = into.get(sequence);
        // After the claim CAS: see the package documentation for why this read closes the race with close().
        if (engine.isClosed())
        {
            tombstone(into, sequence, slot);
            throw engine.closedException(name);
        }
        slot.event = event;
        into.publish(sequence);
        wakeDispatchers();
    }

    /**
     * Slot mode: claim a slot, let the translator fill in its preallocated event, publish it.
     *
     * @param wait whether to wait for space per the backpressure policy, or give up at once.
     * @return false if the ring was full and {@code wait} is false; the translator was not called then.
     */
    final boolean translate(
        final BiTranslator<Object, Object, Object> translator, final Object a, final Object b, final boolean wait)
    {
        engine.ensureOpen(name);
        final long sequence;
        if (wait)
        {
            sequence = claim(ring, NO_DEADLINE);
        }
        else
        {
            try
            {
                sequence = ring.tryNext();
            }
            catch (final InsufficientCapacityException ex)
            {
                return false;
            }
        }
        final Slot slot = ring.get(sequence);
        if (engine.isClosed())
        {
            tombstone(ring, sequence, slot);
            throw engine.closedException(name);
        }
        try
        {
            translator.translateTo(slot.preallocated, a, b);
        }
        catch (final Throwable ex)
        {
            // The sequence is claimed and must be published; subscribers skip it, the caller gets the failure.
            tombstone(ring, sequence, slot);
            throw ex;
        }
        slot.event = slot.preallocated;
        ring.publish(sequence);
        wakeDispatchers();
        return true;
    }

    private void tombstone(final RingBuffer<Slot> into, final long sequence, final Slot slot)
    {
        slot.event = null;
        into.publish(sequence);
        tombstones.incrementAndGet();
    }

    /**
     * After a publish: mark every subscriber ready, which queues it on its dispatcher and unparks that thread if
     * the mark was down; one read per subscriber while they are busy. Every consumer of a queue is marked, so
     * that competing consumers on other dispatchers take part.
     * <p>
     * The caller must have moved the ring's cursor with a StoreLoad order before this call (the multi-producer
     * claim CAS does): see {@link RingSubscriber#schedule()} and the package documentation, "Wake-up".
     */
    final void wakeDispatchers()
    {
        for (final RingSubscriber s : subscribers)
        {
            s.schedule();
        }
    }

    final synchronized void attach(final RingSubscriber subscriber)
    {
        gate(subscriber);
        subscribers = CopyOnWrite.with(subscribers, subscriber);
    }

    final synchronized void detach(final RingSubscriber subscriber)
    {
        final RingSubscriber[] current = subscribers;
        final RingSubscriber[] next = CopyOnWrite.without(current, subscriber);
        if (next == current)
        {
            return;
        }
        ungate(subscriber);
        // Retired counts first: whoever sees the subscriber gone from the array then sees its counts kept.
        retiredDelivered.addAndGet(subscriber.delivered());
        retiredFailures.addAndGet(subscriber.failures());
        subscribers = next;
    }

    /**
     * @return events accepted but not yet handled by the slowest consumer.
     */
    long depth()
    {
        return Math.max(0, ring.getCursor() - minimumGatingSequence());
    }

    /**
     * @return events accepted.
     */
    long published()
    {
        return ring.getCursor() + 1 - tombstones.get();
    }

    /**
     * @return sequences published as tombstones, on any of this destination's rings.
     */
    final long tombstones()
    {
        return tombstones.get();
    }

    /**
     * Queue-only counters: retries, dead letters, delayed.
     */
    long[] queueCounters()
    {
        return NO_QUEUE_COUNTERS;
    }

    /**
     * For close: remember the cursor now; {@link #drainedToTarget()} then says whether consumers got that far.
     */
    void markDrainTarget()
    {
        drainTarget = ring.getCursor();
    }

    boolean drainedToTarget()
    {
        return minimumGatingSequence() >= drainTarget;
    }

    /**
     * @return events before the drain target that no consumer handled.
     */
    long undeliveredAtTarget()
    {
        return Math.max(0, drainTarget - minimumGatingSequence());
    }

    final DestinationStats stats()
    {
        // The array before the retired counts: detach adds those before it drops a subscriber from the array.
        final RingSubscriber[] subscribers = this.subscribers;
        long delivered = retiredDelivered.get();
        long failures = retiredFailures.get();
        for (final RingSubscriber s : subscribers)
        {
            delivered += s.delivered();
            failures += s.failures();
        }
        final long[] queue = queueCounters();
        return new DestinationStats(
            name, kind, type.getName(), ring.getBufferSize(), published(), delivered, failures, depth(),
            subscribers.length, unrouted.sum(), queue[0], queue[1], queue[2]);
    }

    final String describe()
    {
        return kind.name().toLowerCase() + " '" + name + "'";
    }

    @Override
    public String toString()
    {
        return describe();
    }
}
