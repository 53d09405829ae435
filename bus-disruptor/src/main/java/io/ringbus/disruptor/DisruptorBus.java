package io.ringbus.disruptor;

import io.ringbus.api.Bus;
import io.ringbus.api.BusStats;
import io.ringbus.api.DeadEvent;
import io.ringbus.api.DeadLetter;
import io.ringbus.api.DestinationStats;
import io.ringbus.api.Handler;
import io.ringbus.api.NoResponderException;
import io.ringbus.api.Queue;
import io.ringbus.api.QueueOptions;
import io.ringbus.api.Registration;
import io.ringbus.api.ReplyCallback;
import io.ringbus.api.Responder;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Subscription;
import io.ringbus.api.Topic;
import io.ringbus.api.TopicOptions;
import io.ringbus.api.Translator;
import io.ringbus.support.ListenerBinder;
import io.ringbus.support.Listeners;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The in-process engine: one Disruptor ring per topic, queue, request address and event class, consumers
 * polled by Agrona agents. Build one with {@code io.ringbus.Ringbus.create()} or {@code Ringbus.builder()}.
 * <p>
 * <b>Note:</b> thread-safe.
 */
public final class DisruptorBus implements Bus
{
    private final Engine engine;
    private final Object registryLock = new Object();
    private final Object closeLock = new Object();
    private final ConcurrentHashMap<String, Destination> named = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Class<?>, RingTopic<?>> typeTopics = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Class<?>, RingTopic<?>[]> routes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ResponderAddress> addresses = new ConcurrentHashMap<>();
    private final List<PatternSubscription> patterns = new ArrayList<>();
    private final LongAdder deadEvents = new LongAdder();
    private volatile RequestPool requests;
    private boolean closeDone;

    private DisruptorBus(final BusConfig config)
    {
        this.engine = new Engine(config);
    }

    /**
     * Start a bus. Its shared dispatcher threads start with their first subscriber.
     *
     * @param config validated settings.
     * @return the running bus.
     */
    public static DisruptorBus start(final BusConfig config)
    {
        return new DisruptorBus(Objects.requireNonNull(config, "config"));
    }

    /**
     * The settings this bus was built with.
     *
     * @return the settings.
     */
    public BusConfig config()
    {
        return engine.config;
    }

    // ---------------------------------------------------------------- type-addressed

    @Override
    public void publish(final Object event)
    {
        Objects.requireNonNull(event, "event");
        boolean routed = false;
        for (final RingTopic<?> topic : routesFor(event.getClass()))
        {
            if (topic.hasSubscribers())
            {
                topic.offer(event);
                routed = true;
            }
        }
        if (!routed)
        {
            dead(event, true);
        }
    }

    @Override
    public boolean tryPublish(final Object event)
    {
        Objects.requireNonNull(event, "event");
        boolean routed = false;
        boolean accepted = true;
        for (final RingTopic<?> topic : routesFor(event.getClass()))
        {
            if (topic.hasSubscribers())
            {
                accepted &= topic.tryOffer(event);
                routed = true;
            }
        }
        return routed ? accepted : dead(event, false);
    }

    private boolean dead(final Object event, final boolean wait)
    {
        engine.ensureOpen(event.getClass().getName());
        deadEvents.increment();
        if (event instanceof DeadEvent)
        {
            return true;
        }
        final DeadEvent dead = new DeadEvent(event);
        boolean accepted = true;
        for (final RingTopic<?> topic : routesFor(DeadEvent.class))
        {
            if (topic.hasSubscribers())
            {
                if (wait)
                {
                    topic.offer(dead);
                }
                else
                {
                    accepted &= topic.tryOffer(dead);
                }
            }
        }
        return accepted;
    }

    private RingTopic<?>[] routesFor(final Class<?> type)
    {
        final RingTopic<?>[] cached = routes.get(type);
        return cached != null ? cached : resolveRoutes(type);
    }

    /**
     * The type topics of a class and all its supertypes, resolved once per class. Under the registry lock so
     * that a type topic created meanwhile cannot be left out of a cached entry.
     */
    private RingTopic<?>[] resolveRoutes(final Class<?> type)
    {
        synchronized (registryLock)
        {
            final List<RingTopic<?>> found = new ArrayList<>();
            for (final Class<?> t : TypeHierarchy.of(type))
            {
                final RingTopic<?> topic = typeTopics.get(t);
                if (topic != null)
                {
                    found.add(topic);
                }
            }
            final RingTopic<?>[] resolved = found.toArray(new RingTopic<?>[0]);
            routes.put(type, resolved);
            return resolved;
        }
    }

    @Override
    public <E> Subscription subscribe(final Class<E> type, final Handler<? super E> handler)
    {
        return subscribe(type, handler, SubscribeOptions.defaults());
    }

    @Override
    public <E> Subscription subscribe(
        final Class<E> type, final Handler<? super E> handler, final SubscribeOptions options)
    {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
        return typeTopic(type).subscribe(handler, options);
    }

    @SuppressWarnings("unchecked")
    private <E> RingTopic<E> typeTopic(final Class<E> type)
    {
        return (RingTopic<E>)getOrCreate(typeTopics, type, type.getName(), t ->
        {
            routes.clear();
            return new RingTopic<>(engine, type.getName(), type, DestinationStats.Kind.TYPE);
        });
    }

    /**
     * Lock-free when the entry exists; otherwise created under the registry lock, so that creation is ordered
     * with pattern subscriptions and route resolution, and refused once the bus is closed.
     */
    private <K, V> V getOrCreate(
        final ConcurrentHashMap<K, V> map, final K key, final String name, final Function<K, V> create)
    {
        final V existing = map.get(key);
        if (existing != null)
        {
            return existing;
        }
        synchronized (registryLock)
        {
            engine.ensureOpen(name);
            return map.computeIfAbsent(key, create);
        }
    }

    // ---------------------------------------------------------------- named destinations

    @Override
    public <E> Topic<E> topic(final String name, final Class<E> type)
    {
        return named(name, type, DestinationStats.Kind.TOPIC, null, null, null);
    }

    @Override
    public <E> Topic<E> topic(final String name, final Class<E> type, final TopicOptions options)
    {
        Objects.requireNonNull(options, "options");
        final RingTopic<E> topic = named(name, type, DestinationStats.Kind.TOPIC, null, null, options);
        if (topic.slotFactory != null)
        {
            throw new IllegalArgumentException(topic.describe() + " was declared in slot mode: a topic's mode is " +
                "fixed when it is first declared");
        }
        return topic;
    }

    @Override
    public <E> Topic<E> topic(final String name, final Class<E> type, final Supplier<? extends E> slotFactory)
    {
        return slotTopic(name, type, Objects.requireNonNull(slotFactory, "slotFactory"), null, null);
    }

    @Override
    public <E> Topic<E> topic(
        final String name,
        final Class<E> type,
        final Supplier<? extends E> slotFactory,
        final Translator<? super E, ? super E> copier)
    {
        return slotTopic(
            name, type, Objects.requireNonNull(slotFactory, "slotFactory"), Objects.requireNonNull(copier, "copier"),
            null);
    }

    @Override
    public <E> Topic<E> topic(
        final String name,
        final Class<E> type,
        final Supplier<? extends E> slotFactory,
        final Translator<? super E, ? super E> copier,
        final TopicOptions options)
    {
        return slotTopic(name, type, Objects.requireNonNull(slotFactory, "slotFactory"), copier,
            Objects.requireNonNull(options, "options"));
    }

    /**
     * The first declaration fixes the mode: a later slot-mode declaration must agree on it and on having a
     * copier (the factory and copier of the first declaration stay); a plain {@code topic(name, type)} only
     * looks the topic up.
     */
    private <E> Topic<E> slotTopic(
        final String name,
        final Class<E> type,
        final Supplier<? extends E> slotFactory,
        final Translator<? super E, ? super E> copier,
        final TopicOptions options)
    {
        final RingTopic<E> topic = named(name, type, DestinationStats.Kind.TOPIC, slotFactory, copier, options);
        if (topic.slotFactory == null || (topic.copier == null) != (copier == null))
        {
            throw new IllegalArgumentException(topic.describe() + " was declared " + (topic.slotFactory == null ?
                "in object mode" : topic.copier == null ? "in slot mode without a copier" :
                "in slot mode with a copier") + ": a topic's mode is fixed when it is first declared");
        }
        return topic;
    }

    @Override
    public <E> Queue<E> queue(final String name, final Class<E> type)
    {
        return named(name, type, DestinationStats.Kind.QUEUE, null, null, null);
    }

    @Override
    public <E> Queue<E> queue(final String name, final Class<E> type, final QueueOptions options)
    {
        Objects.requireNonNull(options, "options");
        return named(name, type, DestinationStats.Kind.QUEUE, null, null, options);
    }

    /**
     * @param slotFactory a topic's slot factory when declared in slot mode; {@code null} for object mode.
     * @param copier      a slot-mode topic's copier, or {@code null}.
     * @param options     a queue's {@link QueueOptions} or a topic's {@link TopicOptions} when declared with them;
     *                    {@code null} to take the destination as it is.
     */
    @SuppressWarnings("unchecked")
    private <D, E> D named(
        final String name,
        final Class<E> type,
        final DestinationStats.Kind kind,
        final Supplier<? extends E> slotFactory,
        final Translator<? super E, ? super E> copier,
        final Record options)
    {
        Names.validateName(name, "name");
        Objects.requireNonNull(type, "type");
        final Destination d = getOrCreate(named, name, name, n ->
        {
            for (final PatternSubscription p : patterns)
            {
                p.refuseIncompatible(name, type, kind);
            }
            if (kind == DestinationStats.Kind.QUEUE)
            {
                return newQueue(name, type, options == null ? QueueOptions.defaults() : (QueueOptions)options);
            }
            final RingTopic<?> topic = new RingTopic<>(engine, name, type, kind, slotFactory, copier,
                options == null ? TopicOptions.defaults() : (TopicOptions)options);
            for (final PatternSubscription p : patterns)
            {
                p.attachIfMatching(topic);
            }
            return topic;
        });
        if (d.kind != kind)
        {
            throw new IllegalArgumentException(
                "'" + name + "' is a " + d.kind.name().toLowerCase() + ", not a " + kind.name().toLowerCase() +
                ": topics and queues share one name space");
        }
        if (d.type != type)
        {
            throw new IllegalArgumentException(
                d.describe() + " carries " + d.type.getName() + ", not " + type.getName());
        }
        final Record declared = d instanceof RingQueue<?> q ? q.options : ((RingTopic<?>)d).options;
        if (options != null && !declared.equals(options))
        {
            throw new IllegalArgumentException(d.describe() + " exists with " + declared + ", not " + options +
                ": declare a destination's options before anything else uses its name");
        }
        return (D)d;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private RingQueue<?> newQueue(final String name, final Class<?> type, final QueueOptions options)
    {
        return new RingQueue(engine, name, type, DestinationStats.Kind.QUEUE, options,
            () -> deadLetterQueue(name));
    }

    /**
     * The dead-letter queue of a queue, made on first use. Also while the bus closes, since handlers that fail
     * during the final drain still dead-letter.
     */
    private RingQueue<?> deadLetterQueue(final String of)
    {
        final String name = of + ".dlq";
        Destination d = named.get(name);
        if (d == null)
        {
            synchronized (registryLock)
            {
                d = named.computeIfAbsent(name, n -> newQueue(n, DeadLetter.class, QueueOptions.defaults()));
            }
        }
        if (d.kind != DestinationStats.Kind.QUEUE || d.type != DeadLetter.class)
        {
            throw new IllegalStateException("'" + name + "', the dead-letter queue of queue '" + of + "', is " +
                d.describe() + " of " + d.type.getName() + ", not a queue of " + DeadLetter.class.getName());
        }
        return (RingQueue<?>)d;
    }

    @Override
    public <E> Subscription subscribe(final String pattern, final Class<E> type, final Handler<? super E> handler)
    {
        return subscribe(pattern, type, handler, SubscribeOptions.defaults());
    }

    @Override
    public <E> Subscription subscribe(
        final String pattern, final Class<E> type, final Handler<? super E> handler, final SubscribeOptions options)
    {
        final AddressPattern compiled = AddressPattern.compile(pattern);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
        Options.checkForPattern(options);
        synchronized (registryLock)
        {
            engine.ensureOpen(pattern);
            if (compiled.isExact())
            {
                refuseIncompatibleExact(pattern, type);
            }
            final PatternSubscription subscription = new PatternSubscription(
                compiled, type, handler, engine.dispatchers.choose(null, options.dedicatedThread()), engine,
                this::forget);
            patterns.add(subscription);
            for (final Destination d : named.values())
            {
                if (d instanceof RingTopic<?> topic)
                {
                    subscription.attachIfMatching(topic);
                }
            }
            return subscription;
        }
    }

    /**
     * A name without wildcards names one destination: if it exists, it must be a topic whose events the
     * subscription can take, else the subscription would never deliver.
     */
    private void refuseIncompatibleExact(final String name, final Class<?> type)
    {
        final Destination d = named.get(name);
        if (d == null)
        {
            return;
        }
        if (d.kind != DestinationStats.Kind.TOPIC)
        {
            throw new IllegalArgumentException("'" + name + "' is a " + d.kind.name().toLowerCase() +
                ", not a topic: consume a queue with queue(name, type).consume(handler)");
        }
        if (!type.isAssignableFrom(d.type))
        {
            throw new IllegalArgumentException(d.describe() + " carries " + d.type.getName() + ", so a " +
                "subscription to it for " + type.getName() + " would never be called");
        }
    }

    private void forget(final PatternSubscription subscription)
    {
        synchronized (registryLock)
        {
            patterns.remove(subscription);
        }
    }

    // ---------------------------------------------------------------- request/reply

    @Override
    public <Q, R> Registration respond(
        final String address, final Class<Q> requestType, final Responder<Q, R> responder)
    {
        return respondTyped(address, requestType, null, responder);
    }

    @Override
    public <Q, R> Registration respond(
        final String address, final Class<Q> requestType, final Class<R> replyType, final Responder<Q, R> responder)
    {
        return respondTyped(address, requestType, Objects.requireNonNull(replyType, "replyType"), responder);
    }

    /**
     * @param replyType the type of every reply if declared (a typed responder, an annotated method), else null.
     */
    private Registration respondTyped(
        final String address, final Class<?> requestType, final Class<?> replyType, final Responder<?, ?> responder)
    {
        Names.validateName(address, "address");
        Objects.requireNonNull(requestType, "requestType");
        Objects.requireNonNull(responder, "responder");
        final ResponderAddress a =
            getOrCreate(addresses, address, address, x -> new ResponderAddress(engine, requests(), address, requestType));
        if (a.requestType != requestType)
        {
            throw new IllegalArgumentException("address '" + address + "' is answered for requests of " +
                a.requestType.getName() + ", not " + requestType.getName());
        }
        return a.respond(responder, replyType);
    }

    @Override
    public <Q, R> CompletableFuture<R> request(
        final String address, final Q request, final Class<R> replyType, final Duration timeout)
    {
        final ReplyFuture<R> future = new ReplyFuture<>();
        request(address, request, replyType, timeout, future);
        return future;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <Q, R> void request(
        final String address,
        final Q request,
        final Class<R> replyType,
        final Duration timeout,
        final ReplyCallback<? super R> callback)
    {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(replyType, "replyType");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(callback, "callback");
        if (timeout.isNegative() || timeout.isZero())
        {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        final ResponderAddress a = addresses.get(address);
        if (a == null)
        {
            // Only here: an address found in the map was checked when its responder registered.
            Names.validateName(address, "address");
        }
        if (engine.isClosed())
        {
            failAtOnce(callback, engine.closedException(address));
            return;
        }
        if (a == null || !a.queue.hasSubscribers())
        {
            failAtOnce(callback, new NoResponderException(address));
            return;
        }
        final Class<?> replies = a.knownReplyType();
        if (replies != null && !replyType.isAssignableFrom(replies))
        {
            throw new IllegalArgumentException("replyType " + replyType.getName() + " cannot hold the replies of '" +
                address + "', which are " + replies.getName());
        }
        a.request(request, replyType, timeout.toNanos(), (ReplyCallback<Object>)callback);
    }

    private RequestPool requests()
    {
        RequestPool pool = requests;
        if (pool == null)
        {
            synchronized (registryLock)
            {
                pool = requests;
                if (pool == null)
                {
                    pool = new RequestPool(engine.errors);
                    engine.timer().sweeps(pool);
                    requests = pool;
                }
            }
        }
        return pool;
    }

    private void failAtOnce(final ReplyCallback<?> callback, final RuntimeException failure)
    {
        try
        {
            callback.onReply(null, failure);
        }
        catch (final Throwable ex)
        {
            engine.errors.report("a reply callback threw " + ex);
        }
    }

    /**
     * @return correlation entries in use: requests without an outcome yet, or held by a responder still busy.
     */
    long requestEntriesInUse()
    {
        final RequestPool pool = requests;
        return pool == null ? 0 : pool.inUse();
    }

    /**
     * @return correlation entries ever made (the pool's misses).
     */
    long requestEntriesCreated()
    {
        final RequestPool pool = requests;
        return pool == null ? 0 : pool.created();
    }

    /**
     * @return whether the timer plans a request sweep (a request may be pending).
     */
    boolean requestSweepPlanned()
    {
        final TimerAgent timer = engine.timerIfMade();
        return timer != null && timer.sweepDue() != TimerAgent.NO_SWEEP;
    }

    /**
     * @return timers set in the timer wheel.
     */
    long timers()
    {
        final TimerAgent timer = engine.timerIfMade();
        return timer == null ? 0 : timer.timers();
    }

    /**
     * @return whether the timer thread runs.
     */
    boolean timerRunning()
    {
        final TimerAgent timer = engine.timerIfMade();
        return timer != null && timer.isRunning();
    }

    // ---------------------------------------------------------------- annotations

    /**
     * Binds the listener's annotated methods once (see {@link ListenerBinder}) and attaches them through this
     * bus's public verbs, as every engine does.
     */
    @Override
    public Registration register(final Object listener)
    {
        return Listeners.register(this, listener);
    }

    // ---------------------------------------------------------------- stats and lifecycle

    private List<Destination> destinations()
    {
        final List<Destination> all = new ArrayList<>(named.values());
        all.addAll(typeTopics.values());
        addresses.values().forEach(a -> all.add(a.queue));
        return all;
    }

    @Override
    public BusStats stats()
    {
        final List<DestinationStats> stats = new ArrayList<>();
        for (final Destination d : destinations())
        {
            stats.add(d.stats());
        }
        stats.sort(Comparator.comparing(DestinationStats::kind).thenComparing(DestinationStats::name));
        return new BusStats(
            stats, deadEvents.sum(), engine.dispatchers.liveThreads(), engine.errors.errorHandlerFailures());
    }

    @Override
    public void close()
    {
        final Dispatcher own = DispatcherThread.current();
        if (own != null && engine.dispatchers.owns(own))
        {
            throw new IllegalStateException("close() called from a handler on " + own.roleName() +
                ": it would wait for its own thread to drain; close the bus from outside its handlers");
        }
        synchronized (closeLock)
        {
            if (closeDone)
            {
                return;
            }
            engine.markClosed();
            final long timeout = engine.config.closeTimeout().toNanos();
            final long deadline = System.nanoTime() + timeout;
            final long timerDeadline = engine.config.clock().nanoTime() + timeout;
            List<Destination> all;
            while (true)
            {
                all = destinations();
                for (final Destination d : all)
                {
                    d.markDrainTarget();
                }
                drain(all, deadline);
                // Delayed messages and retries due within the close timeout are delivered too. Asked after the
                // drain, so that a retry scheduled by a handler that just failed is counted.
                final TimerAgent timer = engine.timerIfMade();
                final long due = timer == null ? 0 :
                    timer.dueAtOrBefore(timerDeadline, Math.max(0, deadline - System.nanoTime()));
                if (due == 0 || System.nanoTime() - deadline >= 0)
                {
                    break;
                }
            }
            final long[] undelivered = new long[all.size()];
            for (int i = 0; i < undelivered.length; i++)
            {
                undelivered[i] = all.get(i).undeliveredAtTarget();
            }
            // What is still on the timer now is past the close timeout: each one is reported as it is dropped.
            // Made if need be, so that a retry scheduled later finds it stopped rather than starts it.
            engine.timer().stop(engine.config.closeTimeout().toMillis());
            engine.dispatchers.close();
            reportUndelivered(all, undelivered);
            closeDone = true;
        }
    }

    /**
     * Wait, up to the deadline, until every consumer has handled everything accepted before the drain target.
     */
    private void drain(final List<Destination> all, final long deadline)
    {
        for (int attempt = 0; System.nanoTime() - deadline < 0; attempt++)
        {
            boolean drained = true;
            for (int i = 0; i < all.size() && drained; i++)
            {
                final Destination d = all.get(i);
                drained = !d.hasSubscribers() || d.drainedToTarget();
            }
            if (drained)
            {
                return;
            }
            engine.dispatchers.wakeAll();
            Backoff.pause(attempt);
        }
    }

    private void reportUndelivered(final List<Destination> all, final long[] undelivered)
    {
        for (int i = 0; i < undelivered.length; i++)
        {
            final Destination d = all.get(i);
            if (undelivered[i] > 0)
            {
                engine.errors.report("closed with " + undelivered[i] + " accepted event(s) of " + d.describe() +
                    " undelivered: " + (d.hasSubscribers() ? "the close timeout of " +
                    engine.config.closeTimeout() + " passed first" : "it had no consumer"));
            }
        }
    }

    @Override
    public String toString()
    {
        return "DisruptorBus" + engine.config;
    }
}
