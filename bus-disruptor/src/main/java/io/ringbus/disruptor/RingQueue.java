package io.ringbus.disruptor;

import com.lmax.disruptor.Sequence;
import io.ringbus.api.DestinationStats;
import io.ringbus.api.Handler;
import io.ringbus.api.Queue;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A queue on one multi-producer ring: consumers compete for messages through a shared work sequence (see
 * {@link QueueConsumer}). Messages sent while no consumer is attached wait in the ring, up to its capacity.
 * <p>
 * <b>Note:</b> thread-safe.
 *
 * @param <E> type of the messages.
 */
final class RingQueue<E> extends Destination implements Queue<E>
{
    final Sequence work = new Sequence();
    private final QueueGate gate = new QueueGate(work);

    RingQueue(final Engine engine, final String name, final Class<E> type, final DestinationStats.Kind kind)
    {
        super(engine, name, type, kind);
        ring.addGatingSequences(gate);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<E> type()
    {
        return (Class<E>)type;
    }

    @Override
    public void send(final E message)
    {
        checkInstance(message, "message");
        offer(message);
    }

    @Override
    public boolean trySend(final E message)
    {
        checkInstance(message, "message");
        return tryOffer(message);
    }

    @Override
    public void send(final E message, final int priority)
    {
        checkInstance(message, "message");
        if (priority < 0 || priority > MAX_PRIORITY)
        {
            throw new IllegalArgumentException(
                "priority must be from 0 to Queue.MAX_PRIORITY (" + MAX_PRIORITY + "): " + priority);
        }
        throw new UnsupportedOperationException("priority lanes are not supported by this engine yet");
    }

    @Override
    public void sendAfter(final E message, final Duration delay)
    {
        checkInstance(message, "message");
        Objects.requireNonNull(delay, "delay");
        throw new UnsupportedOperationException("delayed delivery is not supported by this engine yet");
    }

    @Override
    public void sendAt(final E message, final Instant when)
    {
        checkInstance(message, "message");
        Objects.requireNonNull(when, "when");
        throw new UnsupportedOperationException("delayed delivery is not supported by this engine yet");
    }

    @Override
    public Subscription consume(final Handler<? super E> handler)
    {
        return consume(handler, SubscribeOptions.defaults());
    }

    @Override
    public Subscription consume(final Handler<? super E> handler, final SubscribeOptions options)
    {
        Objects.requireNonNull(handler, "handler");
        Options.checkSupported(options);
        engine.ensureOpen(name);
        final QueueConsumer consumer =
            new QueueConsumer(this, handler, engine.dispatchers.choose(this, options.dedicatedThread()));
        consumer.attach();
        return consumer;
    }

    @Override
    void gate(final RingSubscriber subscriber)
    {
        ((QueueConsumer)subscriber).startAtWorkSequence();
        gate.add(subscriber.sequence());
    }

    @Override
    void ungate(final RingSubscriber subscriber)
    {
        gate.remove(subscriber.sequence());
    }

    @Override
    long minimumGatingSequence()
    {
        return gate.get();
    }
}
