package io.ringbus.ipc;

import io.ringbus.api.BackpressureException;
import io.ringbus.api.BackpressurePolicy;
import io.ringbus.api.DeadLetter;
import io.ringbus.api.QueueOptions;
import io.ringbus.api.ScheduledMessage;
import io.ringbus.api.Handler;
import io.ringbus.api.Queue;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A queue carried between processes. Each message goes to one node that has consumers (this one or another, in
 * turn), then to one consumer there; a message sent to another node is kept until acknowledged and sent again
 * to a survivor if that node is lost (at-least-once). The local ring holds {@link Delivery} holders so that a
 * consumer can acknowledge what it handled; consumers see only the message.
 * <p>
 * <b>Note:</b> thread-safe.
 *
 * @param <E> type of the messages.
 */
final class SharedQueue<E> implements Queue<E>
{
    final AeronBus bus;
    final String name;
    final Queue<Delivery> local;
    final Class<E> type;
    final TypeEntry entry;
    final Members members;
    final int id;
    final AtomicInteger localConsumers = new AtomicInteger();
    final AtomicLong roundRobin = new AtomicLong();
    final ConcurrentLinkedQueue<Object> parked = new ConcurrentLinkedQueue<>();
    final AtomicInteger parkedCount = new AtomicInteger();
    final AtomicLong failures = new AtomicLong();
    private final int capacity;

    @SuppressWarnings("unchecked")
    SharedQueue(final AeronBus bus, final String name, final Queue<Delivery> local, final TypeEntry entry,
        final Members members)
    {
        this.bus = bus;
        this.name = name;
        this.local = local;
        this.type = (Class<E>)entry.type();
        this.entry = entry;
        this.members = members;
        this.id = FrameDescriptor.destinationId(name);
        this.capacity = bus.ringSize();
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public Class<E> type()
    {
        return type;
    }

    @Override
    public void send(final E message)
    {
        if (!send(message, true))
        {
            throw new IllegalStateException("unreachable: a waiting send returned without sending");
        }
    }

    @Override
    public boolean trySend(final E message)
    {
        return send(message, false);
    }

    private boolean send(final E message, final boolean wait)
    {
        Objects.requireNonNull(message, "message");
        if (!type.isInstance(message))
        {
            throw new IllegalArgumentException(
                "message of " + message.getClass().getName() + " sent to queue '" + name + "' of " + type.getName());
        }
        bus.ensureOpen("shared queue '" + name + "'");
        bus.router.checkEncodable(this, message);
        for (int attempt = 0; ; attempt++)
        {
            // While messages wait for a first consumer, newer ones wait behind them to keep their order.
            if (parkedCount.get() == 0 && bus.router.tryRoute(this, message))
            {
                return true;
            }
            final boolean noConsumer = localConsumers.get() == 0 && members.nodes.length == 0;
            if ((noConsumer || parkedCount.get() > 0) && parkedCount.get() < capacity)
            {
                bus.router.park(this, message);
                return true;
            }
            if (!wait)
            {
                return false;
            }
            bus.ensureOpen("shared queue '" + name + "'");
            if (bus.backpressure() == BackpressurePolicy.FAIL)
            {
                throw new BackpressureException("shared queue '" + name + "' is full" +
                    (noConsumer ? " of messages waiting for a first consumer" : ""));
            }
            FrameSender.pause(attempt);
        }
    }

    @Override
    public void send(final E message, final int priority)
    {
        throw new UnsupportedOperationException("priorities are not carried between processes yet: queue '" +
            name + "' is shared");
    }

    @Override
    public ScheduledMessage sendAfter(final E message, final Duration delay)
    {
        throw new UnsupportedOperationException("delayed delivery is not carried between processes yet: queue '" +
            name + "' is shared");
    }

    @Override
    public ScheduledMessage sendAt(final E message, final Instant when)
    {
        throw new UnsupportedOperationException("delayed delivery is not carried between processes yet: queue '" +
            name + "' is shared");
    }

    /**
     * Shared queues have no retries and no dead-letter queue yet: a failed message is reported to the error
     * handler, counted in {@code failures} and acknowledged (see {@link AckingHandler}).
     */
    @Override
    public Queue<DeadLetter<E>> deadLetters()
    {
        throw new UnsupportedOperationException("dead letters are not carried between processes yet: queue '" +
            name + "' is shared; failed messages are reported to the error handler and counted");
    }

    @Override
    public QueueOptions options()
    {
        return QueueOptions.defaults();
    }

    @Override
    public Subscription consume(final Handler<? super E> handler)
    {
        return consume(handler, SubscribeOptions.defaults());
    }

    @Override
    @SuppressWarnings("unchecked")
    public Subscription consume(final Handler<? super E> handler, final SubscribeOptions options)
    {
        Objects.requireNonNull(handler, "handler");
        final Subscription subscription = local.consume(new AckingHandler((Handler<Object>)handler), options);
        bus.sender.announce(id, localConsumers.incrementAndGet());
        return new ConsumerSubscription(subscription);
    }

    /**
     * Hands the message to the user's handler, then acknowledges it to the node that sent it, whether the handler
     * returned or threw (a throw is counted and reported with the user's message and handler, not retried).
     */
    final class AckingHandler implements Handler<Delivery>
    {
        final Handler<Object> user;

        AckingHandler(final Handler<Object> user)
        {
            this.user = user;
        }

        @Override
        public void onEvent(final Delivery d) throws Exception
        {
            try
            {
                user.onEvent(d.message);
            }
            catch (final Throwable ex)
            {
                // Reported here with the user's message rather than thrown: the local ring's retry and
                // dead-letter path would otherwise keep the transport's Delivery holder, not the message.
                failures.incrementAndGet();
                bus.handlerFailed(ex, name, d.message, user);
            }
            finally
            {
                if (d.origin != 0)
                {
                    bus.sender.sendAck(d, id);
                }
            }
        }

        @Override
        public String toString()
        {
            return String.valueOf(user);
        }
    }

    /**
     * A consumer of this queue: closing it first tells peers (when it was the last one here) to stop routing
     * messages to this node, then stops the local consumer.
     */
    private final class ConsumerSubscription implements Subscription
    {
        private final Subscription local;
        private final AtomicBoolean closed = new AtomicBoolean();

        ConsumerSubscription(final Subscription local)
        {
            this.local = local;
        }

        @Override
        public String destination()
        {
            return name;
        }

        @Override
        public boolean isActive()
        {
            return !closed.get() && local.isActive();
        }

        @Override
        public void close()
        {
            if (closed.compareAndSet(false, true))
            {
                bus.sender.announce(id, localConsumers.decrementAndGet());
                local.close();
            }
        }
    }

    @Override
    public String toString()
    {
        return "shared queue '" + name + "'";
    }
}
