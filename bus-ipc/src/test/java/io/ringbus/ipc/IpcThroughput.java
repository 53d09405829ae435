package io.ringbus.ipc;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.driver.MediaDriver;
import io.aeron.logbuffer.FragmentHandler;
import io.ringbus.api.IdleStrategyKind;
import io.ringbus.api.Topic;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A throughput measurement, not a test: 32-byte events from one thread to another over Aeron IPC, raw Aeron
 * (a publication and a polling thread) against Ringbus (a shared topic of a 32-byte record between two buses on
 * one driver). Both sides in one JVM; numbers on a shared machine are noise unless it is quiet.
 * <pre>
 * java --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED -cp &lt;test classpath&gt; io.ringbus.ipc.IpcThroughput \
 *     raw|bus|busrx  [events]
 * </pre>
 */
public final class IpcThroughput
{
    /** 32 bytes on the wire. */
    record Quote(long seq, long time, double price, int quantity, int flags)
    {
    }

    private IpcThroughput()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final String subject = args[0];
        final long events = args.length > 1 ? Long.parseLong(args[1]) : 5_000_000L;
        final Path base = TestDirs.newBase();
        try
        {
            final long ns = subject.equals("raw") ? raw(base, events) : bus(base, events, subject.equals("busrx"));
            System.out.printf("%s events=%d  %.2f M events/s%n", subject, events, events * 1e3 / ns);
        }
        finally
        {
            TestDirs.delete(base);
        }
    }

    private static long raw(final Path base, final long events) throws Exception
    {
        DriverDirectory.secure(base);
        final MediaDriver.Context ctx = DriverLease.driverContext(base.resolve("aeron").toString(),
            new DriverSettings(AeronBus.TERM_LENGTH_DEFAULT, 5000, 10000, null), Throwable::printStackTrace);
        try (MediaDriver driver = MediaDriver.launch(ctx);
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(ctx.aeronDirectoryName())))
        {
            final ExclusivePublication pub = aeron.addExclusivePublication("aeron:ipc", 0x7101);
            final io.aeron.Subscription sub = aeron.addSubscription("aeron:ipc", 0x7101);
            while (!pub.isConnected())
            {
                Thread.sleep(1);
            }
            final AtomicLong received = new AtomicLong();
            final Thread reader = new Thread(() ->
            {
                final long[] count = {0};
                final FragmentHandler handler = (b, o, l, h) -> count[0]++;
                while (count[0] < events)
                {
                    if (sub.poll(handler, 64) == 0)
                    {
                        Thread.yield();
                    }
                }
                received.set(count[0]);
            }, "raw-reader");
            final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(32));
            final long start = System.nanoTime();
            reader.start();
            for (long i = 0; i < events; i++)
            {
                frame.putLong(0, i);
                while (pub.offer(frame, 0, 32) < 0)
                {
                    Thread.yield();
                }
            }
            reader.join();
            return System.nanoTime() - start;
        }
    }

    private static long bus(final Path base, final long events, final boolean receiverDispatch) throws Exception
    {
        try (AeronBus sender = AeronBus.builder().shareAll().embeddedDriver(base).idle(IdleStrategyKind.YIELDING)
                .dispatcherThreads(1).build();
            AeronBus receiver = AeronBus.builder().shareAll().embeddedDriver(base).idle(IdleStrategyKind.YIELDING)
                .dispatcherThreads(1).receiverDispatch(receiverDispatch).build())
        {
            final Topic<Quote> out = sender.topic("quotes", Quote.class);
            final AtomicLong received = new AtomicLong();
            receiver.topic("quotes", Quote.class).subscribe(q -> received.lazySet(received.get() + 1));
            while (sender.ipcStats().peers() == 0 || receiver.ipcStats().peers() == 0)
            {
                Thread.sleep(1);
            }
            final Quote q = new Quote(1, 2, 3.0, 4, 5);
            final long start = System.nanoTime();
            for (long i = 0; i < events; i++)
            {
                out.publish(q);
            }
            while (received.get() < events)
            {
                Thread.yield();
            }
            final long ns = System.nanoTime() - start;
            TimeUnit.MILLISECONDS.sleep(10);
            return ns;
        }
    }
}
