package io.ringbus.disruptor;

import io.ringbus.api.DestinationStats;
import io.ringbus.api.Handler;
import io.ringbus.api.Subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One subscription to every topic matching a pattern, now and later. All its topics are polled by one
 * dispatcher so that its handler is never called concurrently with itself.
 * <p>
 * <b>Note:</b> thread-safe; {@link #attachIfMatching} is called under the bus's registry lock.
 */
final class PatternSubscription implements Subscription
{
    private final AddressPattern pattern;
    private final Class<?> type;
    private final Handler<?> handler;
    private final Dispatcher dispatcher;
    private final Engine engine;
    private final Consumer<PatternSubscription> onClose;
    private final List<TopicSubscriber> children = new ArrayList<>();
    private boolean closed;

    PatternSubscription(
        final AddressPattern pattern,
        final Class<?> type,
        final Handler<?> handler,
        final Dispatcher dispatcher,
        final Engine engine,
        final Consumer<PatternSubscription> onClose)
    {
        this.pattern = pattern;
        this.type = type;
        this.handler = handler;
        this.dispatcher = dispatcher;
        this.engine = engine;
        this.onClose = onClose;
    }

    /**
     * A subscription by exact name can only ever attach to a topic of that name carrying its type or a subtype:
     * refuse declaring that name as anything else, instead of a subscription that silently never delivers.
     *
     * @throws IllegalArgumentException naming both types, or the kind.
     */
    void refuseIncompatible(final String name, final Class<?> declared, final DestinationStats.Kind kind)
    {
        if (pattern.isExact() && pattern.pattern().equals(name))
        {
            if (kind == DestinationStats.Kind.QUEUE)
            {
                throw new IllegalArgumentException("'" + name + "' has a topic subscription by that exact name " +
                    "(for " + type.getName() + "): it cannot be declared a queue");
            }
            if (!type.isAssignableFrom(declared))
            {
                throw new IllegalArgumentException("topic '" + name + "' cannot carry " + declared.getName() +
                    ": a subscription by that exact name waits for " + type.getName() + ", which " +
                    declared.getName() + " is not");
            }
        }
    }

    /**
     * Attach to a topic if its name matches and its events are of the wanted type.
     */
    synchronized void attachIfMatching(final RingTopic<?> topic)
    {
        if (!closed && pattern.matches(topic.name) && type.isAssignableFrom(topic.type))
        {
            final TopicSubscriber child = new TopicSubscriber(topic, handler, dispatcher, pattern.pattern());
            child.attach();
            children.add(child);
        }
    }

    @Override
    public String destination()
    {
        return pattern.pattern();
    }

    @Override
    public synchronized boolean isActive()
    {
        return !closed && !engine.isClosed();
    }

    @Override
    public void close()
    {
        final List<TopicSubscriber> toClose;
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            toClose = List.copyOf(children);
            children.clear();
        }
        onClose.accept(this);
        toClose.forEach(TopicSubscriber::close);
        if (dispatcher.isDedicated())
        {
            dispatcher.retire();
        }
    }

    @Override
    public String toString()
    {
        return "PatternSubscription[" + pattern + " of " + type.getName() + "]";
    }
}
