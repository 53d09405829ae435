package io.ringbus.disruptor;

import io.ringbus.Ringbus;
import io.ringbus.api.Bus;
import io.ringbus.api.IdleStrategyKind;
import io.ringbus.api.Topic;
import io.ringbus.api.TopicOptions;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A rough measurement of many topics, reported, never asserted: one publisher sends events round-robin over N
 * topics with one subscriber each, on the default dispatcher pool (or over the first few of them, the others
 * idle); and the heap each topic (with its one subscriber) costs, by ring size: used heap after three
 * {@code System.gc()} with the topics, less before, over their number. Figures taken on a shared machine are
 * noise: the bench module's {@code tput-topics} scenario is the measurement of record.
 * <pre>
 * mvn -B -q -o -pl bus-disruptor -am test-compile
 * # DEPS: the disruptor, agrona and jctools-core jars from ~/.m2, colon-separated
 * java --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED \
 *     -cp bus-disruptor/target/test-classes:bus-disruptor/target/classes:bus-api/target/classes:$DEPS \
 *     io.ringbus.disruptor.TopicsSpeed [events] [ring size] [idle] [hot topics, 0 for all] [topic counts...]
 * java ... io.ringbus.disruptor.TopicsSpeed memory [topics] [ring sizes...]
 * </pre>
 */
public final class TopicsSpeed
{
    private static final Object EVENT = new Object();

    private TopicsSpeed()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length > 0 && args[0].equals("memory"))
        {
            final int topics = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
            final int[] rings = args.length > 2 ? ints(args, 2) : new int[] {64, 1024};
            for (final int ring : rings)
            {
                memory(topics, ring);
            }
            return;
        }
        final int events = args.length > 0 ? Integer.parseInt(args[0]) : 3_000_000;
        final int ring = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        final IdleStrategyKind idle = args.length > 2 ? IdleStrategyKind.valueOf(args[2]) : Ringbus.IDLE_DEFAULT;
        final int hot = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        final int[] counts = args.length > 4 ? ints(args, 4) : new int[] {1, 100, 1_000, 10_000};
        for (final int n : counts)
        {
            // The first run warms the code up; the second is reported.
            run(n, hot == 0 ? n : Math.min(hot, n), ring, idle, events / 4, false);
            run(n, hot == 0 ? n : Math.min(hot, n), ring, idle, events, true);
        }
    }

    private static int[] ints(final String[] args, final int from)
    {
        final int[] values = new int[args.length - from];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = Integer.parseInt(args[from + i]);
        }
        return values;
    }

    private static void run(
        final int n, final int hot, final int ring, final IdleStrategyKind idle, final int events, final boolean report)
        throws InterruptedException
    {
        try (Bus bus = Ringbus.builder().idle(idle).build())
        {
            @SuppressWarnings("unchecked")
            final Topic<Object>[] topics = new Topic[n];
            final AtomicLong[] counts = new AtomicLong[n];
            for (int i = 0; i < n; i++)
            {
                topics[i] = bus.topic("speed.t" + i, Object.class, TopicOptions.defaults().ringSize(ring));
                final AtomicLong count = new AtomicLong();
                counts[i] = count;
                topics[i].subscribe(e -> count.lazySet(count.get() + 1));
            }
            final long start = System.nanoTime();
            for (int i = 0, t = 0; i < events; i++)
            {
                topics[t].publish(EVENT);
                t = t + 1 == hot ? 0 : t + 1;
            }
            final long deadline = System.nanoTime() + 60_000_000_000L;
            while (total(counts) < events)
            {
                if (System.nanoTime() - deadline > 0)
                {
                    throw new IllegalStateException("not delivered within 60 s: " + total(counts) + " of " + events);
                }
                Thread.onSpinWait();
            }
            final long elapsed = System.nanoTime() - start;
            if (report)
            {
                System.out.printf(Locale.ROOT, "topics %6d  hot %6d  ring %5d  %-9s  %6.2f M events/s%n",
                    n, hot, ring, idle, events * 1e3 / elapsed);
            }
        }
    }

    private static long total(final AtomicLong[] counts)
    {
        long sum = 0;
        for (final AtomicLong c : counts)
        {
            sum += c.get();
        }
        return sum;
    }

    /**
     * Used heap after GC with the topics and their subscribers, less used heap before, per topic.
     */
    private static void memory(final int n, final int ring) throws InterruptedException
    {
        final long before = usedAfterGc();
        try (Bus bus = Ringbus.builder().build())
        {
            for (int i = 0; i < n; i++)
            {
                bus.topic("memory.t" + i, Object.class, TopicOptions.defaults().ringSize(ring)).subscribe(e -> { });
            }
            final long after = usedAfterGc();
            System.out.printf(Locale.ROOT, "%d topics, ring %5d, one subscriber each: %,d bytes per topic%n",
                n, ring, (after - before) / n);
        }
    }

    private static long usedAfterGc() throws InterruptedException
    {
        for (int i = 0; i < 3; i++)
        {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
