package io.ringbus.samples.feed;

import io.ringbus.Ringbus;
import io.ringbus.api.Bus;
import io.ringbus.api.Claim;
import io.ringbus.api.DestinationStats;
import io.ringbus.api.LongTranslator;
import io.ringbus.api.Topic;
import io.ringbus.api.TopicOptions;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A market-data feed handler as low-latency code writes it: one thread owns each topic (single writer), events
 * live in preallocated slots, and the hot path allocates nothing. Ticks go out through claims, a burst of
 * prices through one batch claim, and a heartbeat counter through the {@code long} translator.
 */
public final class MarketDataFeed
{
    /** A preallocated tick: one per ring slot, overwritten by each publication into it. */
    public static final class Tick
    {
        long instrument;
        long priceMicros;
        long quantity;
    }

    /** A heartbeat: the feed's sequence number. */
    public static final class Heartbeat
    {
        long sequence;
    }

    private static final LongTranslator<Heartbeat> BEAT = (slot, sequence) -> slot.sequence = sequence;

    private MarketDataFeed()
    {
    }

    /**
     * @param args the number of ticks to publish (default 1,000,000).
     * @throws Exception if the handler does not keep up within a minute.
     */
    public static void main(final String[] args) throws Exception
    {
        run(args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L, System.out);
    }

    /**
     * Publish {@code ticks} ticks and one heartbeat per 100,000; print what the subscriber computed.
     *
     * @return the notional the subscriber summed (price times quantity, in micros).
     */
    static long run(final long ticks, final PrintStream out) throws InterruptedException
    {
        final TopicOptions owned = TopicOptions.defaults().singleWriter(true).ringSize(1 << 14);
        try (Bus bus = Ringbus.create())
        {
            final Topic<Tick> md = bus.topic("md.eurusd", Tick.class, Tick::new, null, owned);
            final Topic<Heartbeat> beats = bus.topic("md.heartbeat", Heartbeat.class, Heartbeat::new, null, owned);
            final AtomicLong notional = new AtomicLong();
            final AtomicLong seen = new AtomicLong();
            final AtomicLong lastBeat = new AtomicLong(-1);
            md.subscribe(t ->
            {
                notional.lazySet(notional.get() + t.priceMicros * t.quantity); // read the slot, keep nothing
                seen.lazySet(seen.get() + 1);
            });
            beats.subscribe(h -> lastBeat.set(h.sequence));

            final long start = System.nanoTime();
            for (long i = 0; i < ticks; i++)
            {
                try (Claim<Tick> claim = md.claim()) // the next slot, written in place
                {
                    final Tick t = claim.event();
                    t.instrument = 1;
                    t.priceMicros = 1_084_200L + (i & 7);
                    t.quantity = 1 + (i & 3);
                    claim.publish();
                }
                if (i % 100_000 == 0)
                {
                    beats.publish(BEAT, i / 100_000); // no boxing of the sequence number
                }
            }
            final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (seen.get() < ticks)
            {
                if (System.nanoTime() - deadline > 0)
                {
                    throw new IllegalStateException("the subscriber handled " + seen.get() + " of " + ticks);
                }
                Thread.sleep(1);
            }
            final long micros = Math.max(1, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
            final DestinationStats stats = bus.stats().destination("md.eurusd").orElseThrow();
            out.printf("MarketDataFeed: %,d ticks through single-writer topic 'md.eurusd' (ring %,d slots) in %,d us " +
                "(%,.1f M ticks/s on this machine; the bench module makes the comparisons)%n",
                ticks, stats.capacity(), micros, ticks / (double)micros);
            out.printf("  subscriber summed a notional of %,d (price x quantity, micros); published %,d, " +
                "delivered %,d%n", notional.get(), stats.published(), stats.delivered());
            out.printf("  heartbeats: %,d, the last one #%d%n",
                bus.stats().destination("md.heartbeat").orElseThrow().published(), lastBeat.get());
            return notional.get();
        }
    }
}
