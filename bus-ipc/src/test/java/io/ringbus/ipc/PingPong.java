package io.ringbus.ipc;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.driver.MediaDriver;
import io.aeron.logbuffer.FragmentHandler;
import io.ringbus.api.IdleStrategyKind;
import io.ringbus.api.Topic;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A two-process round-trip measurement, not a test: raw Aeron IPC ping-pong against Ringbus-over-IPC
 * ping-pong, same idle strategy, one driver configuration per run. Numbers on a shared 2-core machine are noise
 * unless the machine is quiet.
 * <pre>
 * java --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED -cp &lt;test classpath&gt; io.ringbus.ipc.PingPong \
 *     raw|bus|busrx  default|sleeping  spin|yield  [rounds]
 * </pre>
 * {@code default} runs the embedded driver with Aeron's default idle strategy (backoff: spins and yields before
 * parking); {@code sleeping} with {@link SleepingMillisIdleStrategy} (1 ms), which an IPC-only driver can afford
 * because no data passes through it. {@code busrx} runs both buses with
 * {@link AeronBusBuilder#receiverDispatch(boolean) receiver dispatch}: handlers on the receiver thread.
 */
public final class PingPong
{
    private static final int PING_STREAM = 0x7001;
    private static final int PONG_STREAM = 0x7002;

    private PingPong()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args[0].endsWith("-pong"))
        {
            final Thread parentWatch = new Thread(() ->
            {
                try
                {
                    while (System.in.read() != -1)
                    {
                        // wait for the ping process to go away
                    }
                }
                catch (final java.io.IOException ignore)
                {
                    // the same
                }
                Runtime.getRuntime().halt(0);
            }, "parent-watch");
            parentWatch.setDaemon(true);
            parentWatch.start();
            pong(args[0], Paths.get(args[1]), args[2]);
            return;
        }
        final String subject = args[0];
        final String driverIdle = args[1];
        final String idle = args[2];
        final int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 200_000;
        final Path base = TestDirs.newBase();
        final IdleStrategy driverStrategy = driverIdle.equals("sleeping") ? new SleepingMillisIdleStrategy(1) : null;
        Process child = null;
        try
        {
            final Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            if (subject.equals("raw"))
            {
                DriverDirectory.secure(base);
                final MediaDriver.Context ctx = DriverLease.driverContext(base.resolve("aeron").toString(),
                    new DriverSettings(AeronBus.TERM_LENGTH_DEFAULT, 5000, 10000, driverStrategy),
                    Throwable::printStackTrace);
                try (MediaDriver driver = MediaDriver.launch(ctx);
                    Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(ctx.aeronDirectoryName())))
                {
                    child = start("raw-pong", base, idle);
                    rawPing(aeron, idleStrategy(idle), rounds, h);
                }
            }
            else
            {
                final AeronBusBuilder builder = AeronBus.builder().shareAll().embeddedDriver(base)
                    .idle(idle.equals("spin") ? IdleStrategyKind.BUSY_SPIN : IdleStrategyKind.YIELDING)
                    .dispatcherThreads(1)
                    .receiverDispatch(subject.equals("busrx"));
                if (driverStrategy != null)
                {
                    builder.driverIdleStrategy(driverStrategy);
                }
                try (AeronBus bus = builder.build())
                {
                    child = start(subject + "-pong", base, idle);
                    busPing(bus, rounds, h);
                }
            }
            System.out.printf("%s driver=%s idle=%s rounds=%d  p50 %.1f us  p90 %.1f us  p99 %.1f us  p99.9 %.1f us" +
                "  max %.1f us%n", subject, driverIdle, idle, h.getTotalCount(), h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
        }
        finally
        {
            if (child != null)
            {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
            TestDirs.delete(base);
        }
    }

    private static IdleStrategy idleStrategy(final String idle)
    {
        return idle.equals("spin") ? new BusySpinIdleStrategy() : new YieldingIdleStrategy();
    }

    private static Process start(final String mode, final Path base, final String idle) throws Exception
    {
        return new ProcessBuilder(List.of(
            Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
            "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"), PingPong.class.getName(), mode, base.toString(), idle))
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start(); // standard input stays a pipe: the child exits when this process goes away
    }

    private static void rawPing(final Aeron aeron, final IdleStrategy idle, final int rounds, final Histogram h)
    {
        final ExclusivePublication ping = aeron.addExclusivePublication("aeron:ipc", PING_STREAM);
        final io.aeron.Subscription pong = aeron.addSubscription("aeron:ipc", PONG_STREAM);
        while (!ping.isConnected() || !pong.isConnected())
        {
            Thread.onSpinWait();
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(32));
        final AtomicLong got = new AtomicLong();
        final FragmentHandler handler = (b, o, l, header) -> got.incrementAndGet();
        final int warmup = rounds / 4;
        for (int i = 0; i < warmup + rounds; i++)
        {
            final long start = System.nanoTime();
            buffer.putLong(0, start);
            while (ping.offer(buffer, 0, 32) < 0)
            {
                idle.idle();
            }
            final long want = got.get() + 1;
            while (got.get() < want)
            {
                idle.idle(pong.poll(handler, 1));
            }
            if (i >= warmup)
            {
                h.recordValue(System.nanoTime() - start);
            }
        }
    }

    private static void busPing(final AeronBus bus, final int rounds, final Histogram h) throws Exception
    {
        final Topic<Long> ping = bus.topic("ping", Long.class);
        final AtomicLong got = new AtomicLong();
        bus.topic("pong", Long.class).subscribe(v -> got.incrementAndGet());
        while (bus.ipcStats().peers() == 0)
        {
            Thread.sleep(1);
        }
        Thread.sleep(200);
        final int warmup = rounds / 4;
        for (int i = 0; i < warmup + rounds; i++)
        {
            final long start = System.nanoTime();
            final long want = got.get() + 1;
            ping.publish(start);
            while (got.get() < want)
            {
                Thread.onSpinWait();
            }
            if (i >= warmup)
            {
                h.recordValue(System.nanoTime() - start);
            }
        }
    }

    private static void pong(final String mode, final Path base, final String idle) throws Exception
    {
        if (mode.equals("raw-pong"))
        {
            try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(base.resolve("aeron").toString())))
            {
                final ExclusivePublication out = aeron.addExclusivePublication("aeron:ipc", PONG_STREAM);
                final io.aeron.Subscription in = aeron.addSubscription("aeron:ipc", PING_STREAM);
                final IdleStrategy strategy = idleStrategy(idle);
                final FragmentHandler echo = new FragmentAssembler((b, o, l, header) ->
                {
                    while (out.offer(b, o, l) < 0)
                    {
                        Thread.onSpinWait();
                    }
                });
                while (true)
                {
                    strategy.idle(in.poll(echo, 10));
                }
            }
        }
        try (AeronBus bus = AeronBus.builder().shareAll().embeddedDriver(base)
            .idle(idle.equals("spin") ? IdleStrategyKind.BUSY_SPIN : IdleStrategyKind.YIELDING)
            .dispatcherThreads(1).receiverDispatch(mode.equals("busrx-pong")).build())
        {
            final Topic<Long> pong = bus.topic("pong", Long.class);
            bus.topic("ping", Long.class).subscribe(pong::publish);
            Thread.sleep(TimeUnit.MINUTES.toMillis(10));
        }
    }
}
