package io.ringbus.ipc;

import io.ringbus.api.Handler;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Subscription;
import io.ringbus.api.Topic;

import java.util.Objects;

import static io.ringbus.ipc.FrameDescriptor.KIND_TOPIC;

/**
 * A topic carried between processes: its local ring serves this process's subscribers, and every event
 * published here is also written once to the Aeron stream for the other buses.
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
    private final String what;

    SharedTopic(final AeronBus bus, final Topic<E> local, final AeronBus.TypeEntry entry)
    {
        this.bus = bus;
        this.local = local;
        this.type = local.type();
        this.entry = entry;
        this.id = FrameDescriptor.destinationId(local.name());
        this.what = "shared topic '" + local.name() + "'";
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
