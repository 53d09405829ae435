package io.ringbus.samples.readme;

import io.ringbus.api.Bus;
import io.ringbus.api.Claim;
import io.ringbus.api.LongTranslator;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Subscription;
import io.ringbus.api.Topic;
import io.ringbus.api.TopicOptions;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The README snippets of the topic delivery features (dependency ordering, replay, slot mode, single writer and
 * batches), as written
 * there, with just enough around them to run.
 */
public final class TopicFeaturesReadmeExamples
{
    /** Records what one pipeline stage saw, in order. */
    public static final class Recorder
    {
        final List<String> seen = new CopyOnWriteArrayList<>();

        void append(final String s)
        {
            seen.add(s);
        }

        void send(final String s)
        {
            seen.add(s);
        }

        void apply(final String s)
        {
            seen.add(s);
        }
    }

    /** A mutable trade: one is preallocated per ring slot and reused by every publication into it. */
    public static final class Trade
    {
        String symbol;
        long quantity;

        static void fill(final Trade slot, final String symbol, final Long quantity)
        {
            slot.symbol = symbol;
            slot.quantity = quantity;
        }

        static void copy(final Trade slot, final Trade from)
        {
            slot.symbol = from.symbol;
            slot.quantity = from.quantity;
        }
    }

    /** A preallocated tick of a single-writer feed. */
    public static final class Tick
    {
        long priceMicros;

        static final LongTranslator<Tick> PRICE = (slot, micros) -> slot.priceMicros = micros;
    }

    /** A preallocated two-sided quote. */
    public static final class Quote
    {
        long bidMicros;
        long askMicros;
    }

    final List<Long> spreadsSeen = new CopyOnWriteArrayList<>();
    final List<Long> ticksSeen = new CopyOnWriteArrayList<>();
    final List<String> quotesSeen = new CopyOnWriteArrayList<>();

    final Recorder journalFile = new Recorder();
    final Recorder standby = new Recorder();
    final Recorder book = new Recorder();
    final List<String> audit = new CopyOnWriteArrayList<>();
    final Map<String, Long> positions = new ConcurrentHashMap<>();

    Topic<String> pipeline(final Bus bus)
    {
        Topic<String> orders = bus.topic("orders.placed", String.class);
        Subscription journal = orders.subscribe(o -> journalFile.append(o));
        Subscription replicate = orders.subscribe(o -> standby.send(o), SubscribeOptions.defaults().after(journal));
        orders.subscribe(o -> book.apply(o), SubscribeOptions.defaults().after(journal, replicate));
        orders.publish("order-1"); // journaled, then replicated, then applied
        return orders;
    }

    Subscription replay(final Topic<String> orders)
    {
        Subscription auditor = orders.subscribe(o -> audit.add(o), SubscribeOptions.defaults().replayLast(100));
        return auditor;
    }

    Topic<Trade> slotMode(final Bus bus)
    {
        Topic<Trade> trades = bus.topic("trades", Trade.class, Trade::new, Trade::copy); // preallocated slots
        trades.subscribe(t -> positions.merge(t.symbol, t.quantity, Long::sum)); // never keep `t` after returning
        trades.publish(Trade::fill, "EURUSD", 100L); // a static translator fills the next slot: no allocation
        trades.publish(Trade::fill, "GBPUSD", -20L);
        Trade mine = new Trade();
        Trade.fill(mine, "EURUSD", 5L);
        trades.publish(mine); // allowed because the topic has a copier: copied into a slot
        return trades;
    }

    void singleWriter(final Bus bus)
    {
        TopicOptions oneWriter = TopicOptions.defaults().singleWriter(true).ringSize(1 << 12);
        Topic<Tick> ticks = bus.topic("md.ticks", Tick.class, Tick::new, null, oneWriter);
        ticks.subscribe(t -> ticksSeen.add(t.priceMicros));
        ticks.publish(Tick.PRICE, 1_084_200L);              // no boxing, no capturing lambda, no allocation

        Topic<String> quotes = bus.topic("md.quotes", String.class, oneWriter);
        quotes.subscribe(q -> quotesSeen.add(q));
        String[] run = {"bid 1.0841", "ask 1.0843", "bid 1.0842"};
        quotes.publish(run, 0, run.length);                 // one claim for the run: contiguous, in order
        int accepted = quotes.tryPublish(run, 0, 2);        // 2, or 0 if the ring has less room: never part
    }

    void claim(final Bus bus)
    {
        Topic<Quote> quotes = bus.topic("md.book", Quote.class, Quote::new);
        quotes.subscribe(q -> spreadsSeen.add(q.askMicros - q.bidMicros));
        try (Claim<Quote> claim = quotes.claim())      // waits for a slot; tryClaim() returns null when the ring is full
        {
            Quote q = claim.event();                     // the slot's preallocated event
            q.bidMicros = 1_084_100L;
            q.askMicros = 1_084_300L;
            claim.publish();                             // leaving the block without publish() gives the slot up
        }
    }
}
