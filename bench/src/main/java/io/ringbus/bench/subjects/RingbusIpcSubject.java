package io.ringbus.bench.subjects;

import io.ringbus.api.Topic;
import io.ringbus.bench.Link;
import io.ringbus.bench.Msg;
import io.ringbus.bench.Receiver;
import io.ringbus.bench.Requester;
import io.ringbus.bench.Session;
import io.ringbus.bench.Topology;
import io.ringbus.ipc.AeronBus;
import io.ringbus.ipc.AeronBusBuilder;
import org.agrona.concurrent.IdleStrategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Ringbus over Aeron IPC between this process and a child JVM ({@link IpcPeer} {@code bus} or {@code bus-rx}): an
 * {@link AeronBus}
 * on each side sharing every name, the first one's embedded driver (its own default settings) joined by the
 * other; topics of {@code byte[]} (the built-in codec), the payload published as it is. Round trip: publish the
 * ping, the pong's handler (on this bus's dispatcher) counts, the caller waits with the subject's idle strategy.
 * Throughput: publish data messages; the child acknowledges every {@value IpcPeer#ACK_EVERY} on a topic whose
 * handler reports them to the receiver.
 * <p>
 * <b>Note:</b> one calling or sending thread.
 */
public final class RingbusIpcSubject extends RingbusSubject
{
    private static final long HANDSHAKE_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long RESEND_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** After the handshake, time for late pongs of resent pings to arrive before measuring. */
    private static final long SETTLE_MS = 200;

    private final boolean receiverDispatch;

    /**
     * @param idle             the buses' idle strategy, and the caller's: busy-spin, yielding or backoff.
     * @param receiverDispatch whether both buses run shared topics' handlers on their receiver thread
     *                         ({@code AeronBusBuilder.receiverDispatch}) rather than on a dispatcher.
     */
    public RingbusIpcSubject(final Idle idle, final boolean receiverDispatch)
    {
        super(idle);
        this.receiverDispatch = receiverDispatch;
    }

    @Override
    public String name()
    {
        return receiverDispatch ? "ringbus-ipc-rx" : "ringbus-ipc";
    }

    @Override
    public String note()
    {
        return "two processes; AeronBus topics of byte[]" + (receiverDispatch ? " dispatched on the receiver thread" : "") +
            "; the bus's embedded driver; caller waits on a counter";
    }

    @Override
    public boolean requestReply()
    {
        return true;
    }

    /** The bus each side runs: every name shared, one dispatcher thread, the driver under {@code base}. */
    static AeronBusBuilder builder(final Path base, final Idle idle, final boolean receiverDispatch)
    {
        return AeronBus.builder().shareAll().embeddedDriver(base).idle(idle.ringbus()).ringSize(Bounds.CAPACITY)
            .dispatcherThreads(1).receiverDispatch(receiverDispatch);
    }

    @Override
    public Session open() throws Exception
    {
        return new BusSession(idle, receiverDispatch);
    }

    /** The bus, the child and the four topics. */
    private static final class BusSession implements Session
    {
        private static final VarHandle PONGS;
        private static final VarHandle ACKED;

        static
        {
            try
            {
                PONGS = MethodHandles.lookup().findVarHandle(BusSession.class, "pongs", long.class);
                ACKED = MethodHandles.lookup().findVarHandle(BusSession.class, "acked", long.class);
            }
            catch (final ReflectiveOperationException ex)
            {
                throw new ExceptionInInitializerError(ex);
            }
        }

        private final Idle idle;
        private final Path base = ChildJvm.newBase();
        private AeronBus bus;
        private ChildJvm child;
        private Topic<byte[]> ping;
        private Topic<byte[]> data;
        private volatile Receiver receiver;
        private final Msg delivered = new Msg(1);
        @SuppressWarnings("unused")
        private long pongs;
        @SuppressWarnings("unused")
        private long acked;

        BusSession(final Idle idle, final boolean receiverDispatch) throws Exception
        {
            this.idle = idle;
            boolean started = false;
            try
            {
                bus = builder(base, idle, receiverDispatch).build();
                ping = bus.topic(IpcPeer.PING, byte[].class);
                data = bus.topic(IpcPeer.DATA, byte[].class);
                bus.topic(IpcPeer.PONG, byte[].class).subscribe(pong -> PONGS.setRelease(this, pongs + 1));
                bus.topic(IpcPeer.ACK, Long.class).subscribe(this::onAck);
                child = ChildJvm.start(receiverDispatch ? "bus-rx" : "bus", base.toString(), idle.label());
                handshake();
                started = true;
            }
            finally
            {
                if (!started)
                {
                    close();
                }
            }
        }

        /**
         * A topic delivers only to subscribers that exist when it is published, so ping until a pong comes back:
         * the child subscribes to the ping last, so by then all its topics are in place.
         */
        private void handshake() throws InterruptedException
        {
            final byte[] hello = new byte[1];
            final long deadline = System.nanoTime() + HANDSHAKE_NANOS;
            while ((long)PONGS.getAcquire(this) == 0)
            {
                child.checkAlive();
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("the IPC peer did not answer within " +
                        TimeUnit.NANOSECONDS.toSeconds(HANDSHAKE_NANOS) + " s");
                }
                ping.publish(hello);
                final long resend = System.nanoTime() + RESEND_NANOS;
                while ((long)PONGS.getAcquire(this) == 0 && System.nanoTime() < resend)
                {
                    Thread.sleep(1);
                }
            }
            Thread.sleep(SETTLE_MS);
        }

        private void onAck(final Long count)
        {
            final Receiver target = receiver;
            if (target != null)
            {
                for (long i = acked; i < count; i++)
                {
                    target.onMessage(delivered);
                }
            }
            ACKED.setRelease(this, count.longValue());
        }

        @Override
        public Requester requester()
        {
            final IdleStrategy strategy = idle.agrona();
            return msg ->
            {
                final long want = (long)PONGS.getAcquire(this) + 1;
                ping.publish(msg.payload);
                strategy.reset();
                while ((long)PONGS.getAcquire(this) < want)
                {
                    strategy.idle();
                }
                return msg;
            };
        }

        @Override
        public Link link(final Topology topology, final Receiver... receivers)
        {
            if (topology != Topology.ONE_TO_ONE || receivers.length != 1 || receiver != null)
            {
                throw new UnsupportedOperationException("one link to one receiver (the other process)");
            }
            receiver = receivers[0];
            return msg -> data.publish(msg.payload);
        }

        @Override
        public void close() throws Exception
        {
            Exception failure = null;
            try
            {
                if (child != null)
                {
                    child.close();
                }
            }
            catch (final Exception ex)
            {
                failure = ex;
            }
            if (bus != null)
            {
                bus.close();
            }
            ChildJvm.delete(base);
            if (failure != null)
            {
                throw failure;
            }
        }
    }
}
