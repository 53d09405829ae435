package io.ringbus.disruptor;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.dsl.ProducerType;
import io.ringbus.api.BackpressureException;
import io.ringbus.api.BackpressurePolicy;
import io.ringbus.api.BiTranslator;
import io.ringbus.api.DestinationStats;
import io.ringbus.api.LongTranslator;
import io.ringbus.api.ReentrantPublishException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
    private static final VarHandle WRITER;

    static
    {
        try
        {
            WRITER = MethodHandles.lookup().findVarHandle(Destination.class, "writer", Thread.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /**
     * For {@link #offer(Object, long)}: wait as long as the backpressure policy says.
     */
    static final long NO_DEADLINE = Long.MIN_VALUE;

    final Engine engine;
    final String name;
    final Class<?> type;
    final DestinationStats.Kind kind;
    final RingBuffer<Slot> ring;
    /** Whether the ring is single-producer: at most one thread publishes at a time. */
    final boolean singleWriter;
    /**
     * Single-writer rings only, else {@code null}: the highest sequence claimed. A single-producer claim is a
     * plain write that nobody else sees, so this is what close and replay read where a multi-producer ring
     * offers its cursor.
     */
    private final Sequence claimed;
    /** Whether publishes check that at most one thread publishes at a time (single-writer check mode). */
    private final boolean checkWriter;
    @SuppressWarnings("unused") // through WRITER
    private volatile Thread writer;
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
        this.ring = RingBuffer.create(
            singleWriter ? ProducerType.SINGLE : ProducerType.MULTI,
            slotFactory == null ? Slot::new : () -> new Slot(preallocate(slotFactory, type)),
            ringSize == 0 ? engine.config.ringSize() : ringSize,
            new BusySpinWaitStrategy());
        this.singleWriter = singleWriter;
        this.claimed = singleWriter ? new Sequence() : null;
        this.checkWriter = singleWriter && engine.config.checkSingleWriter();
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
        offer(ring, event, NO_DEADLINE);
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
        return offerOne(into, event, false, NO_DEADLINE);
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
        return offerOne(into, event, true, deadlineNanos);
    }

    private boolean offerOne(
        final RingBuffer<Slot> into, final Object event, final boolean wait, final long deadlineNanos)
    {
        final long sequence = claim(into, 1, wait, deadlineNanos);
        if (sequence < 0)
        {
            return false;
        }
        into.get(sequence).event = event;
        publish(into, sequence, sequence);
        return true;
    }

    /**
     * Publish {@code count} events of an array with one claim: all of them or, without waiting and with too
     * little space, none. The caller checked each event.
     *
     * @return false if {@code wait} is false and the ring has fewer than {@code count} free slots.
     */
    final boolean offerAll(final Object[] events, final int from, final int count, final boolean wait)
    {
        final long hi = claim(ring, count, wait, NO_DEADLINE);
        if (hi < 0)
        {
            return false;
        }
        final long lo = hi - count + 1;
        for (int i = 0; i < count; i++)
        {
            ring.get(lo + i).event = events[from + i];
        }
        publish(ring, lo, hi);
        return true;
    }

    /**
     * Claim {@code n} sequences, then the close check: the caller must then publish them with
     * {@link #publish} (or {@link #abandon} them) without fail.
     *
     * @param wait          whether to wait for space per the backpressure policy, or give up at once.
     * @param deadlineNanos when waiting, a {@link System#nanoTime()} value to give up at, or {@link #NO_DEADLINE}.
     * @return the highest sequence claimed, or -1 if there was no space (nothing is claimed then).
     * @throws BusClosedException if the bus is closed; nothing is claimed then.
     */
    final long claim(final RingBuffer<Slot> into, final int n, final boolean wait, final long deadlineNanos)
    {
        engine.ensureOpen(name);
        enterWriter();
        final long hi;
        try
        {
            hi = wait ? claimWaiting(into, n, deadlineNanos) : claimNow(into, n);
        }
        catch (final RuntimeException | Error ex)
        {
            exitWriter();
            throw ex;
        }
        if (hi < 0)
        {
            exitWriter();
            return -1;
        }
        if (claimed != null)
        {
            // The single-writer half of the race with close (see the package documentation): the claim is
            // stored with a volatile write, so the closed flag is read after it in the synchronization order.
            claimed.setVolatile(hi);
            // Slot writes stay after the claim store, for a replay validating its copies against the claim.
            VarHandle.releaseFence();
        }
        if (engine.isClosed())
        {
            abandon(into, hi - n + 1, hi);
            throw engine.closedException(name);
        }
        return hi;
    }

    private static long claimNow(final RingBuffer<Slot> into, final int n)
    {
        try
        {
            return into.tryNext(n);
        }
        catch (final InsufficientCapacityException ex)
        {
            return -1;
        }
    }

    /**
     * Wait for space: spin then yield for as long as the consumers make progress, so that a ring drained at speed
     * never costs the publisher a park; back off to parking only when they stall.
     */
    private long claimWaiting(final RingBuffer<Slot> into, final int n, final long deadlineNanos)
    {
        long drained = Long.MIN_VALUE;
        for (int attempt = 0; ; attempt++)
        {
            final long hi = claimNow(into, n);
            if (hi >= 0)
            {
                return hi;
            }
            if (deadlineNanos != NO_DEADLINE && System.nanoTime() - deadlineNanos >= 0)
            {
                return -1;
            }
            final long slowest = into.getMinimumGatingSequence();
            if (slowest != drained)
            {
                drained = slowest;
                attempt = 0;
            }
            refuseOrWait(attempt);
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

    /**
     * Publish claimed sequences {@code lo..hi} whose slots are written.
     */
    final void publish(final RingBuffer<Slot> into, final long lo, final long hi)
    {
        if (lo == hi)
        {
            into.publish(hi);
        }
        else
        {
            into.publish(lo, hi);
        }
        exitWriter();
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
        final long sequence = claim(ring, 1, wait, NO_DEADLINE);
        if (sequence < 0)
        {
            return false;
        }
        final Slot slot = ring.get(sequence);
        try
        {
            translator.translateTo(slot.preallocated, a, b);
        }
        catch (final Throwable ex)
        {
            // The sequence is claimed and must be published; subscribers skip it, the caller gets the failure.
            abandon(ring, sequence, sequence);
            throw ex;
        }
        slot.event = slot.preallocated;
        publish(ring, sequence, sequence);
        return true;
    }

    /**
     * Slot mode, a {@code long}: as {@link #translate} without boxing the value.
     */
    final boolean translate(final LongTranslator<Object> translator, final long value, final boolean wait)
    {
        final long sequence = claim(ring, 1, wait, NO_DEADLINE);
        if (sequence < 0)
        {
            return false;
        }
        final Slot slot = ring.get(sequence);
        try
        {
            translator.translateTo(slot.preallocated, value);
        }
        catch (final Throwable ex)
        {
            abandon(ring, sequence, sequence);
            throw ex;
        }
        slot.event = slot.preallocated;
        publish(ring, sequence, sequence);
        return true;
    }

    /**
     * Slot mode, a batch: claim {@code count} slots at once, let the translator fill in each from its argument,
     * publish them together. If the translator throws, none of the batch is delivered.
     *
     * @return false if the ring had too little space and {@code wait} is false; the translator was not called.
     */
    final boolean translateAll(
        final BiTranslator<Object, Object, Object> translator,
        final Object a,
        final Object[] args,
        final int from,
        final int count,
        final boolean wait)
    {
        final long hi = claim(ring, count, wait, NO_DEADLINE);
        if (hi < 0)
        {
            return false;
        }
        final long lo = hi - count + 1;
        try
        {
            for (int i = 0; i < count; i++)
            {
                translator.translateTo(ring.get(lo + i).preallocated, a, args[from + i]);
            }
        }
        catch (final Throwable ex)
        {
            abandon(ring, lo, hi);
            throw ex;
        }
        for (long q = lo; q <= hi; q++)
        {
            final Slot slot = ring.get(q);
            slot.event = slot.preallocated;
        }
        publish(ring, lo, hi);
        return true;
    }

    /**
     * Publish claimed sequences as tombstones: consumers skip them.
     */
    final void abandon(final RingBuffer<Slot> into, final long lo, final long hi)
    {
        for (long q = lo; q <= hi; q++)
        {
            into.get(q).event = null;
        }
        tombstones.addAndGet(hi - lo + 1);
        publish(into, lo, hi);
    }

    /**
     * Check mode of a single-writer ring: refuse a second thread publishing while one is between its claim and
     * its publication. Does nothing in the default mode.
     */
    private void enterWriter()
    {
        if (checkWriter)
        {
            final Thread self = Thread.currentThread();
            final Thread other = (Thread)WRITER.compareAndExchange(this, null, self);
            if (other != null)
            {
                throw new IllegalStateException(describe() + " is single-writer, but " + self.getName() +
                    " published while " + (other == self ? "it was already publishing (re-entrant publish)" :
                    other.getName() + " was publishing") + ": declare it without TopicOptions.singleWriter, or " +
                    "hand the writer role over between threads");
            }
        }
    }

    private void exitWriter()
    {
        if (checkWriter)
        {
            WRITER.setRelease(this, null);
        }
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
        drainTarget = claimCursor();
    }

    /**
     * @return the highest sequence claimed so far (some perhaps not yet published): the ring's cursor, or for a
     *         single-writer ring, whose cursor moves only at publication, the claim its writer stored.
     */
    final long claimCursor()
    {
        return claimed == null ? ring.getCursor() : Math.max(ring.getCursor(), claimed.get());
    }

    /**
     * @return whether sequence {@code q}, claimed within the last lap, is published.
     */
    final boolean isPublished(final long q)
    {
        return singleWriter ? q <= ring.getCursor() : ring.isAvailable(q);
    }

    /**
     * @return the sequence {@link #markDrainTarget()} recorded.
     */
    final long drainTarget()
    {
        return drainTarget;
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
