package io.ringbus.bench.subjects;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.ringbus.api.Topic;
import io.ringbus.ipc.AeronBus;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The other process of the IPC subjects ({@link AeronIpcSubject}, {@link RingbusIpcSubject}): echoes each ping
 * as a pong, and counts data messages, acknowledging the count every {@value #ACK_EVERY} of them. Started by
 * {@link ChildJvm}; it halts when its standard input (a pipe from the bench) reaches end-of-file.
 * <pre>
 * IpcPeer raw &lt;aeron dir&gt; &lt;idle&gt;     raw Aeron client on the bench's media driver
 * IpcPeer bus &lt;driver base&gt; &lt;idle&gt;   an AeronBus joining the bench's bus's embedded driver
 * IpcPeer bus-rx &lt;driver base&gt; &lt;idle&gt; the same, shared topics dispatched on the receiver thread
 * </pre>
 * <p>
 * <b>Note:</b> one polling thread (raw) or the bus's own threads (bus); the main thread waits on standard input.
 */
public final class IpcPeer
{
    /** The channel of the raw Aeron streams. */
    static final String CHANNEL = "aeron:ipc";
    static final int PING_STREAM = 0x7101;
    static final int PONG_STREAM = 0x7102;
    static final int DATA_STREAM = 0x7103;
    static final int ACK_STREAM = 0x7104;
    /** Ringbus topics (shared over IPC) of the bus peer. */
    static final String PING = "bench.ipc.ping";
    static final String PONG = "bench.ipc.pong";
    static final String DATA = "bench.ipc.data";
    static final String ACK = "bench.ipc.ack";
    /**
     * The receiver acknowledges every this many data messages; the throughput benchmark's batch
     * ({@code TransferBenchmark.BATCH}, 1000) is a multiple, so the last message of a batch is acknowledged.
     */
    static final int ACK_EVERY = 100;

    private IpcPeer()
    {
    }

    /**
     * @param args {@code raw|bus|bus-rx}, the Aeron directory (raw) or driver base (bus), the idle strategy label.
     * @throws Exception when Aeron fails.
     */
    public static void main(final String[] args) throws Exception
    {
        if (args.length != 3)
        {
            System.err.println("usage: IpcPeer raw|bus|bus-rx <dir> busy-spin|yielding|backoff");
            System.exit(2);
        }
        watchParent();
        final Idle idle = Idle.valueOf(args[2].toUpperCase(Locale.ROOT).replace('-', '_'));
        if (args[0].equals("raw"))
        {
            raw(args[1], idle.agrona());
        }
        else
        {
            bus(Path.of(args[1]), idle, args[0].equals("bus-rx"));
        }
    }

    /** Halts this process when the bench closes the pipe (or dies). */
    private static void watchParent()
    {
        final Thread watch = new Thread(() ->
        {
            try
            {
                while (System.in.read() != -1)
                {
                    Thread.onSpinWait();
                }
            }
            catch (final IOException ignore)
            {
                // the pipe broke: the bench is gone
            }
            Runtime.getRuntime().halt(0);
        }, "ipc-peer-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static void raw(final String aeronDir, final IdleStrategy idle)
    {
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir)))
        {
            // Data and acknowledgements first, ping last: a pong tells the bench that everything is in place.
            final Subscription data = aeron.addSubscription(CHANNEL, DATA_STREAM);
            final ExclusivePublication ack = aeron.addExclusivePublication(CHANNEL, ACK_STREAM);
            final ExclusivePublication pong = aeron.addExclusivePublication(CHANNEL, PONG_STREAM);
            final Subscription ping = aeron.addSubscription(CHANNEL, PING_STREAM);
            final UnsafeBuffer ackBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(Long.BYTES));
            final long[] count = new long[1];
            final FragmentAssembler echo = new FragmentAssembler((buffer, offset, length, header) ->
                offer(pong, buffer, offset, length, idle));
            final FragmentAssembler counter = new FragmentAssembler((buffer, offset, length, header) ->
            {
                if (++count[0] % ACK_EVERY == 0)
                {
                    ackBuffer.putLong(0, count[0]);
                    offer(ack, ackBuffer, 0, Long.BYTES, idle);
                }
            });
            while (!Thread.currentThread().isInterrupted())
            {
                idle.idle(ping.poll(echo, 16) + data.poll(counter, 256));
            }
        }
    }

    /** Offers until accepted; a closed publication ends the process (the bench has gone). */
    static void offer(
        final Publication publication, final org.agrona.DirectBuffer buffer, final int offset, final int length,
        final IdleStrategy idle)
    {
        idle.reset();
        long result;
        while ((result = publication.offer(buffer, offset, length)) < 0)
        {
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                throw new IllegalStateException("publication " + publication.streamId() + " refused: " + result);
            }
            idle.idle();
        }
    }

    private static void bus(final Path base, final Idle idle, final boolean receiverDispatch) throws InterruptedException
    {
        try (AeronBus bus = RingbusIpcSubject.builder(base, idle, receiverDispatch).build())
        {
            final Topic<Long> ack = bus.topic(ACK, Long.class);
            final long[] count = new long[1];
            // Both handlers run on one thread: the bus's one dispatcher, or its receiver thread.
            bus.topic(DATA, byte[].class).subscribe(bytes ->
            {
                if (++count[0] % ACK_EVERY == 0)
                {
                    ack.publish(count[0]);
                }
            });
            final Topic<byte[]> pong = bus.topic(PONG, byte[].class);
            bus.topic(PING, byte[].class).subscribe(pong::publish);
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
