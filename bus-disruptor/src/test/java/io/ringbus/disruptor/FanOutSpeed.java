package io.ringbus.disruptor;

import io.ringbus.Ringbus;
import io.ringbus.api.Bus;
import io.ringbus.api.IdleStrategyKind;
import io.ringbus.api.Topic;
import io.ringbus.api.TopicOptions;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A rough measurement of fan-out, reported, never asserted: one publisher, one topic, three subscribers, by
 * dispatcher thread count and ring size. Each case publishes for a fixed time and counts what the slowest
 * subscriber handled until it caught up. Figures taken on a shared machine are noise: the bench module's fan-out
 * scenario is the measurement of record.
 * <pre>
 * mvn -B -q -o -pl bus-disruptor -am test-compile
 * # DEPS: the disruptor, agrona and jctools-core jars from ~/.m2, colon-separated
 * java --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED \
 *     -cp bus-disruptor/target/test-classes:bus-disruptor/target/classes:bus-api/target/classes:$DEPS \
 *     io.ringbus.disruptor.FanOutSpeed [seconds] [idle] [subscribers] [ring sizes...]
 * </pre>
 */
public final class FanOutSpeed
{
    private static final Object EVENT = new Object();

    private FanOutSpeed()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        final IdleStrategyKind idle = args.length > 1 ? IdleStrategyKind.valueOf(args[1]) : IdleStrategyKind.BUSY_SPIN;
        final int subscribers = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        final int[] rings = new int[Math.max(1, args.length - 3)];
        rings[0] = 1024;
        for (int i = 3; i < args.length; i++)
        {
            rings[i - 3] = Integer.parseInt(args[i]);
        }
        for (final int ring : rings)
        {
            for (int threads = 1; threads <= subscribers; threads++)
            {
                run(ring, idle, threads, subscribers, seconds / 4, false);
                run(ring, idle, threads, subscribers, seconds, true);
            }
        }
    }

    private static void run(
        final int ring,
        final IdleStrategyKind idle,
        final int threads,
        final int subscribers,
        final double seconds,
        final boolean report)
        throws InterruptedException
    {
        try (Bus bus = Ringbus.builder().idle(idle).dispatcherThreads(threads).build())
        {
            final Topic<Object> topic = bus.topic("fan", Object.class, TopicOptions.defaults().ringSize(ring));
            final AtomicLong[] counts = new AtomicLong[subscribers];
            for (int i = 0; i < subscribers; i++)
            {
                final AtomicLong count = new AtomicLong();
                counts[i] = count;
                topic.subscribe(e -> count.lazySet(count.get() + 1));
            }
            final long start = System.nanoTime();
            final long end = start + (long)(seconds * 1e9);
            long published = 0;
            while (System.nanoTime() - end < 0)
            {
                for (int i = 0; i < 1000; i++)
                {
                    topic.publish(EVENT);
                }
                published += 1000;
            }
            final long deadline = System.nanoTime() + 60_000_000_000L;
            while (slowest(counts) < published && System.nanoTime() - deadline < 0)
            {
                Thread.onSpinWait();
            }
            final long elapsed = System.nanoTime() - start;
            if (report)
            {
                System.out.printf(Locale.ROOT, "fan-out 1:%d  ring %6d  %-9s  threads %d%s  %7.2f M events/s%n",
                    subscribers, ring, idle, threads, threads == Ringbus.DISPATCHER_THREADS_DEFAULT ? "*" : " ",
                    slowest(counts) * 1e3 / elapsed);
            }
        }
    }

    private static long slowest(final AtomicLong[] counts)
    {
        long min = Long.MAX_VALUE;
        for (final AtomicLong c : counts)
        {
            min = Math.min(min, c.get());
        }
        return min;
    }
}
