package io.ringbus.samples.readme;

import io.ringbus.Ringbus;
import io.ringbus.api.BackpressurePolicy;
import io.ringbus.api.Bus;
import io.ringbus.api.DeadEvent;
import io.ringbus.api.IdleStrategyKind;
import io.ringbus.api.Queue;
import io.ringbus.api.Registration;
import io.ringbus.api.Subscription;
import io.ringbus.api.Topic;
import io.ringbus.api.annotation.Consume;
import io.ringbus.api.annotation.Respond;
import io.ringbus.api.annotation.Subscribe;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Each method holds one README snippet, as written there, with just enough around it to run.
 */
public final class ReadmeExamples
{
    /** A price tick. */
    public record Price(String pair, double mid)
    {
    }

    /** A payment to charge. */
    public record Payment(String orderId, long amountCents)
    {
    }

    /** An order event. */
    public record OrderPlaced(String orderId)
    {
    }

    /** Something with a shape. */
    public interface Shape
    {
    }

    /** A round shape. */
    public record Circle(int radius) implements Shape
    {
    }

    /** Charges payments; counts what it charged. */
    public static final class Gateway
    {
        final List<Payment> charged = new CopyOnWriteArrayList<>();

        void charge(final Payment p)
        {
            charged.add(p);
        }
    }

    final List<Object> audit = new CopyOnWriteArrayList<>();
    final Gateway gateway = new Gateway();
    final Map<String, String> statuses = new ConcurrentHashMap<>(Map.of("order-1", "PAID"));
    final List<Throwable> logged = new CopyOnWriteArrayList<>();

    private void log(final Throwable cause)
    {
        logged.add(cause);
    }

    /**
     * Publish/subscribe on a named topic.
     *
     * @return whether the second publish was accepted.
     */
    boolean topics()
    {
        final boolean result;
        // README: Publish/subscribe on a named topic
        try (Bus bus = Ringbus.create())
        {
            Topic<Price> prices = bus.topic("prices.eurusd", Price.class);
            Subscription chart = prices.subscribe(p -> System.out.println("chart " + p));
            prices.publish(new Price("EURUSD", 1.0842));        // waits if the ring is full (default policy)
            boolean accepted = prices.tryPublish(new Price("EURUSD", 1.0843)); // never waits
            chart.close();                                       // no call to the handler after this returns
            result = accepted;
        }
        return result;
    }

    void wildcards(final Bus bus)
    {
        // README: Wildcards
        bus.subscribe("prices.*", Price.class, p -> System.out.println("any pair " + p)); // one segment
        bus.subscribe("orders.#", Object.class, e -> audit.add(e));                       // zero or more segments
    }

    void typeAddressed(final Bus bus)
    {
        // README: Type-addressed publish
        bus.subscribe(Shape.class, s -> System.out.println("shape " + s));   // Circle and Square are Shapes
        bus.subscribe(DeadEvent.class, d -> System.out.println("nobody wanted " + d.event()));
        bus.publish(new Circle(2));      // reaches subscribers of Circle, Shape, Record, Object
        bus.publish("a String");         // nobody subscribes to String: becomes a DeadEvent, and is counted
    }

    void queues(final Bus bus)
    {
        // README: Queues: competing consumers
        Queue<Payment> payments = bus.queue("payments", Payment.class);
        payments.consume(p -> gateway.charge(p));
        payments.consume(p -> gateway.charge(p));   // competes with the first: each payment is charged once
        payments.send(new Payment("order-1", 42_00));
    }

    CompletableFuture<String> requestReply(final Bus bus)
    {
        // README: Request/reply
        bus.respond("order.status", String.class, orderId -> statuses.get(orderId));
        CompletableFuture<String> status = bus.request("order.status", "order-1", String.class, Duration.ofSeconds(1));
        return status;
    }

    /** The README's annotated listener, with bodies. */
    static final class Shop
    {
        final List<Object> seen = new CopyOnWriteArrayList<>();

        @Subscribe void onOrder(OrderPlaced e) { seen.add(e); }                    // type-addressed
        @Subscribe(topic = "prices.*") void onPrice(Price p) { seen.add(p); }      // named topic or pattern
        @Consume(queue = "payments") void charge(Payment p) { seen.add(p); }       // competing consumer
        @Respond(address = "order.status") String status(String id) { return "PAID"; } // the return value is the reply
    }

    Shop annotations(final Bus bus)
    {
        // README: Annotations
        Registration r = bus.register(new Shop());   // binds each method once (LambdaMetafactory)
        r.close();                                   // unwires them all
        final Shop shop = new Shop();
        bus.register(shop);
        return shop;
    }

    Bus configuration()
    {
        // README: Configuration
        Bus bus = Ringbus.builder()
            .ringSize(1 << 16)                      // per destination, a power of two
            .idle(IdleStrategyKind.BUSY_SPIN)       // BACKOFF (default), YIELDING, BUSY_SPIN
            .dispatcherThreads(2)                   // shared pool; dedicated threads on request come on top
            .backpressure(BackpressurePolicy.WAIT)  // WAIT (default) or FAIL
            .closeTimeout(Duration.ofSeconds(10))
            .errorHandler((cause, destination, event, handler) -> log(cause))
            .build();
        return bus;
    }

    /**
     * Run every snippet once.
     *
     * @param args ignored.
     * @throws Exception if a reply does not come.
     */
    public static void main(final String[] args) throws Exception
    {
        final ReadmeExamples examples = new ReadmeExamples();
        System.out.println("tryPublish accepted: " + examples.topics());
        try (Bus bus = Ringbus.create())
        {
            examples.wildcards(bus);
            examples.typeAddressed(bus);
            examples.queues(bus);
            System.out.println("order-1 is " + examples.requestReply(bus).get(10, TimeUnit.SECONDS));
        }
        try (Bus bus = examples.configuration())
        {
            examples.annotations(bus);
        }
    }
}
