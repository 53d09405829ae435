package io.ringbus.ipc;

import io.ringbus.api.BiTranslator;
import io.ringbus.api.Handler;
import io.ringbus.api.ReentrantPublishException;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Subscription;
import io.ringbus.api.Topic;
import io.ringbus.api.Translator;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static io.ringbus.ipc.FrameDescriptor.KIND_TOPIC;

/**
 * A topic carried between processes: its local ring serves this process's subscribers, and every event
 * published here is also written once to the Aeron stream for the other buses.
 * <p>
 * In slot mode the translator fills the claimed slot and the slot is encoded while the publisher still holds
 * it, so that nothing is allocated; when no local subscriber claims a slot, a spare event of the publishing
 * thread is filled and encoded instead. Events from other processes are decoded straight into a slot by a
 * {@link SlotCodec}, or decoded and copied in by the topic's copier.
 * <p>
 * <b>Note:</b> thread-safe.
 *
 * @param <E> type of the events.
 */
final class SharedTopic<E> implements Topic<E>
{
    final AeronBus bus;
    final Topic<E> local;
    final Class<E> type;
    final TypeEntry entry;
    final int id;
    final boolean slotMode;
    final boolean decodesIntoSlots;
    final boolean direct;
    private static final long RECEIVER_WAIT_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private final String what;
    private final ThreadLocal<E> spare;
    private final Supplier<? extends E> slotFactory;

    // receiver dispatch (see AeronBusBuilder.receiverDispatch): copy-on-write handlers, counters of one writer
    private final Object handlersLock = new Object();
    @SuppressWarnings("unchecked")
    private volatile DirectSubscription[] handlers = new SharedTopic.DirectSubscription[0];
    final SingleWriterCounter dispatched = new SingleWriterCounter();
    final SingleWriterCounter delivered = new SingleWriterCounter();
    final SingleWriterCounter failures = new SingleWriterCounter();
    final SingleWriterCounter unrouted = new SingleWriterCounter();
    private E receiving;

    SharedTopic(final AeronBus bus, final Topic<E> local, final TypeEntry entry,
        final Supplier<? extends E> slotFactory)
    {
        this.bus = bus;
        this.local = local;
        this.type = local.type();
        this.entry = entry;
        this.id = FrameDescriptor.destinationId(local.name());
        this.what = "shared topic '" + local.name() + "'";
        this.slotMode = local.isSlotMode();
        this.decodesIntoSlots = slotMode && entry.codec() instanceof SlotCodec;
        this.spare = slotFactory == null ? null : ThreadLocal.withInitial(slotFactory);
        this.slotFactory = slotFactory;
        this.direct = bus.receiverDispatch();
    }

    @Override
    public String name()
    {
        return local.name();
    }

    @Override
    public Class<E> type()
    {
        return type;
    }

    /**
     * Encoded first, so that an event too large for a frame is refused before anyone sees it.
     */
    @Override
    public void publish(final E event)
    {
        Objects.requireNonNull(event, "event");
        bus.ensureOpen(what);
        final Scratch s = bus.scratch();
        final int length = bus.sender.encode(s, KIND_TOPIC, id, entry.id(), 0, 0, 0, entry.codec(), event);
        if (direct)
        {
            offerDirect(s, length);
            return;
        }
        local.publish(event);
        bus.sender.offerWaiting(s, length, what);
    }

    /**
     * Receiver dispatch: the stream is the only way, local subscribers included. On the receiver thread (a
     * handler publishing) waiting could never end, since that thread must drain our own frames to free room.
     */
    private void offerDirect(final Scratch s, final int length)
    {
        if (bus.onReceiverThread())
        {
            // ADMIN_ACTION (a term rotation) passes at once; back-pressure may be our own unread frames, which
            // only this thread can read: wait a little for other readers, then fail rather than wait for ever
            final long deadline = System.nanoTime() + RECEIVER_WAIT_NS;
            for (int attempt = 0; ; attempt++)
            {
                final long result = bus.sender.offer(s, length);
                if (result > 0)
                {
                    return;
                }
                final OfferResult outcome = OfferResult.of(result);
                if (!outcome.isTransient())
                {
                    throw new IllegalStateException("the Aeron stream refused an event of " + what + ": " + outcome);
                }
                if (outcome != OfferResult.ADMIN_ACTION && System.nanoTime() - deadline > 0)
                {
                    throw new ReentrantPublishException("a handler on the receiver thread published to " + what +
                        " while the Aeron stream stayed " + outcome + " for " +
                        TimeUnit.NANOSECONDS.toMillis(RECEIVER_WAIT_NS) + " ms; waiting longer could be waiting " +
                        "for this very thread to read the bus's own frames");
                }
                FrameSender.pause(attempt);
            }
        }
        bus.sender.offerWaiting(s, length, what);
    }

    @Override
    public boolean tryPublish(final E event)
    {
        return offer(event) == OfferResult.ACCEPTED;
    }

    OfferResult offer(final E event)
    {
        Objects.requireNonNull(event, "event");
        bus.ensureOpen(what);
        final Scratch s = bus.scratch();
        final int length = bus.sender.encode(s, KIND_TOPIC, id, entry.id(), 0, 0, 0, entry.codec(), event);
        if (direct)
        {
            return OfferResult.of(bus.sender.offer(s, length));
        }
        if (!local.tryPublish(event))
        {
            return OfferResult.RING_FULL;
        }
        return OfferResult.of(bus.sender.offer(s, length));
    }

    @Override
    public <A> void publish(final Translator<? super E, ? super A> translator, final A arg)
    {
        publishPrepared(prepare(translator, arg, null, null));
    }

    @Override
    public <A> boolean tryPublish(final Translator<? super E, ? super A> translator, final A arg)
    {
        return trySlot(prepare(translator, arg, null, null));
    }

    @Override
    public <A, B> void publish(final BiTranslator<? super E, ? super A, ? super B> translator, final A a, final B b)
    {
        publishPrepared(prepare(null, a, translator, b));
    }

    // the blocking slot-mode publish, after prepare() has staged the translator and its arguments in s
    private void publishPrepared(final Scratch s)
    {
        try
        {
            if (!direct)
            {
                local.publish(FILL_AND_ENCODE, s);
            }
            encodeSpareIfUnclaimed(s);
        }
        finally
        {
            s.release();
        }
        if (direct)
        {
            offerDirect(s, s.slotLength);
            return;
        }
        bus.sender.offerWaiting(s, s.slotLength, what);
    }

    @Override
    public <A, B> boolean tryPublish(
        final BiTranslator<? super E, ? super A, ? super B> translator, final A a, final B b)
    {
        return trySlot(prepare(null, a, translator, b));
    }

    @Override
    public boolean isSlotMode()
    {
        return slotMode;
    }

    private boolean trySlot(final Scratch s)
    {
        try
        {
            if (!direct && !local.tryPublish(FILL_AND_ENCODE, s))
            {
                return false;
            }
            encodeSpareIfUnclaimed(s);
        }
        finally
        {
            s.release();
        }
        return bus.sender.offer(s, s.slotLength) > 0;
    }

    private Scratch prepare(final Translator<?, ?> translator, final Object a,
        final BiTranslator<?, ?, ?> biTranslator, final Object b)
    {
        if (translator == null && biTranslator == null)
        {
            throw new NullPointerException("translator");
        }
        if (!slotMode)
        {
            throw new IllegalStateException(what + " is in object mode: publish events, not translators");
        }
        bus.ensureOpen(what);
        final Scratch s = bus.scratch();
        if (s.slotTopic != null)
        {
            throw new IllegalStateException("a translator of " + s.slotTopic + " published to " + what +
                " from inside itself; translators must not publish");
        }
        s.slotTopic = this;
        s.translator = translator;
        s.biTranslator = biTranslator;
        s.a = a;
        s.b = b;
        s.slotFilled = false;
        return s;
    }

    /**
     * No local subscriber claimed a slot (the engine skips the translator then), but other processes still get
     * the event: fill this thread's spare event and encode that.
     */
    private void encodeSpareIfUnclaimed(final Scratch s)
    {
        if (!s.slotFilled)
        {
            fill(spare.get(), s);
        }
    }

    private static final Translator<Object, Scratch> FILL_AND_ENCODE = SharedTopic::fill;

    @SuppressWarnings("unchecked")
    private static void fill(final Object slot, final Scratch s)
    {
        final SharedTopic<?> topic = s.slotTopic;
        if (s.translator != null)
        {
            ((Translator<Object, Object>)s.translator).translateTo(slot, s.a);
        }
        else
        {
            ((BiTranslator<Object, Object, Object>)s.biTranslator).translateTo(slot, s.a, s.b);
        }
        // encoded while the publisher still holds the slot; a too-large event throws here and is not published
        s.slotLength = topic.bus.sender.encode(s, KIND_TOPIC, topic.id, topic.entry.id(), 0, 0, 0, topic.entry.codec(), slot);
        s.slotFilled = true;
    }

    @Override
    public Subscription subscribe(final Handler<? super E> handler)
    {
        return direct ? subscribeDirect(handler) : local.subscribe(handler);
    }

    @Override
    public Subscription subscribe(final Handler<? super E> handler, final SubscribeOptions options)
    {
        if (!direct)
        {
            return local.subscribe(handler, options);
        }
        Objects.requireNonNull(options, "options");
        if (!options.equals(SubscribeOptions.defaults()))
        {
            throw new IllegalArgumentException(what + " is dispatched on the receiver thread (receiverDispatch): " +
                "it takes subscribers with default options only, not " + options);
        }
        return subscribeDirect(handler);
    }

    @SuppressWarnings("unchecked")
    private Subscription subscribeDirect(final Handler<? super E> handler)
    {
        Objects.requireNonNull(handler, "handler");
        synchronized (handlersLock)
        {
            bus.ensureOpen(what);
            final DirectSubscription sub = new DirectSubscription((Handler<Object>)handler);
            final DirectSubscription[] current = handlers;
            final DirectSubscription[] next = java.util.Arrays.copyOf(current, current.length + 1);
            next[current.length] = sub;
            handlers = next;
            return sub;
        }
    }

    int directSubscribers()
    {
        return handlers.length;
    }

    /**
     * The event a received frame is decoded into when the topic is in slot mode and dispatched on the receiver
     * thread: one per topic, reused, as the ring's slots are.
     */
    E receivingSlot()
    {
        if (receiving == null)
        {
            receiving = slotFactory.get();
        }
        return receiving;
    }

    /**
     * Called on the receiver thread only. A handler's exception is reported and counted, never thrown into the
     * receiver.
     */
    void dispatch(final Object event)
    {
        final DirectSubscription[] current = handlers;
        dispatched.increment();
        if (current.length == 0)
        {
            unrouted.increment();
            return;
        }
        for (final DirectSubscription sub : current)
        {
            if (sub.closed)
            {
                continue; // closed by an earlier handler of this event
            }
            try
            {
                sub.handler.onEvent(event);
                delivered.increment();
            }
            catch (final Throwable ex)
            {
                failures.increment();
                bus.handlerFailed(ex, local.name(), event, sub.handler);
            }
        }
    }

    /**
     * A subscriber dispatched on the receiver thread; closing it waits for a call under way (unless closed from
     * that thread).
     */
    private final class DirectSubscription implements Subscription
    {
        final Handler<Object> handler;
        private volatile boolean closed;

        DirectSubscription(final Handler<Object> handler)
        {
            this.handler = handler;
        }

        @Override
        public String destination()
        {
            return local.name();
        }

        @Override
        public boolean isActive()
        {
            return !closed && !bus.isClosing();
        }

        @Override
        public void close()
        {
            synchronized (handlersLock)
            {
                if (closed)
                {
                    return;
                }
                closed = true;
                final DirectSubscription[] current = handlers;
                final DirectSubscription[] next = new SharedTopic.DirectSubscription[current.length - 1];
                for (int i = 0, j = 0; i < current.length; i++)
                {
                    if (current[i] != this)
                    {
                        next[j++] = current[i];
                    }
                }
                handlers = next;
            }
            bus.awaitDispatch();
        }
    }

    @Override
    public String toString()
    {
        return what;
    }
}
