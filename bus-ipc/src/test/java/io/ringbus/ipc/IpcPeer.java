package io.ringbus.ipc;

import io.ringbus.api.Topic;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The other process of the cross-process tests. {@code IpcPeer <mode> <base> <name> <arg>}; it prints
 * {@code READY} once it has heard from another bus, then one line per thing done. It exits when its standard
 * input closes (the test died) or after two minutes, whichever comes first, so it never outlives a test run.
 */
public final class IpcPeer
{
    private IpcPeer()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final String mode = args[0];
        final String base = args[1];
        final String name = args[2];
        final long arg = Long.parseLong(args[3]);
        final Thread watchdog = new Thread(() ->
        {
            try
            {
                while (System.in.read() != -1)
                {
                    // wait for the parent to go away
                }
            }
            catch (final Exception ignore)
            {
                // the same
            }
            Runtime.getRuntime().halt(3);
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        final Thread deadline = new Thread(() ->
        {
            try
            {
                Thread.sleep(TimeUnit.MINUTES.toMillis(2));
            }
            catch (final InterruptedException ignore)
            {
                return;
            }
            Runtime.getRuntime().halt(4);
        }, "deadline");
        deadline.setDaemon(true);
        deadline.start();

        try (AeronBus bus = AeronBus.builder()
            .shareAll()
            .embeddedDriver(Paths.get(base))
            .peerTimeout(Duration.ofMillis(1000))
            .build())
        {
            switch (mode)
            {
                case "subscribe" -> subscribe(bus, name, arg);
                case "publish" -> publish(bus, name, arg);
                case "consume" -> consume(bus, name, arg);
                case "respond" -> respond(bus, name, arg);
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
            Thread.sleep(TimeUnit.MINUTES.toMillis(2));
        }
    }

    private static void ready(final AeronBus bus) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (bus.ipcStats().peers() == 0)
        {
            if (System.nanoTime() - deadline > 0)
            {
                System.out.println("NO-PEER");
                System.exit(2);
            }
            Thread.sleep(5);
        }
        System.out.println("READY " + Long.toHexString(bus.nodeId()));
    }

    private static void subscribe(final AeronBus bus, final String name, final long expected) throws Exception
    {
        final AtomicLong next = new AtomicLong();
        final AtomicBoolean inOrder = new AtomicBoolean(true);
        bus.topic(name, Long.class).subscribe(v ->
        {
            final long n = next.getAndIncrement();
            if (v != n)
            {
                inOrder.set(false);
            }
            if ((n + 1) % 1000 == 0)
            {
                System.out.println("GOT " + (n + 1));
            }
            if (n + 1 == expected)
            {
                System.out.println("DONE " + (n + 1) + " " + inOrder.get());
            }
        });
        ready(bus);
    }

    private static void publish(final AeronBus bus, final String name, final long count) throws Exception
    {
        final Topic<Long> topic = bus.topic(name, Long.class);
        ready(bus);
        for (long i = 0; count < 0 || i < count; i++)
        {
            topic.publish(i);
        }
        System.out.println("PUBLISHED " + count);
    }

    private static void consume(final AeronBus bus, final String name, final long delayMs) throws Exception
    {
        bus.queue(name, Integer.class).consume(v ->
        {
            if (delayMs > 0)
            {
                Thread.sleep(delayMs);
            }
            System.out.println("HANDLED " + v);
        });
        ready(bus);
    }

    private static void respond(final AeronBus bus, final String name, final long mode) throws Exception
    {
        bus.respond(name, Integer.class, q ->
        {
            if (mode == 1)
            {
                Thread.sleep(TimeUnit.MINUTES.toMillis(1));
            }
            if (mode == 2)
            {
                throw new IllegalStateException("refused " + q);
            }
            return q * 2;
        });
        ready(bus);
    }
}
