package io.ringbus.samples.readme;

import io.ringbus.api.Queue;
import io.ringbus.api.Topic;
import io.ringbus.api.codec.Codec;
import io.ringbus.api.codec.CodecException;
import io.ringbus.api.codec.Codecs;
import io.ringbus.ipc.AeronBus;
import io.ringbus.ipc.IpcStats;
import io.ringbus.ipc.OfferResult;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The README's "IPC between processes" snippets, as written there, with just enough around them to run.
 */
public final class IpcReadmeExamples
{
    /** A price, carried by the built-in record codec. */
    public record Price(String pair, double mid)
    {
    }

    /** A payment, carried by the built-in record codec. */
    public record Payment(String orderId, long amountCents)
    {
    }

    /** A quote request. */
    public record QuoteRequest(String pair)
    {
    }

    /** A quote. */
    public record Quote(String pair, double price)
    {
    }

    /** A type with a hand-written codec. */
    public record Tick(long instrument, double price)
    {
    }

    /** Received by the snippets' handlers, for the test to check. */
    public final List<Object> seen = new CopyOnWriteArrayList<>();

    /** Reached by the queue's consumer. */
    public final List<Payment> charged = new CopyOnWriteArrayList<>();

    /**
     * Topic, queue and request over IPC; another process building the same bus sees the same destinations.
     *
     * @return the quote future, completed by the responder.
     */
    public CompletableFuture<Quote> shared()
    {
        try (AeronBus bus = AeronBus.builder()
            .sharePrefix("prices.")               // these names cross processes; the others stay local
            .share("payments", "quote")
            .build())                             // embedded driver in /dev/shm/ringbus-<user>, owner-only
        {
            Topic<Price> prices = bus.topic("prices.eurusd", Price.class);
            prices.subscribe(p -> seen.add(p));   // also gets the events other processes publish
            prices.publish(new Price("EURUSD", 1.0842));

            Queue<Payment> payments = bus.queue("payments", Payment.class);
            payments.consume(p -> charged.add(p)); // consumers in any process compete for each payment
            payments.send(new Payment("order-1", 42_00));

            bus.respond("quote", QuoteRequest.class, r -> new Quote(r.pair(), 1.0842));
            CompletableFuture<Quote> quote =
                bus.request("quote", new QuoteRequest("EURUSD"), Quote.class, Duration.ofSeconds(1));
            quote.join();
            awaitHandled();
            return quote;
        }
    }

    private void awaitHandled()
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ((seen.isEmpty() || charged.isEmpty()) && System.nanoTime() < deadline)
        {
            Thread.onSpinWait();
        }
    }

    /**
     * Named outcomes instead of exceptions, and the transport's counters.
     *
     * @param bus   a bus sharing {@code prices.*}.
     * @return what the offer did.
     */
    public OfferResult outcomes(final AeronBus bus)
    {
        Topic<Price> prices = bus.topic("prices.eurusd", Price.class);
        OfferResult result = bus.offer(prices, new Price("EURUSD", 1.0843));
        if (result.isTransient())
        {
            // BACK_PRESSURED, NOT_CONNECTED, ADMIN_ACTION or RING_FULL: try again later
        }
        IpcStats stats = bus.ipcStats();           // peers, frames, drops by reason, redeliveries
        seen.add(stats.peers());
        return result;
    }

    /** A codec written by hand; the built-ins cover primitives, String, byte[] and records of those. */
    public static final class TickCodec implements Codec<Tick>
    {
        @Override
        public Class<Tick> type()
        {
            return Tick.class;
        }

        @Override
        public int maxEncodedLength(final Tick t)
        {
            return 16;
        }

        @Override
        public int encode(final Tick t, final ByteBuffer b, final int offset)
        {
            b.putLong(offset, t.instrument()).putDouble(offset + 8, t.price());
            return 16;
        }

        @Override
        public Tick decode(final ByteBuffer b, final int offset, final int length)
        {
            CodecException.requireLength(Tick.class, length, 16);
            return new Tick(b.getLong(offset), b.getDouble(offset + 8));
        }
    }

    /**
     * Codecs, an external driver and the low-latency profile.
     *
     * @param aeronDir the external driver's directory.
     * @return the bus, for the caller to close.
     */
    public AeronBus configured(final Path aeronDir)
    {
        Codec<Price> priceCodec = Codecs.of(Price.class);      // derived once: MethodHandles, no reflection per event
        AeronBus bus = AeronBus.builder()
            .shareAll()
            .codec(new TickCodec())                            // replaces or adds a codec for one type
            .externalDriver(aeronDir)                          // a driver started separately (see below)
            .lowLatencyProfile()                               // yielding threads; for a driver it launches, a sleeping driver
            .maxFrameLength(64 * 1024)                         // larger events are refused at the call
            .peerTimeout(Duration.ofSeconds(5))                // silence before a peer counts as gone
            .build();
        seen.add(priceCodec.type());
        return bus;
    }

    /**
     * The same destinations between two machines, unicast UDP (each side names its own endpoint and the other's).
     *
     * @param here  this side's {@code host:port}.
     * @param there the other side's {@code host:port}.
     * @param base  where this side's embedded driver lives.
     * @return the bus, for the caller to close.
     */
    public AeronBus overUdp(final String here, final String there, final Path base)
    {
        return AeronBus.builder()
            .shareAll()
            .channels("aeron:udp?endpoint=" + there, "aeron:udp?endpoint=" + here)
            .embeddedDriver(base)
            .build();
    }
}
