package io.ringbus.disruptor;

import io.ringbus.api.DestinationStats;
import io.ringbus.api.Handler;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Subscription;
import io.ringbus.api.Topic;

import java.util.Objects;

/**
 * A topic on one multi-producer ring: each subscriber polls the ring with a sequence of its own.
 * <p>
 * An event published while the topic has no subscriber reaches nobody: it is not put in the ring, and it is
 * counted as unrouted.
 * <p>
 * <b>Note:</b> thread-safe.
 *
 * @param <E> type of the events.
 */
final class RingTopic<E> extends Destination implements Topic<E>
{
    RingTopic(final Engine engine, final String name, final Class<E> type, final DestinationStats.Kind kind)
    {
        super(engine, name, type, kind);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<E> type()
    {
        return (Class<E>)type;
    }

    @Override
    public void publish(final E event)
    {
        checkInstance(event, "event");
        if (hasSubscribers())
        {
            offer(event);
        }
        else
        {
            countUnrouted();
        }
    }

    @Override
    public boolean tryPublish(final E event)
    {
        checkInstance(event, "event");
        if (hasSubscribers())
        {
            return tryOffer(event);
        }
        countUnrouted();
        return true;
    }

    private void countUnrouted()
    {
        engine.ensureOpen(name);
        unrouted.increment();
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
        Options.checkSupported(options);
        engine.ensureOpen(name);
        final TopicSubscriber subscriber =
            new TopicSubscriber(this, handler, engine.dispatchers.choose(this, options.dedicatedThread()), name);
        subscriber.attach();
        return subscriber;
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
