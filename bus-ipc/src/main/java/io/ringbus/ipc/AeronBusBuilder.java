package io.ringbus.ipc;

import io.ringbus.Ringbus;
import io.ringbus.api.BackpressureException;
import io.ringbus.api.BackpressurePolicy;
import io.ringbus.api.ErrorHandler;
import io.ringbus.api.IdleStrategyKind;
import io.ringbus.api.codec.Codec;
import io.ringbus.disruptor.TimerClock;
import io.ringbus.support.SystemProperties;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.ringbus.ipc.FrameDescriptor.HEADER_LENGTH;

/**
 * Settings of one {@link AeronBus}, validated once at {@link #build()}; made by {@link AeronBus#builder()}, which
 * reads the {@code ringbus.*} and {@code ringbus.ipc.*} system properties (a malformed value is refused there,
 * naming the property). The in-process settings are those of {@code Ringbus.builder()}, held rather than copied,
 * so they mean what they mean there; the backpressure policy also governs a back-pressured or unconnected Aeron
 * stream.
 * <pre>{@code
 * try (AeronBus bus = AeronBus.builder().sharePrefix("prices.").idle(IdleStrategyKind.YIELDING).build()) { ... }
 * }</pre>
 * <p>
 * <b>Note:</b> not thread-safe; use from one thread.
 */
public final class AeronBusBuilder
{
    /** The in-process settings (ring size, idle, dispatcher threads, backpressure, close timeout, error handler,
     * timer tick and clock, single-writer checks): held, not copied, so that they mean what they mean for
     * {@code Ringbus.builder()} and are read from the same {@code ringbus.*} properties, as strictly. */
    private final Ringbus.Builder local = Ringbus.builder();
    private boolean shareAll;
    private final Set<String> sharedNames = new LinkedHashSet<>();
    private final List<String> sharedPrefixes = new ArrayList<>();
    private final Map<Class<?>, Codec<?>> codecs = new HashMap<>();
    private Path embeddedBase = path(SystemProperties.stringValue(AeronBus.DIR_PROP_NAME, null));
    private Path externalDir;
    private String publishChannel = SystemProperties.stringValue(AeronBus.CHANNEL_PROP_NAME, AeronBus.CHANNEL_DEFAULT);
    private String subscribeChannel = publishChannel;
    private int streamId = SystemProperties.intValue(AeronBus.STREAM_ID_PROP_NAME, AeronBus.STREAM_ID_DEFAULT);
    private int termLength = SystemProperties.intValue(AeronBus.TERM_LENGTH_PROP_NAME, AeronBus.TERM_LENGTH_DEFAULT);
    private int maxFrameLength =
        SystemProperties.intValue(AeronBus.MAX_FRAME_LENGTH_PROP_NAME, AeronBus.MAX_FRAME_LENGTH_DEFAULT);
    private Duration peerTimeout = Duration.ofMillis(
        SystemProperties.longValue(AeronBus.PEER_TIMEOUT_PROP_NAME, AeronBus.PEER_TIMEOUT_DEFAULT.toMillis()));
    private Duration driverTimeout = Duration.ofMillis(
        SystemProperties.longValue(AeronBus.DRIVER_TIMEOUT_PROP_NAME, AeronBus.DRIVER_TIMEOUT_DEFAULT.toMillis()));
    private IdleStrategy driverIdle;
    private PeerListener peerListener = new PeerListener()
    {
    };
    private boolean receiverDispatch = SystemProperties.booleanValue(AeronBus.RECEIVER_DISPATCH_PROP_NAME, false);

    AeronBusBuilder()
    {
    }

    private static Path path(final String value)
    {
        return value == null ? null : Paths.get(value);
    }

    /**
     * Events each local ring holds (see {@code Ringbus.Builder.ringSize}); also the most queue messages that
     * wait here while no consumer is known anywhere.
     *
     * @param ringSize a power of two.
     * @return this builder.
     */
    public AeronBusBuilder ringSize(final int ringSize)
    {
        local.ringSize(ringSize);
        return this;
    }

    /**
     * How dispatcher threads and the receiver thread wait when idle.
     *
     * @param idle the strategy.
     * @return this builder.
     */
    public AeronBusBuilder idle(final IdleStrategyKind idle)
    {
        local.idle(idle);
        return this;
    }

    /**
     * Shared dispatcher threads of the local engine.
     *
     * @param dispatcherThreads at least one.
     * @return this builder.
     */
    public AeronBusBuilder dispatcherThreads(final int dispatcherThreads)
    {
        local.dispatcherThreads(dispatcherThreads);
        return this;
    }

    /**
     * What publish and send do when a local ring is full or the Aeron stream is back-pressured or not
     * connected: wait, or fail with {@link BackpressureException}.
     *
     * @param backpressure the policy.
     * @return this builder.
     */
    public AeronBusBuilder backpressure(final BackpressurePolicy backpressure)
    {
        local.backpressure(backpressure);
        return this;
    }

    /**
     * How long close waits for accepted events to be handled locally.
     *
     * @param closeTimeout positive.
     * @return this builder.
     */
    public AeronBusBuilder closeTimeout(final Duration closeTimeout)
    {
        local.closeTimeout(closeTimeout);
        return this;
    }

    /**
     * Who is told about handler failures and transport errors (destination {@code "aeron"}); the default
     * prints them. Aeron's own default handler, which may exit the JVM when the driver times out, is never
     * used.
     *
     * @param errorHandler the handler.
     * @return this builder.
     */
    public AeronBusBuilder errorHandler(final ErrorHandler errorHandler)
    {
        local.errorHandler(errorHandler);
        return this;
    }

    /**
     * The resolution of the local engine's timer (see {@code Ringbus.Builder.timerTick}): delayed messages,
     * retry backoffs and request timeouts fire within about two ticks after their deadline, never before.
     *
     * @param timerTick from 1,024 ns to about 1 s.
     * @return this builder.
     */
    public AeronBusBuilder timerTick(final Duration timerTick)
    {
        local.timerTick(timerTick);
        return this;
    }

    /**
     * The clock delays, retries and request timeouts run on (see {@code Ringbus.Builder.clock}); tests pass a
     * {@link io.ringbus.disruptor.ManualClock}. The system clock by default.
     *
     * @param clock the clock.
     * @return this builder.
     */
    public AeronBusBuilder clock(final TimerClock clock)
    {
        local.clock(clock);
        return this;
    }

    /**
     * Whether publishes to local single-writer topics check that no two threads publish at once (see
     * {@code Ringbus.Builder.checkSingleWriter}); shared topics are never single-writer.
     *
     * @param check whether to check.
     * @return this builder.
     */
    public AeronBusBuilder checkSingleWriter(final boolean check)
    {
        local.checkSingleWriter(check);
        return this;
    }

    /**
     * Carry these destinations and request addresses between processes.
     *
     * @param names exact names.
     * @return this builder.
     */
    public AeronBusBuilder share(final String... names)
    {
        for (final String name : names)
        {
            AeronBus.validateName(name, "name");
            sharedNames.add(name);
        }
        return this;
    }

    /**
     * Carry every destination and request address whose name starts with the prefix.
     *
     * @param prefix for instance {@code "prices."}.
     * @return this builder.
     */
    public AeronBusBuilder sharePrefix(final String prefix)
    {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty())
        {
            throw new IllegalArgumentException("prefix must not be empty: use shareAll()");
        }
        sharedPrefixes.add(prefix);
        return this;
    }

    /**
     * Carry every named topic, queue and request address between processes.
     *
     * @return this builder.
     */
    public AeronBusBuilder shareAll()
    {
        this.shareAll = true;
        return this;
    }

    /**
     * Use this codec for its type instead of the built-in one (or where there is none).
     *
     * @param codec the codec.
     * @return this builder.
     */
    public AeronBusBuilder codec(final Codec<?> codec)
    {
        Objects.requireNonNull(codec, "codec");
        codecs.put(Objects.requireNonNull(codec.type(), "codec.type()"), codec);
        return this;
    }

    /**
     * Where the embedded driver lives: {@code <base>/aeron}, with {@code base} owner-only. The default is
     * {@code /dev/shm/ringbus-<user>}. Processes that should talk must name the same base.
     *
     * @param base the base directory.
     * @return this builder.
     */
    public AeronBusBuilder embeddedDriver(final Path base)
    {
        this.embeddedBase = Objects.requireNonNull(base, "base");
        this.externalDir = null;
        return this;
    }

    /**
     * Use a media driver started separately, in this Aeron directory, instead of an embedded one.
     *
     * @param aeronDir the driver's {@code aeron.dir}.
     * @return this builder.
     */
    public AeronBusBuilder externalDriver(final Path aeronDir)
    {
        this.externalDir = Objects.requireNonNull(aeronDir, "aeronDir");
        return this;
    }

    /**
     * The Aeron channel to publish and subscribe on: {@code aeron:ipc} (default) between processes of one
     * machine, or an {@code aeron:udp} multicast channel between machines.
     *
     * @param channel an Aeron channel URI.
     * @return this builder.
     */
    public AeronBusBuilder channel(final String channel)
    {
        return channels(channel, channel);
    }

    /**
     * Publish on one channel and subscribe on another, for unicast UDP between two nodes: each subscribes on
     * its own endpoint and publishes to the other's.
     *
     * @param publish   where this bus writes.
     * @param subscribe where this bus reads.
     * @return this builder.
     */
    public AeronBusBuilder channels(final String publish, final String subscribe)
    {
        this.publishChannel = Objects.requireNonNull(publish, "publish");
        this.subscribeChannel = Objects.requireNonNull(subscribe, "subscribe");
        return this;
    }

    /**
     * The Aeron stream id all frames travel on.
     *
     * @param streamId any int; processes that should talk must agree.
     * @return this builder.
     */
    public AeronBusBuilder streamId(final int streamId)
    {
        this.streamId = streamId;
        return this;
    }

    /**
     * Term buffer length of the logs the embedded driver creates; each publication maps three terms.
     *
     * @param termLength a power of two from 64 KiB to 1 GiB.
     * @return this builder.
     */
    public AeronBusBuilder termLength(final int termLength)
    {
        this.termLength = termLength;
        return this;
    }

    /**
     * The largest frame (40-byte header plus encoded event); larger events are refused at the call. Capped at
     * an eighth of the term length, Aeron's largest message.
     *
     * @param maxFrameLength from 64 bytes up.
     * @return this builder.
     */
    public AeronBusBuilder maxFrameLength(final int maxFrameLength)
    {
        this.maxFrameLength = maxFrameLength;
        return this;
    }

    /**
     * How long a silent peer lives on before it is considered gone (heartbeats go out five times per
     * timeout); for the embedded driver this is also Aeron's client and image liveness timeout.
     *
     * @param peerTimeout at least 100 ms.
     * @return this builder.
     */
    public AeronBusBuilder peerTimeout(final Duration peerTimeout)
    {
        this.peerTimeout = Objects.requireNonNull(peerTimeout, "peerTimeout");
        return this;
    }

    /**
     * How long the client waits for a silent driver before it reports it gone.
     *
     * @param driverTimeout at least 100 ms.
     * @return this builder.
     */
    public AeronBusBuilder driverTimeout(final Duration driverTimeout)
    {
        this.driverTimeout = Objects.requireNonNull(driverTimeout, "driverTimeout");
        return this;
    }

    /**
     * The idle strategy of the embedded driver's single thread (Aeron's default backs off from spinning to
     * parking). See the README's low-latency profile.
     *
     * @param driverIdle the strategy.
     * @return this builder.
     */
    public AeronBusBuilder driverIdleStrategy(final IdleStrategy driverIdle)
    {
        this.driverIdle = Objects.requireNonNull(driverIdle, "driverIdle");
        return this;
    }

    /**
     * The documented low-latency profile for a machine with few cores: the embedded driver's single thread
     * sleeps 1 ms between duty cycles (no event passes through the driver on {@code aeron:ipc}, so it only
     * keeps clients alive and moves the publication limit; it no longer pre-empts the publishing and receiving
     * threads), and the bus's threads yield rather than park when idle. It only affects a driver this bus
     * launches; an external driver keeps its own settings. It caps a publication's rate at one flow-control
     * window (half a term) per millisecond.
     *
     * @return this builder.
     */
    public AeronBusBuilder lowLatencyProfile()
    {
        this.driverIdle = new SleepingMillisIdleStrategy(1);
        local.idle(IdleStrategyKind.YIELDING);
        return this;
    }

    /**
     * Run the subscribers of shared topics on the bus's receiver thread instead of the local engine's
     * dispatchers, saving a hop (and a spinning thread) per event: the lowest latency this transport offers.
     * Every event of such a topic, published here or elsewhere, goes through the Aeron stream and is handed to
     * its subscribers by the receiver thread, so each topic still has one order in this process and no handler
     * runs concurrently with itself.
     * <p>
     * Trade-offs: a handler that blocks stalls everything this bus receives (all shared destinations,
     * acknowledgements, heartbeats: peers will call it lost after the peer timeout); local subscribers get
     * a decoded copy, never the publisher's object; an event published here reaches local subscribers after
     * a trip through shared memory; only {@code subscribe(handler)} with default options is allowed on such
     * topics ({@code after}, {@code replayLast} and dedicated threads need the ring), and pattern and type
     * subscriptions of the bus do not see their events. A handler that publishes to a shared topic while the
     * stream is back-pressured gets a {@link io.ringbus.api.ReentrantPublishException} rather than waiting
     * for the thread it runs on. Needs a channel the bus reads its own frames from ({@code aeron:ipc} or one
     * channel for both ways). Queues and requests keep using the dispatchers.
     *
     * @param receiverDispatch {@code true} to dispatch shared topics on the receiver thread.
     * @return this builder.
     */
    public AeronBusBuilder receiverDispatch(final boolean receiverDispatch)
    {
        this.receiverDispatch = receiverDispatch;
        return this;
    }

    /**
     * Told when peers join and are lost.
     *
     * @param peerListener the listener.
     * @return this builder.
     */
    public AeronBusBuilder peerListener(final PeerListener peerListener)
    {
        this.peerListener = Objects.requireNonNull(peerListener, "peerListener");
        return this;
    }

    /**
     * Validate, start the local engine, join or launch the driver and start the receiver thread.
     *
     * @return a running bus.
     * @throws IllegalArgumentException naming the first invalid setting.
     * @throws IllegalStateException    if the driver directory is refused or no external driver runs.
     */
    public AeronBus build()
    {
        final io.ringbus.disruptor.BusConfig settings = local.settings();
        if (termLength < 64 * 1024 || termLength > 1 << 30 || Integer.bitCount(termLength) != 1)
        {
            throw new IllegalArgumentException("termLength must be a power of two from 64 KiB to 1 GiB: " +
                termLength);
        }
        if (maxFrameLength < 2 * HEADER_LENGTH)
        {
            throw new IllegalArgumentException("maxFrameLength must be at least " + 2 * HEADER_LENGTH + ": " +
                maxFrameLength);
        }
        if (peerTimeout.toMillis() < 100)
        {
            throw new IllegalArgumentException("peerTimeout must be at least 100 ms: " + peerTimeout);
        }
        if (driverTimeout.toMillis() < 100)
        {
            throw new IllegalArgumentException("driverTimeout must be at least 100 ms: " + driverTimeout);
        }
        if (receiverDispatch && !publishChannel.equals(subscribeChannel))
        {
            throw new IllegalArgumentException("receiverDispatch needs one channel for publishing and subscribing " +
                "(the bus must read its own frames back), not " + publishChannel + " and " + subscribeChannel);
        }
        final BusConfig c = new BusConfig();
        c.local = settings;
        c.ringSize = settings.ringSize();
        c.idle = settings.idleStrategy();
        c.backpressure = settings.backpressure();
        c.closeTimeout = settings.closeTimeout();
        c.errorHandler = settings.errorHandler();
        c.shareAll = shareAll;
        c.sharedNames = Set.copyOf(sharedNames);
        c.sharedPrefixes = List.copyOf(sharedPrefixes);
        c.codecs = Map.copyOf(codecs);
        c.embeddedBase = embeddedBase != null ? embeddedBase : DriverDirectory.defaultBase();
        c.externalDir = externalDir;
        c.publishChannel = publishChannel;
        c.subscribeChannel = subscribeChannel;
        c.streamId = streamId;
        c.maxFrameLength = maxFrameLength;
        c.driverSettings = new DriverSettings(termLength, peerTimeout.toMillis(), driverTimeout.toMillis(),
            driverIdle);
        c.peerListener = peerListener;
        c.receiverDispatch = receiverDispatch;
        return new AeronBus(c);
    }
}
