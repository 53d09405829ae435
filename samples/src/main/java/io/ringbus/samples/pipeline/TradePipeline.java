package io.ringbus.samples.pipeline;

import io.ringbus.Ringbus;
import io.ringbus.api.BiTranslator;
import io.ringbus.api.Bus;
import io.ringbus.api.DestinationStats;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Subscription;
import io.ringbus.api.Topic;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The LMAX pattern on one topic: every trade is journaled, then replicated, then applied by the business logic,
 * each stage on its own thread and each seeing a trade only after the stage before it has handled it. Trades
 * are published into preallocated slots through a translator, so the hot path allocates no event. A late
 * auditor then replays the last trades still held in the ring before following live ones. Run it with
 * {@code mvn -B -q -Dstyle.color=never -DskipTests -pl samples -am package exec:exec
 * -Dsample=io.ringbus.samples.pipeline.TradePipeline}.
 */
public final class TradePipeline
{
    static final int TRADES = 10_000;
    static final int REPLAY = 5;
    private static final String[] SYMBOLS = {"EURUSD", "GBPUSD", "USDJPY"};

    /**
     * A preallocated, mutable trade: one per ring slot, reused by every publication into that slot. Handlers
     * must not keep a reference to it after they return.
     */
    public static final class Trade
    {
        long id;
        String symbol;
        long quantity;
        long journalPosition;
        boolean replicated;

        /**
         * The topic's copier: what {@code publish(trade)} and a replay copy with.
         *
         * @param slot the trade to overwrite.
         * @param from the trade to copy.
         */
        static void copy(final Trade slot, final Trade from)
        {
            slot.id = from.id;
            slot.symbol = from.symbol;
            slot.quantity = from.quantity;
            slot.journalPosition = from.journalPosition;
            slot.replicated = from.replicated;
        }
    }

    /** Fills a claimed slot; a static, non-capturing translator, so publishing allocates nothing. */
    private static final BiTranslator<Trade, String, Long> NEW_TRADE = (slot, symbol, quantity) ->
    {
        slot.id = 0; // stamped by the journal, which sees trades in the ring's order
        slot.symbol = symbol;
        slot.quantity = quantity;
        slot.journalPosition = 0;
        slot.replicated = false;
    };

    private TradePipeline()
    {
    }

    /**
     * Run the sample and print what happened.
     *
     * @param args ignored.
     * @throws Exception if a step does not complete in time.
     */
    public static void main(final String[] args) throws Exception
    {
        run(System.out);
    }

    static void run(final PrintStream out) throws Exception
    {
        try (Bus bus = Ringbus.builder().ringSize(1024).build())
        {
            final Topic<Trade> trades = bus.topic("trades", Trade.class, Trade::new, Trade::copy);
            out.println("1. Pipeline on slot-mode topic 'trades' (1024 preallocated Trade slots): " +
                "journal -> replicate -> business");

            final AtomicLong journaled = new AtomicLong();
            final Subscription journal = trades.subscribe(t ->
            {
                t.journalPosition = journaled.incrementAndGet(); // a real journal would append and sync here
                t.id = t.journalPosition;
            }, SubscribeOptions.defaults().dedicatedThread(true));

            final AtomicLong replicated = new AtomicLong();
            final AtomicLong replicatedEarly = new AtomicLong();
            final Subscription replicate = trades.subscribe(t ->
            {
                replicatedEarly.addAndGet(t.journalPosition == 0 ? 1 : 0);
                t.replicated = true; // a real replicator would send the journaled bytes to a standby
                replicated.incrementAndGet();
            }, SubscribeOptions.defaults().dedicatedThread(true).after(journal));

            final Map<String, Long> positions = new TreeMap<>();
            final AtomicLong applied = new AtomicLong();
            final AtomicLong appliedEarly = new AtomicLong();
            trades.subscribe(t ->
            {
                appliedEarly.addAndGet(t.replicated ? 0 : 1);
                synchronized (positions)
                {
                    positions.merge(t.symbol, t.quantity, Long::sum);
                }
                applied.incrementAndGet();
            }, SubscribeOptions.defaults().after(replicate));

            for (int i = 0; i < TRADES; i++)
            {
                // Quantities 1..100 are cached Longs: nothing is allocated per trade.
                trades.publish(NEW_TRADE, SYMBOLS[i % SYMBOLS.length], (long)(1 + i % 100));
            }
            await(() -> applied.get() == TRADES, "the business stage");
            out.println("  published " + TRADES + " trades through a BiTranslator into preallocated slots");
            out.println("  journal   handled " + journaled.get() + ", stamping journal positions 1.." + journaled.get());
            out.println("  replicate handled " + replicated.get() + ", seen before journaled: " + replicatedEarly.get());
            synchronized (positions)
            {
                out.println("  business  handled " + applied.get() + ", seen before replicated: " + appliedEarly.get() +
                    ", net positions " + positions);
            }

            out.println("2. A late auditor subscribes with replayLast(" + REPLAY + "), then 2 more trades are published");
            final List<String> audit = new CopyOnWriteArrayList<>();
            // Replayed trades are copies of slots every stage had finished; live ones race the journal, so the
            // auditor (not made after it) prints their position only once replay is over.
            trades.subscribe(t -> audit.add((audit.size() < REPLAY ? "journal #" + t.id : "not journaled yet") +
                ": " + t.symbol + " qty " + t.quantity), SubscribeOptions.defaults().replayLast(REPLAY));
            trades.publish(NEW_TRADE, "EURUSD", 7L);
            trades.publish(NEW_TRADE, "GBPUSD", 8L);
            await(() -> audit.size() == REPLAY + 2, "the auditor");
            for (int i = 0; i < audit.size(); i++)
            {
                out.println("  auditor " + (i < REPLAY ? "replayed (a copy made after every stage) " :
                    "live (not ordered after the journal)     ") + audit.get(i));
            }
            await(() -> applied.get() == TRADES + 2, "the last two trades");

            final DestinationStats stats = bus.stats().destination("trades").orElseThrow();
            out.println("3. Counters: published " + stats.published() + ", delivered " + stats.delivered() +
                " (" + (TRADES + 2) + " x 3 stages + " + (REPLAY + 2) + " to the auditor), depth " + stats.depth());
        }
        out.println("Closed: every accepted trade was delivered, every dispatcher thread joined.");
    }

    private static void await(final BooleanSupplier done, final String what) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException(what + " did not finish within 10 s");
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }
}
