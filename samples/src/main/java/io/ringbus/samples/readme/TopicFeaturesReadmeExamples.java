package io.ringbus.samples.readme;

import io.ringbus.api.Bus;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Subscription;
import io.ringbus.api.Topic;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The README snippets of the topic delivery features (dependency ordering, replay, slot mode), as written
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
}
