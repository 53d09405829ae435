package io.ringbus.bench.subjects;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.ringbus.bench.BenchOptions;
import io.ringbus.bench.Link;
import io.ringbus.bench.Msg;
import io.ringbus.bench.Receiver;
import io.ringbus.bench.Requester;
import io.ringbus.bench.Session;
import io.ringbus.bench.Topology;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Raw Aeron IPC between this process and a child JVM ({@link IpcPeer} {@code raw}): a media driver embedded here
 * with Aeron's <b>default settings</b> (only its directory is set), exclusive publications and subscriptions on
 * {@code aeron:ipc}, the payload copied into a direct buffer and offered as it is. Round trip: offer a ping,
 * poll the pong on the calling thread with the subject's idle strategy. Throughput: offer data messages; a
 * thread of this session polls the child's acknowledgements (one per {@value IpcPeer#ACK_EVERY} messages) and
 * reports them to the receiver.
 * <p>
 * <b>Note:</b> one calling or sending thread.
 */
public final class AeronIpcSubject extends StrategySubject
{
    /** How long the child may take to start and connect. */
    static final long CONNECT_NANOS = TimeUnit.SECONDS.toNanos(30);

    /**
     * @param idle how the caller, the acknowledgement poller and the child poll: busy-spin or yielding.
     */
    public AeronIpcSubject(final Idle idle)
    {
        super(idle, idle::agrona);
    }

    @Override
    public String name()
    {
        return "aeron-ipc";
    }

    @Override
    public String note()
    {
        return "two processes; media driver with Aeron's default settings; caller polls the pong";
    }

    @Override
    public boolean requestReply()
    {
        return true;
    }

    @Override
    public Session open()
    {
        return open(BenchOptions.SIZE_DEFAULT);
    }

    @Override
    public Session open(final int size)
    {
        return new RawSession(idle, size);
    }

    /** The driver, the client, the child and the four streams. */
    private static final class RawSession implements Session
    {
        private final Idle idle;
        private final Path base = ChildJvm.newBase();
        private final UnsafeBuffer buffer;
        private final int size;
        private MediaDriver driver;
        private Aeron aeron;
        private ChildJvm child;
        private ExclusivePublication ping;
        private Subscription pong;
        private ExclusivePublication data;
        private Subscription ack;
        private Thread acker;
        private volatile boolean running = true;

        RawSession(final Idle idle, final int size)
        {
            this.idle = idle;
            this.size = size;
            this.buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(size));
            boolean started = false;
            try
            {
                final String dir = base.resolve("aeron").toString();
                driver = MediaDriver.launch(new MediaDriver.Context()
                    .aeronDirectoryName(dir)
                    .dirDeleteOnStart(true)
                    .dirDeleteOnShutdown(true));
                aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir));
                ping = aeron.addExclusivePublication(IpcPeer.CHANNEL, IpcPeer.PING_STREAM);
                pong = aeron.addSubscription(IpcPeer.CHANNEL, IpcPeer.PONG_STREAM);
                data = aeron.addExclusivePublication(IpcPeer.CHANNEL, IpcPeer.DATA_STREAM);
                ack = aeron.addSubscription(IpcPeer.CHANNEL, IpcPeer.ACK_STREAM);
                child = ChildJvm.start("raw", dir, idle.label());
                await(() -> ping.isConnected() && pong.isConnected() && data.isConnected() && ack.isConnected(),
                    "the child's streams");
                started = true;
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException("raw Aeron IPC session failed to start: " + ex, ex);
            }
            finally
            {
                if (!started)
                {
                    close();
                }
            }
        }

        private void await(final BooleanSupplier condition, final String what) throws InterruptedException
        {
            final long deadline = System.nanoTime() + CONNECT_NANOS;
            while (!condition.getAsBoolean())
            {
                child.checkAlive();
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException(what + " did not connect within " +
                        TimeUnit.NANOSECONDS.toSeconds(CONNECT_NANOS) + " s");
                }
                Thread.sleep(1);
            }
        }

        @Override
        public Requester requester()
        {
            final IdleStrategy strategy = idle.agrona();
            final long[] pongs = new long[1];
            final FragmentAssembler onPong = new FragmentAssembler((b, o, l, h) -> pongs[0]++);
            return msg ->
            {
                buffer.putBytes(0, msg.payload, 0, size);
                IpcPeer.offer(ping, buffer, 0, size, strategy);
                final long want = pongs[0] + 1;
                strategy.reset();
                while (pongs[0] < want)
                {
                    strategy.idle(pong.poll(onPong, 1));
                }
                return msg;
            };
        }

        @Override
        public Link link(final Topology topology, final Receiver... receivers)
        {
            if (topology != Topology.ONE_TO_ONE || receivers.length != 1 || acker != null)
            {
                throw new UnsupportedOperationException("one link to one receiver (the other process)");
            }
            final Receiver receiver = receivers[0];
            final Msg delivered = new Msg(size);
            acker = new Thread(() ->
            {
                final IdleStrategy strategy = idle.agrona();
                final long[] acknowledged = new long[1];
                final FragmentAssembler onAck = new FragmentAssembler((b, o, l, h) ->
                {
                    final long count = b.getLong(o);
                    for (long i = acknowledged[0]; i < count; i++)
                    {
                        receiver.onMessage(delivered);
                    }
                    acknowledged[0] = count;
                });
                while (running)
                {
                    strategy.idle(ack.poll(onAck, 16));
                }
            }, "bench-aeron-ipc-acks");
            acker.setDaemon(true);
            acker.start();
            final IdleStrategy strategy = idle.agrona();
            return msg ->
            {
                buffer.putBytes(0, msg.payload, 0, size);
                IpcPeer.offer(data, buffer, 0, size, strategy);
            };
        }

        @Override
        public void close()
        {
            running = false;
            Exception failure = null;
            try
            {
                if (child != null)
                {
                    child.close();
                }
                if (acker != null)
                {
                    acker.join(5_000);
                    if (acker.isAlive())
                    {
                        throw new IllegalStateException("the acknowledgement poller did not stop");
                    }
                }
            }
            catch (final Exception ex)
            {
                failure = ex;
            }
            if (aeron != null)
            {
                aeron.close();
            }
            if (driver != null)
            {
                driver.close();
            }
            try
            {
                ChildJvm.delete(base);
            }
            catch (final Exception ex)
            {
                failure = failure == null ? ex : failure;
            }
            if (failure != null)
            {
                throw new IllegalStateException("raw Aeron IPC session did not close cleanly: " + failure, failure);
            }
        }
    }
}
