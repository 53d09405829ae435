package io.ringbus.ipc;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.exceptions.DriverTimeoutException;
import io.ringbus.api.BackpressurePolicy;
import io.ringbus.api.Bus;
import io.ringbus.api.BusClosedException;
import io.ringbus.api.BusStats;
import io.ringbus.api.DestinationStats;
import io.ringbus.api.ErrorHandler;
import io.ringbus.api.Handler;
import io.ringbus.api.IdleStrategyKind;
import io.ringbus.api.NoResponderException;
import io.ringbus.api.Queue;
import io.ringbus.api.ReplyCallback;
import io.ringbus.api.QueueOptions;
import io.ringbus.api.Registration;
import io.ringbus.api.Responder;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Subscription;
import io.ringbus.api.Topic;
import io.ringbus.api.TopicOptions;
import io.ringbus.api.Translator;
import io.ringbus.api.codec.Codec;
import io.ringbus.api.codec.Codecs;
import io.ringbus.disruptor.DisruptorBus;
import io.ringbus.support.Listeners;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static io.ringbus.ipc.FrameDescriptor.HEADER_LENGTH;
import static io.ringbus.ipc.FrameDescriptor.KIND_BYE;

/**
 * A bus whose shared destinations are carried over Aeron between processes (or machines, with an
 * {@code aeron:udp} channel). It wraps an in-process bus: every destination lives in the local engine, and a
 * destination declared shared is also written to and read from one Aeron stream. Local subscribers cannot tell
 * whether an event came from this process or another.
 * <pre>{@code
 * try (AeronBus bus = AeronBus.builder().sharePrefix("prices.").build())
 * {
 *     Topic<Price> prices = bus.topic("prices.eurusd", Price.class);   // seen by every process that declares it
 *     prices.subscribe(p -> System.out.println(p));
 *     prices.publish(new Price("EURUSD", 1.0842));
 * }
 * }</pre>
 * <b>What crosses processes</b>: named topics, queues and request addresses whose name the builder marks shared
 * ({@link AeronBusBuilder#share}, {@link AeronBusBuilder#sharePrefix}, {@link AeronBusBuilder#shareAll}).
 * Type-addressed {@link #publish(Object)}, pattern subscriptions to topics this process never declared, and dead
 * events stay local. Types cross through a {@link Codec}: the built-ins of {@link Codecs}, or one given to
 * {@link AeronBusBuilder#codec}.
 * <ul>
 *   <li><b>Topics</b>: an event goes to this process's subscribers through the local ring and to every other bus
 *   through the stream, where each receiving bus publishes it into its own ring. Each subscriber sees one
 *   publisher's events in that publisher's order; events of different publishing processes may interleave
 *   differently at different processes.</li>
 *   <li><b>Queues</b>: each message goes to one node that announced consumers (round robin, this one included),
 *   then to one consumer there. A message sent to another node is kept until that node acknowledges it
 *   (after a consumer's handler returned or threw); if the node is lost first, the message is sent again to a
 *   survivor. Delivery is therefore <b>at-least-once</b> across processes: a consumer process killed after
 *   handling a message but before its acknowledgement left causes that message to be handled again elsewhere.
 *   Messages sent while no consumer is known anywhere wait in the sending process, up to the ring size.</li>
 *   <li><b>Requests</b>: a request goes to a local responder when there is one, else to a node that announced
 *   one; replies carry the request's correlation id. No responder known: {@link NoResponderException} at once; the
 *   responder's process lost: {@link NoResponderException}; no reply in time: {@code TimeoutException}; the
 *   remote responder threw: {@link RemoteResponderException}.</li>
 * </ul>
 * <b>Driver</b>: by default the first bus on a machine launches an embedded media driver (shared threading) in
 * a per-user, owner-only directory, and later buses of any process of that user join it; the driver is closed
 * with the last bus of the JVM that hosts it, which disconnects buses of other processes (they report it). For
 * long-lived deployments run an external driver and name its directory with
 * {@link AeronBusBuilder#externalDriver}.
 * <p>
 * <b>Note:</b> thread-safe. Handlers run on the local engine's dispatcher threads; frames are read by one
 * receiver thread per bus.
 */
public final class AeronBus implements Bus
{
    /** System property for {@link AeronBusBuilder#termLength(int)}. */
    public static final String TERM_LENGTH_PROP_NAME = "ringbus.ipc.termLength";
    /** 1 MiB terms: each bus's log takes about 3 MiB of {@code /dev/shm}, not Aeron's default 192 MiB. */
    public static final int TERM_LENGTH_DEFAULT = 1 << 20;

    /** System property for {@link AeronBusBuilder#maxFrameLength(int)}. */
    public static final String MAX_FRAME_LENGTH_PROP_NAME = "ringbus.ipc.maxFrameLength";
    /** Largest frame (header and encoded event) unless told otherwise. */
    public static final int MAX_FRAME_LENGTH_DEFAULT = 64 * 1024;

    /** System property for {@link AeronBusBuilder#peerTimeout(Duration)}, in milliseconds. */
    public static final String PEER_TIMEOUT_PROP_NAME = "ringbus.ipc.peerTimeoutMs";
    /** A peer silent this long is considered gone. */
    public static final Duration PEER_TIMEOUT_DEFAULT = Duration.ofSeconds(5);

    /** System property for {@link AeronBusBuilder#driverTimeout(Duration)}, in milliseconds. */
    public static final String DRIVER_TIMEOUT_PROP_NAME = "ringbus.ipc.driverTimeoutMs";
    /** A driver silent this long is reported gone. */
    public static final Duration DRIVER_TIMEOUT_DEFAULT = Duration.ofSeconds(10);

    /** System property for {@link AeronBusBuilder#channel(String)}. */
    public static final String CHANNEL_PROP_NAME = "ringbus.ipc.channel";
    /** Shared memory between processes of one machine. */
    public static final String CHANNEL_DEFAULT = "aeron:ipc";

    /** System property for {@link AeronBusBuilder#streamId(int)}. */
    public static final String STREAM_ID_PROP_NAME = "ringbus.ipc.streamId";
    /** The stream every Ringbus frame travels on unless told otherwise. */
    public static final int STREAM_ID_DEFAULT = 0x5242;

    /** System property for {@link AeronBusBuilder#receiverDispatch(boolean)}. */
    public static final String RECEIVER_DISPATCH_PROP_NAME = "ringbus.ipc.receiverDispatch";

    /** System property for {@link AeronBusBuilder#embeddedDriver(Path)}: the embedded driver's base directory. */
    public static final String DIR_PROP_NAME = "ringbus.ipc.dir";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final int MAX_NAME_LENGTH = 255;
    static final long CONTROL_BUDGET_NS = TimeUnit.MILLISECONDS.toNanos(200);

    final Bus inner;
    final BusConfig config;
    final long nodeId = newNodeId();
    private final DriverLease lease;
    final Aeron aeron;
    final io.aeron.ExclusivePublication publication;
    final io.aeron.Subscription subscription;
    final int maxFrameLength;
    final FrameSender sender;
    final AgentRunner receiverRunner;
    final ThreadLocal<Scratch> scratch;
    private final Receiver receiver;

    final Object registryLock = new Object();
    private final ConcurrentHashMap<String, SharedTopic<?>> topics = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, SharedQueue<?>> queues = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, SharedAddress> addresses = new ConcurrentHashMap<>();
    final ConcurrentHashMap<Integer, Members> directory = new ConcurrentHashMap<>();
    final TypeRegistry types;
    final SharedRequests requests = new SharedRequests(this);
    final QueueRouter router = new QueueRouter(this);
    // copy-on-write, never changed once published: the receiver reads them per frame without boxing the key
    volatile Int2ObjectHashMap<Object> destinationsById = new Int2ObjectHashMap<>();
    volatile SharedQueue<?>[] queueArray = new SharedQueue<?>[0];
    volatile SharedAddress[] addressArray = new SharedAddress[0];

    final AtomicLong nextCorrelation = new AtomicLong();
    final ConcurrentHashMap<Long, Unacked> unacked = new ConcurrentHashMap<>();
    final ConcurrentHashMap<Long, PendingReply> pending = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<Integer> lostSessions = new ConcurrentLinkedQueue<>();

    final LongAdder framesSent = new LongAdder();
    final LongAdder backPressured = new LongAdder();
    final LongAdder notConnected = new LongAdder();
    final LongAdder closedOffers = new LongAdder();
    final LongAdder controlFailures = new LongAdder();
    final LongAdder transportErrors = new LongAdder();
    private final AtomicLong errorHandlerFailures = new AtomicLong();
    final LongAdder redelivered = new LongAdder();
    final AtomicInteger parkedTotal = new AtomicInteger();

    volatile boolean closing;
    volatile boolean driverLost;
    private boolean closeDone;

    AeronBus(final BusConfig config)
    {
        this.config = config;
        this.types = new TypeRegistry(config.codecs);
        // every in-process setting as the builder took it; only the error handler is wrapped (see onHandlerError)
        this.inner = DisruptorBus.start(config.local.withErrorHandler(this::onHandlerError));
        DriverLease lease = null;
        Aeron aeron = null;
        try
        {
            final org.agrona.ErrorHandler transportErrorHandler = this::onTransportError;
            lease = config.externalDir != null ?
                DriverLease.external(config.externalDir, config.driverSettings.driverTimeoutMs()) :
                DriverLease.embedded(config.embeddedBase, config.driverSettings, transportErrorHandler);
            aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(lease.aeronDirectoryName())
                .driverTimeoutMs(config.driverSettings.driverTimeoutMs())
                .keepAliveIntervalNs(TimeUnit.MILLISECONDS.toNanos(
                    Math.min(500, config.driverSettings.peerTimeoutMs() / 4)))
                .clientName("ringbus-" + Long.toHexString(nodeId))
                .errorHandler(transportErrorHandler));
            // An exclusive publication has its own log and session, so each bus is its own image at every
            // subscriber: a peer's loss shows as its image going away, and a publisher killed mid-write blocks
            // only its own log. Its offers are serialised by a lock (see offer).
            this.publication = aeron.addExclusivePublication(config.publishChannel, config.streamId);
            this.subscription = aeron.addSubscription(
                config.subscribeChannel, config.streamId, image -> { }, image -> lostSessions.add(image.sessionId()));
            this.maxFrameLength = Math.min(config.maxFrameLength, publication.maxMessageLength());
            if (config.publishChannel.equals(config.subscribeChannel))
            {
                awaitConnected(publication, subscription, config.driverSettings.driverTimeoutMs());
            }
        }
        catch (final RuntimeException ex)
        {
            if (aeron != null)
            {
                aeron.close();
            }
            if (lease != null)
            {
                lease.close();
            }
            inner.close();
            throw ex;
        }
        this.lease = lease;
        this.aeron = aeron;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(maxFrameLength));
        this.sender = new FrameSender(this);
        this.receiver = new Receiver(this);
        this.receiverRunner = new AgentRunner(idleStrategy(config.idle), transportErrorHandlerFor(), null, receiver);
        AgentRunner.startOnThread(receiverRunner, r ->
        {
            final Thread t = new Thread(r, "ringbus-ipc-" + Long.toHexString(nodeId));
            t.setDaemon(true);
            return t;
        });
    }

    private org.agrona.ErrorHandler transportErrorHandlerFor()
    {
        return this::onTransportError;
    }

    /**
     * A builder with the defaults and any {@code ringbus.*} and {@code ringbus.ipc.*} system properties.
     *
     * @return a new builder.
     * @throws IllegalArgumentException naming the property and the value, if one of those properties is malformed.
     */
    public static AeronBusBuilder builder()
    {
        return new AeronBusBuilder();
    }

    // ---------------------------------------------------------------- Bus: local-only verbs

    @Override
    public void publish(final Object event)
    {
        inner.publish(event);
    }

    @Override
    public boolean tryPublish(final Object event)
    {
        return inner.tryPublish(event);
    }

    @Override
    public <E> Subscription subscribe(final Class<E> type, final Handler<? super E> handler)
    {
        return inner.subscribe(type, handler);
    }

    @Override
    public <E> Subscription subscribe(
        final Class<E> type, final Handler<? super E> handler, final SubscribeOptions options)
    {
        return inner.subscribe(type, handler, options);
    }

    @Override
    public <E> Subscription subscribe(final String pattern, final Class<E> type, final Handler<? super E> handler)
    {
        return inner.subscribe(pattern, type, handler);
    }

    @Override
    public <E> Subscription subscribe(
        final String pattern, final Class<E> type, final Handler<? super E> handler, final SubscribeOptions options)
    {
        return inner.subscribe(pattern, type, handler, options);
    }

    // ---------------------------------------------------------------- named destinations

    /**
     * Whether a destination or address name is carried between processes by this bus.
     *
     * @param name a topic, queue or request address name.
     * @return {@code true} if the builder's share rules match it.
     */
    public boolean isShared(final String name)
    {
        if (config.shareAll || config.sharedNames.contains(name))
        {
            return true;
        }
        for (final String prefix : config.sharedPrefixes)
        {
            if (name.startsWith(prefix))
            {
                return true;
            }
        }
        return false;
    }

    @Override
    public <E> Topic<E> topic(final String name, final Class<E> type)
    {
        validateName(name, "name");
        Objects.requireNonNull(type, "type");
        return isShared(name) ? sharedTopic(name, type, null, () -> inner.topic(name, type)) : inner.topic(name, type);
    }

    /**
     * A slot-mode topic; when shared, events from other processes are decoded straight into a slot if the type's
     * codec is a {@link SlotCodec}, else decoded and copied in, which needs the copier form of this method.
     *
     * @throws IllegalArgumentException also if the topic is shared and neither a {@link SlotCodec} nor a copier
     *                                  can put received events into slots.
     */
    @Override
    public <E> Topic<E> topic(final String name, final Class<E> type, final Supplier<? extends E> slotFactory)
    {
        validateName(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(slotFactory, "slotFactory");
        if (!isShared(name))
        {
            return inner.topic(name, type, slotFactory);
        }
        if (!(types.register(type).codec() instanceof SlotCodec))
        {
            throw new IllegalArgumentException("shared slot-mode topic '" + name + "' cannot take events from other " +
                "processes: give it a copier, or give the builder a SlotCodec for " + type.getName());
        }
        return sharedTopic(name, type, slotFactory, () -> inner.topic(name, type, slotFactory));
    }

    @Override
    public <E> Topic<E> topic(final String name, final Class<E> type, final Supplier<? extends E> slotFactory,
        final Translator<? super E, ? super E> copier)
    {
        validateName(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(slotFactory, "slotFactory");
        Objects.requireNonNull(copier, "copier");
        return isShared(name) ? sharedTopic(name, type, slotFactory, () -> inner.topic(name, type, slotFactory, copier)) :
            inner.topic(name, type, slotFactory, copier);
    }

    /**
     * A topic with options; a shared topic takes a ring size but not {@link TopicOptions#singleWriter(boolean) singleWriter}: this
     * process's receiver publishes into it too.
     *
     * @throws IllegalArgumentException also if the topic is shared and declared single-writer.
     */
    @Override
    public <E> Topic<E> topic(final String name, final Class<E> type, final TopicOptions options)
    {
        validateName(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(options, "options");
        if (!isShared(name))
        {
            return inner.topic(name, type, options);
        }
        refuseSingleWriter(name, options);
        return sharedTopic(name, type, null, () -> inner.topic(name, type, options));
    }

    /**
     * A slot-mode topic with options: as {@link #topic(String, Class, Supplier, Translator)} and
     * {@link #topic(String, Class, TopicOptions)}.
     */
    @Override
    public <E> Topic<E> topic(final String name, final Class<E> type, final Supplier<? extends E> slotFactory,
        final Translator<? super E, ? super E> copier, final TopicOptions options)
    {
        validateName(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(slotFactory, "slotFactory");
        Objects.requireNonNull(options, "options");
        if (!isShared(name))
        {
            return inner.topic(name, type, slotFactory, copier, options);
        }
        refuseSingleWriter(name, options);
        if (copier == null && !(types.register(type).codec() instanceof SlotCodec))
        {
            throw new IllegalArgumentException("shared slot-mode topic '" + name + "' cannot take events from other " +
                "processes: give it a copier, or give the builder a SlotCodec for " + type.getName());
        }
        return sharedTopic(name, type, slotFactory, () -> inner.topic(name, type, slotFactory, copier, options));
    }

    private static void refuseSingleWriter(final String name, final TopicOptions options)
    {
        if (options.singleWriter())
        {
            throw new IllegalArgumentException("shared topic '" + name + "' cannot be single-writer: events from " +
                "other processes are published into it by this process's receiver thread as well");
        }
    }

    @SuppressWarnings("unchecked")
    private <E> Topic<E> sharedTopic(final String name, final Class<E> type, final Supplier<? extends E> slotFactory,
        final Supplier<Topic<E>> declareLocal)
    {
        synchronized (registryLock)
        {
            ensureOpen(name);
            final Topic<E> local = declareLocal.get(); // validates name, kind, type and mode against earlier calls
            final SharedTopic<?> again = topics.get(name);
            if (again != null)
            {
                return (Topic<E>)again;
            }
            final SharedTopic<E> topic = new SharedTopic<>(this, local, types.register(type), slotFactory);
            declare(name, topic);
            topics.put(name, topic);
            return topic;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E> Queue<E> queue(final String name, final Class<E> type)
    {
        validateName(name, "name");
        Objects.requireNonNull(type, "type");
        if (!isShared(name))
        {
            return inner.queue(name, type);
        }
        final SharedQueue<?> existing = queues.get(name);
        if (existing != null)
        {
            if (existing.type != type)
            {
                throw new IllegalArgumentException(
                    "queue '" + name + "' carries " + existing.type.getName() + ", not " + type.getName());
            }
            return (Queue<E>)existing;
        }
        synchronized (registryLock)
        {
            ensureOpen(name);
            final SharedQueue<?> again = queues.get(name);
            if (again != null)
            {
                return queue(name, type);
            }
            final Queue<Delivery> local = inner.queue(name, Delivery.class); // validates name and kind
            final SharedQueue<E> queue =
                new SharedQueue<>(this, name, local, types.register(type), members(FrameDescriptor.destinationId(name)));
            declare(name, queue);
            queues.put(name, queue);
            final List<SharedQueue<?>> all = new ArrayList<>(List.of(queueArray));
            all.add(queue);
            queueArray = all.toArray(new SharedQueue<?>[0]);
            return queue;
        }
    }

    /**
     * As {@link Bus#queue(String, Class, QueueOptions)} for a local queue; a shared queue takes only the default
     * options, since retries, dead letters and the starvation guard are not carried between processes yet.
     */
    @Override
    public <E> Queue<E> queue(final String name, final Class<E> type, final QueueOptions options)
    {
        Objects.requireNonNull(options, "options");
        validateName(name, "name");
        if (!isShared(name))
        {
            return inner.queue(name, type, options);
        }
        if (!options.equals(QueueOptions.defaults()))
        {
            throw new UnsupportedOperationException("queue '" + name + "' is shared, and " + options +
                " are not carried between processes yet: only QueueOptions.defaults()");
        }
        return queue(name, type);
    }

    /**
     * Offer an event to a shared topic without waiting, and say by name what happened: the local ring first,
     * then the Aeron stream.
     *
     * @param topic a shared topic of this bus.
     * @param event the event, not {@code null}.
     * @param <E>   type of the event.
     * @return the outcome.
     * @throws IllegalArgumentException if the topic is not a shared topic of this bus, or the event encodes to more
     *                                  than the frame limit.
     * @throws BusClosedException       if the bus is closed.
     */
    public <E> OfferResult offer(final Topic<E> topic, final E event)
    {
        if (!(topic instanceof SharedTopic<E> shared) || shared.bus != this)
        {
            throw new IllegalArgumentException("topic must be a shared topic of this bus: " + topic);
        }
        return shared.offer(event);
    }

    // ---------------------------------------------------------------- request/reply

    @Override
    public <Q, R> Registration respond(
        final String address, final Class<Q> requestType, final Responder<Q, R> responder)
    {
        return requests.respond(address, requestType, responder);
    }

    /**
     * As {@link Bus#respond(String, Class, Class, Responder)}: a local address checks the reply type as the
     * in-process bus does; a shared one answers as {@link #respond(String, Class, Responder)}.
     */
    @Override
    public <Q, R> Registration respond(
        final String address, final Class<Q> requestType, final Class<R> replyType, final Responder<Q, R> responder)
    {
        validateName(address, "address");
        return isShared(address) ? respond(address, requestType, responder) :
            inner.respond(address, requestType, replyType, responder);
    }

    /**
     * As {@link Bus#request(String, Object, Class, Duration, ReplyCallback)}; across processes it is built on the
     * future form (one future per request: the allocation-free path is in-process only).
     */
    @Override
    public <Q, R> void request(final String address, final Q request, final Class<R> replyType,
        final Duration timeout, final ReplyCallback<? super R> callback)
    {
        Objects.requireNonNull(callback, "callback");
        validateName(address, "address");
        if (!isShared(address))
        {
            inner.request(address, request, replyType, timeout, callback);
            return;
        }
        request(address, request, replyType, timeout).whenComplete((reply, failure) ->
            callback.onReply(reply, failure instanceof CompletionException && failure.getCause() != null ?
                failure.getCause() : failure));
    }

    @Override
    public <Q, R> CompletableFuture<R> request(
        final String address, final Q request, final Class<R> replyType, final Duration timeout)
    {
        return requests.request(address, request, replyType, timeout);
    }

    // ---------------------------------------------------------------- annotations, stats, close

    /**
     * Wires annotated methods exactly as the in-process bus does (one binder for every engine, generic and bridge
     * methods included), through this bus's own verbs: a method naming a shared topic, queue or address goes
     * through the transport, any other through the local engine.
     */
    @Override
    public Registration register(final Object listener)
    {
        return Listeners.register(this, listener);
    }

    @Override
    public BusStats stats()
    {
        final BusStats local = inner.stats();
        final List<DestinationStats> rewritten = new ArrayList<>(local.destinations().size());
        for (final DestinationStats d : local.destinations())
        {
            final SharedTopic<?> t = d.kind() == DestinationStats.Kind.TOPIC ? topics.get(d.name()) : null;
            if (t != null && t.direct)
            {
                // its events never enter the ring: the receiver's counts are the topic's
                rewritten.add(new DestinationStats(d.name(), d.kind(), d.type(), d.capacity(), t.dispatched.get(),
                    t.delivered.get(), t.failures.get(), 0, t.directSubscribers(), t.unrouted.get(), 0, 0, 0));
                continue;
            }
            final SharedQueue<?> q = d.kind() == DestinationStats.Kind.QUEUE ? queues.get(d.name()) : null;
            final int parked = q == null ? 0 : q.parkedCount.get(); // accepted here, waiting for a first consumer
            rewritten.add(q == null ? d : new DestinationStats(d.name(), d.kind(), q.type.getName(), d.capacity(),
                d.published() + parked, d.delivered(), d.failures() + q.failures.get(), d.depth() + parked,
                d.subscribers(), d.unrouted(), d.retries(), d.deadLettered(), d.delayed()));
        }
        return new BusStats(rewritten, local.deadEvents(), local.dispatcherThreads(),
            local.errorHandlerFailures() + errorHandlerFailures.get());
    }

    /**
     * The counters of the Aeron side: frames, drops by reason, peers, redeliveries.
     *
     * @return a snapshot.
     */
    public IpcStats ipcStats()
    {
        final Receiver r = receiver;
        return new IpcStats(nodeId, isConnected(), lease.hosted(), r.peerCount,
            framesSent.sum(), r.framesReceived.get(), backPressured.sum(), notConnected.sum(), closedOffers.sum(),
            r.truncated.get(), r.foreign.get(), r.unknownKind.get(), r.unknownType.get(), r.malformed.get(),
            r.oversize.get(), r.unknownDestination.get(), r.joined.get(), r.lost.get(), redelivered.sum(),
            unacked.size(), parkedTotal.get(), r.lateReplies.get(), controlFailures.sum(), transportErrors.sum());
    }

    /**
     * Whether the bus can reach other processes now: the Aeron client is open, the driver alive and the
     * publication connected.
     *
     * @return {@code true} when connected.
     */
    public boolean isConnected()
    {
        return !driverLost && !aeron.isClosed() && publication.isConnected();
    }

    /**
     * How many other buses announced consumers of a shared queue, as this bus knows now.
     *
     * @param queue the queue name.
     * @return the number of remote nodes consuming it.
     */
    public int remoteConsumers(final String queue)
    {
        final Members m = directory.get(FrameDescriptor.destinationId(queue));
        return m == null ? 0 : m.nodes.length;
    }

    /**
     * How many other buses announced responders at a shared address, as this bus knows now.
     *
     * @param address the request address.
     * @return the number of remote nodes answering it.
     */
    public int remoteResponders(final String address)
    {
        final Members m = directory.get(FrameDescriptor.destinationId("@" + address));
        return m == null ? 0 : m.nodes.length;
    }

    /**
     * This bus's node id, as peers and {@link PeerListener} see it.
     *
     * @return the random 64-bit id chosen when the bus was built.
     */
    public long nodeId()
    {
        return nodeId;
    }

    /**
     * The Aeron directory this bus's client uses (the embedded driver's, or the external one named).
     *
     * @return the directory path.
     */
    public String aeronDirectoryName()
    {
        return lease.aeronDirectoryName();
    }

    /**
     * The largest frame this bus writes or accepts: the configured limit, or less if the term length allows less.
     *
     * @return bytes, header included.
     */
    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    @Override
    public void close()
    {
        synchronized (registryLock)
        {
            if (closeDone)
            {
                return;
            }
            closing = true;
        }
        // Tell peers first that nothing should be routed here any more, then drain what was accepted.
        for (final SharedQueue<?> q : queueArray)
        {
            if (q.localConsumers.get() > 0)
            {
                sender.announce(q.id, 0);
            }
        }
        for (final SharedAddress a : addressArray)
        {
            if (a.localResponders.get() > 0)
            {
                sender.announce(a.id, 0);
            }
        }
        RuntimeException failure = null;
        try
        {
            inner.close();
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
        }
        final int parked = parkedTotal.get();
        if (parked > 0)
        {
            report(new IllegalStateException("closed with " + parked + " shared queue message(s) that never " +
                "found a consumer in any process; they are dropped"), "close");
        }
        for (final PendingReply p : pending.values())
        {
            p.future().completeExceptionally(new BusClosedException("bus closed before '" + p.address() + "' replied"));
        }
        final int inFlight = unacked.size();
        if (inFlight > 0)
        {
            report(new IllegalStateException("closed with " + inFlight + " shared queue message(s) sent to other " +
                "processes and not yet acknowledged: they are probably handled there, but nothing here will send " +
                "them again if those processes die"), "close");
        }
        final Scratch s = scratch.get();
        sender.offerWithin(s, sender.encode(s, KIND_BYE, 0, 0, 0, 0, 0, null, null), CONTROL_BUDGET_NS);
        if (config.receiverDispatch)
        {
            awaitOwnFramesRead();
        }
        receiverRunner.close();
        aeron.close();
        lease.close();
        synchronized (registryLock)
        {
            closeDone = true;
        }
        if (failure != null)
        {
            throw failure;
        }
    }

    /**
     * Receiver dispatch delivers this bus's own events when the receiver reads them back: close, like the
     * engine's, hands out what was accepted before it stops the receiver (within the close timeout).
     */
    private void awaitOwnFramesRead()
    {
        final long deadline = System.nanoTime() + config.closeTimeout.toNanos();
        final long written = publication.position();
        for (int attempt = 0; System.nanoTime() - deadline < 0 && !receiverRunner.isClosed(); attempt++)
        {
            final io.aeron.Image own = subscription.imageBySessionId(publication.sessionId());
            if ((own != null && own.position() >= written) || Thread.currentThread() == receiverRunner.thread())
            {
                return;
            }
            FrameSender.pause(attempt);
        }
        report(new IllegalStateException("closed before the receiver read back every event this bus published " +
            "within the close timeout; local subscribers of receiver-dispatched topics missed the rest"), "close");
    }

    @Override
    public String toString()
    {
        return "AeronBus[node=" + Long.toHexString(nodeId) + ", dir=" + lease.aeronDirectoryName() +
            ", channel=" + config.publishChannel + ", stream=" + config.streamId + "]";
    }

    // ---------------------------------------------------------------- registration helpers

    boolean isClosing()
    {
        return closing;
    }

    void ensureOpen(final String name)
    {
        if (closing)
        {
            throw new BusClosedException("bus is closed: '" + name + "'");
        }
    }

    static void validateName(final String name, final String arg)
    {
        Objects.requireNonNull(name, arg);
        if (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches())
        {
            throw new IllegalArgumentException(arg + " '" + (name.length() > 64 ? name.substring(0, 64) + "..." : name) +
                "' is invalid: names are 1 to " + MAX_NAME_LENGTH +
                " characters of dot-separated segments of ASCII letters, digits, '_' and '-'");
        }
    }

    Members members(final int id)
    {
        return directory.computeIfAbsent(id, k -> new Members());
    }

    void declare(final String key, final Object destination)
    {
        final int id = FrameDescriptor.destinationId(key);
        final Int2ObjectHashMap<Object> current = destinationsById;
        final Object clash = current.get(id);
        if (clash != null && clash != destination)
        {
            throw new IllegalArgumentException("'" + key + "' has the same wire id as " + clash +
                "; rename one of them");
        }
        final Int2ObjectHashMap<Object> next = new Int2ObjectHashMap<>();
        next.putAll(current);
        next.put(id, destination);
        destinationsById = next;
    }

    // ---------------------------------------------------------------- for the shared destinations and the receiver

    int ringSize()
    {
        return config.ringSize;
    }

    boolean receiverDispatch()
    {
        return config.receiverDispatch;
    }

    boolean onReceiverThread()
    {
        return Thread.currentThread() == receiverRunner.thread();
    }

    void awaitDispatch()
    {
        receiver.awaitDispatch();
    }

    void handlerFailed(final Throwable cause, final String destination, final Object event, final Object handler)
    {
        try
        {
            onHandlerError(cause, destination, event, handler);
        }
        catch (final Throwable ignore)
        {
            // an error handler never throws into the receiver or a consumer; counted as the engine counts it
            errorHandlerFailures.incrementAndGet();
        }
    }

    BackpressurePolicy backpressure()
    {
        return config.backpressure;
    }

    Scratch scratch()
    {
        return scratch.get();
    }

    // ---------------------------------------------------------------- errors

    /**
     * A shared queue's local ring carries {@link Delivery} holders and its consumers are wrapped to acknowledge:
     * the error handler is told about the user's message and handler, never about those internals.
     */
    private void onHandlerError(final Throwable cause, final String destination, final Object event,
        final Object handler)
    {
        config.errorHandler.onError(cause, destination, event instanceof Delivery d ? d.message : event,
            handler instanceof SharedQueue.AckingHandler a ? a.user : handler);
    }

    private void onTransportError(final Throwable cause)
    {
        transportErrors.increment();
        if (cause instanceof DriverTimeoutException)
        {
            driverLost = true;
        }
        report(cause, "aeron");
    }

    void report(final Throwable cause, final String where)
    {
        try
        {
            config.errorHandler.onError(cause, where, null, this);
        }
        catch (final Throwable ignore)
        {
            // an error sink never throws into the transport
        }
    }

    private static IdleStrategy idleStrategy(final IdleStrategyKind kind)
    {
        return switch (kind)
        {
            case BUSY_SPIN -> new BusySpinIdleStrategy();
            case YIELDING -> new YieldingIdleStrategy();
            default -> new BackoffIdleStrategy(64, 64, TimeUnit.MICROSECONDS.toNanos(1),
                TimeUnit.MICROSECONDS.toNanos(100));
        };
    }

    private static long newNodeId()
    {
        long id;
        do
        {
            id = ThreadLocalRandom.current().nextLong() ^ (ProcessHandle.current().pid() << 40);
        }
        while (id == 0);
        return id;
    }

    /**
     * Until the bus's own subscription has the image of its own publication: before that, frames written now
     * would be read back from a position the image never starts at (receiver dispatch would miss them).
     */
    private static void awaitConnected(
        final Publication publication, final io.aeron.Subscription subscription, final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (int attempt = 0; !publication.isConnected() ||
            subscription.imageBySessionId(publication.sessionId()) == null; attempt++)
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("the bus's own subscription did not connect to its publication on " +
                    publication.channel() + " within " + timeoutMs + " ms");
            }
            FrameSender.pause(attempt);
        }
    }
}
