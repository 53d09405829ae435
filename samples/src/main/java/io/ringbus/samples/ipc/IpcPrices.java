package io.ringbus.samples.ipc;

import io.ringbus.api.Topic;
import io.ringbus.ipc.AeronBus;
import io.ringbus.ipc.AeronBusBuilder;
import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Two processes, one command: this JVM is the <b>desk</b>; it starts a second JVM, the <b>feed</b>, which
 * publishes prices on the shared topic {@code prices.eurusd} and answers {@code quote} requests. The desk prints
 * the one-way latency of the prices (both JVMs read the same monotonic clock) and the round trip of the
 * requests, as HdrHistogram percentiles.
 * <pre>
 * mvn -B -q -DskipTests -pl samples -am package exec:exec -Dsample=io.ringbus.samples.ipc.IpcPrices
 * </pre>
 * Arguments (all optional): prices, prices per second, requests.
 */
public final class IpcPrices
{
    /** A price as the feed publishes it; {@code sentNanos} is the feed's {@code System.nanoTime()}. */
    public record Price(String symbol, double bid, double ask, long sentNanos)
    {
    }

    /** A quote request. */
    public record QuoteRequest(String symbol, long quantity)
    {
    }

    /** A quote reply. */
    public record Quote(String symbol, long quantity, double price)
    {
    }

    static final String PRICES = "prices.eurusd";
    static final String QUOTES = "quote";

    private IpcPrices()
    {
    }

    /**
     * Runs the desk (no first argument, or numbers) or the feed (first argument {@code feed}).
     *
     * @param args {@code [prices [ratePerSecond [requests]]]}, or {@code feed <base> <prices> <rate>}.
     * @throws Exception if a side fails.
     */
    public static void main(final String[] args) throws Exception
    {
        if (args.length > 0 && args[0].equals("feed"))
        {
            feed(args[1].equals("null") ? null : Paths.get(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]));
            return;
        }
        final int prices = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        final int rate = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        final int requests = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        run(System.out, prices, rate, requests);
    }

    private static AeronBus bus(final Path base)
    {
        final AeronBusBuilder builder = AeronBus.builder()
            .sharePrefix("prices.")
            .share(QUOTES);
        return base == null ? builder.build() : builder.embeddedDriver(base).build();
    }

    /**
     * The desk: start the feed process, measure, stop it.
     *
     * @param out      where to print.
     * @param prices   how many prices the feed publishes.
     * @param rate     prices per second.
     * @param requests how many quote requests to time.
     * @return the number of prices received.
     * @throws Exception if the feed fails or does not answer in time.
     */
    public static long run(final PrintStream out, final int prices, final int rate, final int requests)
        throws Exception
    {
        // Both sides use the default, per-user driver directory (/dev/shm/ringbus-<user>); a test names its own.
        return run(out, prices, rate, requests, null);
    }

    /**
     * The desk with the driver in {@code <base>/aeron} ({@code null}: the default per-user directory).
     *
     * @param out      where to print.
     * @param prices   how many prices the feed publishes.
     * @param rate     prices per second.
     * @param requests how many quote requests to time.
     * @param base     the driver's base directory, or {@code null}.
     * @return the number of prices received.
     * @throws Exception if the feed fails or does not answer in time.
     */
    public static long run(final PrintStream out, final int prices, final int rate, final int requests,
        final Path base) throws Exception
    {
        final Histogram oneWay = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        final Histogram roundTrip = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        final AtomicLong received = new AtomicLong();
        final CountDownLatch allPrices = new CountDownLatch(prices);
        Process feed = null;
        try (AeronBus desk = bus(base))
        {
            desk.topic(PRICES, Price.class).subscribe(p ->
            {
                oneWay.recordValue(Math.max(0, System.nanoTime() - p.sentNanos()));
                received.incrementAndGet();
                allPrices.countDown();
            });
            out.println("desk: driver in " + desk.aeronDirectoryName() + ", starting the feed process");
            feed = new ProcessBuilder(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                IpcPrices.class.getName(), "feed", String.valueOf(base), Integer.toString(prices),
                Integer.toString(rate)))
                .redirectErrorStream(true)
                .start();
            final Process child = feed;
            final Thread echo = new Thread(() -> echo(child, out), "feed-output");
            echo.setDaemon(true);
            echo.start();

            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (desk.remoteResponders(QUOTES) == 0)
            {
                if (System.nanoTime() - deadline > 0 || !feed.isAlive())
                {
                    throw new IllegalStateException("the feed process did not come up");
                }
                Thread.sleep(5);
            }
            if (!allPrices.await(60, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("only " + received.get() + " of " + prices + " prices arrived");
            }
            out.println("desk: " + received.get() + " prices from the feed process at " + rate + "/s");
            print(out, "one-way price latency", oneWay);

            for (int i = 0; i < requests; i++)
            {
                final long start = System.nanoTime();
                final Quote q = desk.request(QUOTES, new QuoteRequest("EURUSD", 1_000 + i), Quote.class,
                    Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
                roundTrip.recordValue(System.nanoTime() - start);
                if (q.quantity() != 1_000 + i)
                {
                    throw new IllegalStateException("a quote for the wrong request: " + q);
                }
            }
            out.println("desk: " + requests + " quotes answered by the feed process");
            print(out, "request/reply round trip", roundTrip);
            out.println("desk: peers " + desk.ipcStats().peers() + ", dropped frames " +
                desk.ipcStats().droppedFrames());
            return received.get();
        }
        finally
        {
            if (feed != null)
            {
                feed.destroyForcibly();
                feed.waitFor(30, TimeUnit.SECONDS);
            }
            if (base != null)
            {
                deleteQuietly(base);
            }
        }
    }

    private static void feed(final Path base, final int prices, final int rate) throws Exception
    {
        final Thread parentWatch = new Thread(() ->
        {
            try
            {
                while (System.in.read() != -1)
                {
                    // exit when the desk goes away
                }
            }
            catch (final IOException ignore)
            {
                // the same
            }
            Runtime.getRuntime().halt(0);
        }, "parent-watch");
        parentWatch.setDaemon(true);
        parentWatch.start();
        try (AeronBus bus = bus(base))
        {
            bus.respond(QUOTES, QuoteRequest.class,
                r -> new Quote(r.symbol(), r.quantity(), 1.0842 + r.quantity() * 1e-7));
            final Topic<Price> topic = bus.topic(PRICES, Price.class);
            while (bus.ipcStats().peers() == 0)
            {
                Thread.sleep(5);
            }
            System.out.println("feed: publishing " + prices + " prices");
            final long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long next = System.nanoTime();
            for (int i = 0; i < prices; i++)
            {
                while (System.nanoTime() < next)
                {
                    LockSupport.parkNanos(Math.min(50_000, next - System.nanoTime()));
                }
                next += interval;
                final double mid = 1.0842 + (i % 100) * 1e-5;
                topic.publish(new Price("EURUSD", mid - 5e-5, mid + 5e-5, System.nanoTime()));
            }
            System.out.println("feed: done");
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }

    private static void print(final PrintStream out, final String what, final Histogram h)
    {
        out.printf("  %-26s p50 %8.1f us  p90 %8.1f us  p99 %8.1f us  p99.9 %8.1f us  max %8.1f us  (n=%d)%n",
            what, h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3,
            h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3,
            h.getTotalCount());
    }

    private static void echo(final Process process, final PrintStream out)
    {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            for (String line = in.readLine(); line != null; line = in.readLine())
            {
                out.println("  [feed] " + line);
            }
        }
        catch (final IOException ignore)
        {
            // the feed went away
        }
    }

    private static void deleteQuietly(final Path dir)
    {
        try (var files = Files.walk(dir))
        {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (final IOException ignore)
        {
            // already gone
        }
    }
}
