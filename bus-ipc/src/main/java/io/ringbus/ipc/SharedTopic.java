package io.ringbus.ipc;

import io.ringbus.api.BiTranslator;
import io.ringbus.api.Handler;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Subscription;
import io.ringbus.api.Topic;
import io.ringbus.api.Translator;

import java.util.Objects;
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
    final AeronBus.TypeEntry entry;
    final int id;
    final boolean slotMode;
    final boolean decodesIntoSlots;
    private final String what;
    private final ThreadLocal<E> spare;

    SharedTopic(final AeronBus bus, final Topic<E> local, final AeronBus.TypeEntry entry,
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
        final AeronBus.Scratch s = bus.scratch();
        final int length = bus.encode(s, KIND_TOPIC, id, entry.id(), 0, 0, 0, entry.codec(), event);
        local.publish(event);
        bus.offerWaiting(s, length, what);
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
        final AeronBus.Scratch s = bus.scratch();
        final int length = bus.encode(s, KIND_TOPIC, id, entry.id(), 0, 0, 0, entry.codec(), event);
        if (!local.tryPublish(event))
        {
            return OfferResult.RING_FULL;
        }
        return OfferResult.of(bus.offer(s, length));
    }

    @Override
    public <A> void publish(final Translator<? super E, ? super A> translator, final A arg)
    {
        final AeronBus.Scratch s = prepare(translator, arg, null, null);
        try
        {
            local.publish(FILL_AND_ENCODE, s);
            encodeSpareIfUnclaimed(s);
        }
        finally
        {
            s.release();
        }
        bus.offerWaiting(s, s.slotLength, what);
    }

    @Override
    public <A> boolean tryPublish(final Translator<? super E, ? super A> translator, final A arg)
    {
        return trySlot(prepare(translator, arg, null, null));
    }

    @Override
    public <A, B> void publish(final BiTranslator<? super E, ? super A, ? super B> translator, final A a, final B b)
    {
        final AeronBus.Scratch s = prepare(null, a, translator, b);
        try
        {
            local.publish(FILL_AND_ENCODE, s);
            encodeSpareIfUnclaimed(s);
        }
        finally
        {
            s.release();
        }
        bus.offerWaiting(s, s.slotLength, what);
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

    private boolean trySlot(final AeronBus.Scratch s)
    {
        try
        {
            if (!local.tryPublish(FILL_AND_ENCODE, s))
            {
                return false;
            }
            encodeSpareIfUnclaimed(s);
        }
        finally
        {
            s.release();
        }
        return bus.offer(s, s.slotLength) > 0;
    }

    private AeronBus.Scratch prepare(final Translator<?, ?> translator, final Object a,
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
        final AeronBus.Scratch s = bus.scratch();
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
    private void encodeSpareIfUnclaimed(final AeronBus.Scratch s)
    {
        if (!s.slotFilled)
        {
            fill(spare.get(), s);
        }
    }

    private static final Translator<Object, AeronBus.Scratch> FILL_AND_ENCODE = SharedTopic::fill;

    @SuppressWarnings("unchecked")
    private static void fill(final Object slot, final AeronBus.Scratch s)
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
        s.slotLength = topic.bus.encode(s, KIND_TOPIC, topic.id, topic.entry.id(), 0, 0, 0, topic.entry.codec(), slot);
        s.slotFilled = true;
    }

    @Override
    public Subscription subscribe(final Handler<? super E> handler)
    {
        return local.subscribe(handler);
    }

    @Override
    public Subscription subscribe(final Handler<? super E> handler, final SubscribeOptions options)
    {
        return local.subscribe(handler, options);
    }

    @Override
    public String toString()
    {
        return what;
    }
}
