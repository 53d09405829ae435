package io.ringbus.disruptor;

import io.ringbus.api.BiTranslator;
import io.ringbus.api.Claim;
import io.ringbus.api.DestinationStats;
import io.ringbus.api.Handler;
import io.ringbus.api.LongTranslator;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Subscription;
import io.ringbus.api.Topic;
import io.ringbus.api.TopicOptions;
import io.ringbus.api.Translator;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A topic on one multi-producer ring: each subscriber polls the ring with a sequence of its own.
 * <p>
 * An event published while the topic has no subscriber reaches nobody: it is not put in the ring, and it is
 * counted as unrouted.
 * <p>
 * In slot mode each slot holds a mutable event made once by the factory; publishers fill it in through a
 * translator, and {@code publish(event)} goes through the copier if one was declared.
 * <p>
 * <b>Note:</b> thread-safe.
 *
 * @param <E> type of the events.
 */
final class RingTopic<E> extends Destination implements Topic<E>
{
    /** Runs a one-argument translator through the two-argument path without a capturing lambda. */
    private static final BiTranslator<Object, Object, Object> ONE_ARG =
        (slot, translator, arg) -> asTranslator(translator).translateTo(slot, arg);

    final Supplier<?> slotFactory;
    final Translator<Object, Object> copier;
    final TopicOptions options;
    /** Single writer: the claim of the thread that claimed last. */
    private SlotClaim writerClaim;
    private final ThreadLocal<SlotClaim> threadClaims =
        ThreadLocal.withInitial(() -> new SlotClaim(this, Thread.currentThread()));

    RingTopic(final Engine engine, final String name, final Class<E> type, final DestinationStats.Kind kind)
    {
        this(engine, name, type, kind, null, null, TopicOptions.defaults());
    }

    /**
     * @param slotFactory for slot mode, or {@code null} for object mode.
     * @param copier      for slot mode, copies an event into a slot; may be {@code null}.
     * @param options     ring size and single-writer declaration.
     */
    @SuppressWarnings("unchecked")
    RingTopic(
        final Engine engine,
        final String name,
        final Class<E> type,
        final DestinationStats.Kind kind,
        final Supplier<? extends E> slotFactory,
        final Translator<? super E, ? super E> copier,
        final TopicOptions options)
    {
        super(engine, name, type, kind, slotFactory, options.ringSize(), options.singleWriter());
        this.options = options;
        this.slotFactory = slotFactory;
        this.copier = (Translator<Object, Object>)copier;
    }

    @SuppressWarnings("unchecked")
    private static Translator<Object, Object> asTranslator(final Object translator)
    {
        return (Translator<Object, Object>)translator;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<E> type()
    {
        return (Class<E>)type;
    }

    @Override
    public boolean isSlotMode()
    {
        return slotFactory != null;
    }

    @Override
    public void publish(final E event)
    {
        checkInstance(event, "event");
        // The copier rule first, so that misuse is refused whether or not anybody subscribes yet.
        final Translator<Object, Object> copy = slotFactory == null ? null : copierOrRefuse();
        if (!routed(1))
        {
            return;
        }
        if (copy == null)
        {
            offer(event);
        }
        else
        {
            translate(ONE_ARG, copy, event, true);
        }
    }

    @Override
    public boolean tryPublish(final E event)
    {
        checkInstance(event, "event");
        final Translator<Object, Object> copy = slotFactory == null ? null : copierOrRefuse();
        if (!routed(1))
        {
            return true;
        }
        return copy == null ? tryOffer(event) : translate(ONE_ARG, copy, event, false);
    }

    private Translator<Object, Object> copierOrRefuse()
    {
        if (copier == null)
        {
            throw new IllegalStateException(describe() + " is in slot mode without a copier: publish(event) " +
                "has nothing to copy the event into its slot with; publish through a Translator, or declare the " +
                "topic with bus.topic(name, type, slotFactory, copier)");
        }
        return copier;
    }

    @Override
    public <A> void publish(final Translator<? super E, ? super A> translator, final A arg)
    {
        publishSlot(ONE_ARG, Objects.requireNonNull(translator, "translator"), arg, true);
    }

    @Override
    public <A> boolean tryPublish(final Translator<? super E, ? super A> translator, final A arg)
    {
        return publishSlot(ONE_ARG, Objects.requireNonNull(translator, "translator"), arg, false);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A, B> void publish(final BiTranslator<? super E, ? super A, ? super B> translator, final A a, final B b)
    {
        publishSlot((BiTranslator<Object, Object, Object>)Objects.requireNonNull(translator, "translator"), a, b, true);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A, B> boolean tryPublish(
        final BiTranslator<? super E, ? super A, ? super B> translator, final A a, final B b)
    {
        return publishSlot(
            (BiTranslator<Object, Object, Object>)Objects.requireNonNull(translator, "translator"), a, b, false);
    }

    private boolean publishSlot(
        final BiTranslator<Object, Object, Object> translator, final Object a, final Object b, final boolean wait)
    {
        refuseObjectMode();
        return !routed(1) || translate(translator, a, b, wait);
    }

    private void refuseObjectMode()
    {
        if (slotFactory == null)
        {
            throw new IllegalStateException(describe() + " is in object mode: a Translator needs preallocated " +
                "events to write into; declare the topic with bus.topic(name, type, slotFactory), or publish(event)");
        }
    }

    @Override
    public void publish(final E[] events, final int from, final int count)
    {
        publishAll(events, from, count, true);
    }

    @Override
    public int tryPublish(final E[] events, final int from, final int count)
    {
        return publishAll(events, from, count, false) ? count : 0;
    }

    private boolean publishAll(final E[] events, final int from, final int count, final boolean wait)
    {
        checkRun(events, from, count);
        for (int i = from; i < from + count; i++)
        {
            final Object event = events[i];
            if (event == null || !type.isInstance(event))
            {
                checkInstance(event, "events[" + i + "]"); // builds the message only when it will throw
            }
        }
        final Translator<Object, Object> copy = slotFactory == null ? null : copierOrRefuse();
        if (count == 0 || !routed(count))
        {
            return true;
        }
        return copy == null ? offerAll(events, from, count, wait) : translateAll(ONE_ARG, copy, events, from, count, wait);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> void publish(
        final Translator<? super E, ? super A> translator, final A[] args, final int from, final int count)
    {
        translateRun((Translator<Object, Object>)translator, args, from, count, true);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> int tryPublish(
        final Translator<? super E, ? super A> translator, final A[] args, final int from, final int count)
    {
        return translateRun((Translator<Object, Object>)translator, args, from, count, false) ? count : 0;
    }

    private boolean translateRun(
        final Translator<Object, Object> translator,
        final Object[] args,
        final int from,
        final int count,
        final boolean wait)
    {
        Objects.requireNonNull(translator, "translator");
        checkRun(args, from, count);
        refuseObjectMode();
        if (count == 0 || !routed(count))
        {
            return true;
        }
        return translateAll(ONE_ARG, translator, args, from, count, wait);
    }

    private void checkRun(final Object[] array, final int from, final int count)
    {
        Objects.requireNonNull(array, "events");
        Objects.checkFromIndexSize(from, count, array.length);
        if (count > ring.getBufferSize())
        {
            throw new IllegalArgumentException("count must be at most the ring size of " + describe() + " (" +
                ring.getBufferSize() + "), as a run is claimed at once: " + count);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void publish(final LongTranslator<? super E> translator, final long value)
    {
        publishLong((LongTranslator<Object>)Objects.requireNonNull(translator, "translator"), value, true);
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean tryPublish(final LongTranslator<? super E> translator, final long value)
    {
        return publishLong((LongTranslator<Object>)Objects.requireNonNull(translator, "translator"), value, false);
    }

    private boolean publishLong(final LongTranslator<Object> translator, final long value, final boolean wait)
    {
        refuseObjectMode();
        return !routed(1) || translate(translator, value, wait);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Claim<E> claim()
    {
        return (Claim<E>)claimSlot(true);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Claim<E> tryClaim()
    {
        return (Claim<E>)claimSlot(false);
    }

    private SlotClaim claimSlot(final boolean wait)
    {
        refuseObjectMode();
        final SlotClaim claim = claimOfThisThread();
        if (claim.isOpen())
        {
            throw new IllegalStateException("this thread holds an open claim on " + describe() +
                " already: publish or close it before claiming again");
        }
        final long sequence = claim(ring, 1, wait, NO_DEADLINE);
        if (sequence < 0)
        {
            return null;
        }
        claim.open(sequence);
        return claim;
    }

    /**
     * The calling thread's claim: one field read for a single writer (the same thread publishes each time, or the
     * role was handed over), a thread-local otherwise; made once per thread.
     */
    private SlotClaim claimOfThisThread()
    {
        final Thread self = Thread.currentThread();
        if (singleWriter)
        {
            final SlotClaim last = writerClaim;
            if (last != null && last.isOwnedBy(self))
            {
                return last;
            }
            final SlotClaim mine = new SlotClaim(this, self);
            writerClaim = mine;
            return mine;
        }
        return threadClaims.get();
    }

    /**
     * Publish a slot a {@link SlotClaim} filled in, or, with no subscriber now, skip it and count it unrouted.
     */
    void publishClaimed(final long sequence)
    {
        if (!hasSubscribers())
        {
            abandon(ring, sequence, sequence);
            unrouted.increment();
            return;
        }
        final Slot slot = ring.get(sequence);
        slot.event = slot.preallocated;
        publish(ring, sequence, sequence);
    }

    /**
     * @return true if the topic has subscribers; else the events count as unrouted (they never enter the ring).
     */
    private boolean routed(final int events)
    {
        if (hasSubscribers())
        {
            return true;
        }
        engine.ensureOpen(name);
        unrouted.add(events);
        return false;
    }

    @Override
    public Subscription subscribe(final Handler<? super E> handler)
    {
        return subscribe(handler, SubscribeOptions.defaults());
    }

    @Override
    public Subscription subscribe(final Handler<? super E> handler, final SubscribeOptions options)
    {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        final TopicSubscriber[] upstream = upstreamOf(options.after());
        final TopicSubscriber.Replay replay = replayOf(options);
        engine.ensureOpen(name);
        final TopicSubscriber subscriber = new TopicSubscriber(
            this, handler, engine.dispatchers.choose(this, options.dedicatedThread()), name, upstream, replay);
        subscriber.attach();
        return subscriber;
    }

    private TopicSubscriber[] upstreamOf(final List<Subscription> after)
    {
        final TopicSubscriber[] upstream = new TopicSubscriber[after.size()];
        for (int i = 0; i < upstream.length; i++)
        {
            final Subscription s = after.get(i);
            if (!(s instanceof TopicSubscriber t) || t.destination != this)
            {
                throw new IllegalArgumentException("SubscribeOptions.after(...) takes subscriptions made on the " +
                    "same topic with subscribe(...); " + s + " is not a subscription of " + describe());
            }
            if (t.isClosing())
            {
                throw new IllegalArgumentException(
                    "SubscribeOptions.after(...) names a closed subscription of " + describe() + ": " + s);
            }
            upstream[i] = t;
        }
        return upstream;
    }

    private TopicSubscriber.Replay replayOf(final SubscribeOptions options)
    {
        if (options.replayLast() == 0)
        {
            return null;
        }
        if (!options.after().isEmpty())
        {
            throw new IllegalArgumentException("SubscribeOptions.replayLast(...) cannot be combined with " +
                "after(...): replayed events are copies taken at subscribe time, not the slots upstream handles");
        }
        if (slotFactory != null && copier == null)
        {
            throw new IllegalArgumentException("SubscribeOptions.replayLast(...) on " + describe() + ", which is " +
                "in slot mode without a copier: declare it with bus.topic(name, type, slotFactory, copier) so that " +
                "held slots can be copied before publishers reuse them");
        }
        return new TopicSubscriber.Replay(
            Math.min(options.replayLast(), ring.getBufferSize()), slotFactory, slotFactory == null ? null : copier);
    }

    @Override
    void gate(final RingSubscriber subscriber)
    {
        ring.addGatingSequences(subscriber.sequence());
    }

    @Override
    void ungate(final RingSubscriber subscriber)
    {
        ring.removeGatingSequence(subscriber.sequence());
    }

    @Override
    long minimumGatingSequence()
    {
        return ring.getMinimumGatingSequence();
    }
}
