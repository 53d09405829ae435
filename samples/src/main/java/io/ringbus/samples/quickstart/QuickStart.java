package io.ringbus.samples.quickstart;

import io.ringbus.Ringbus;
import io.ringbus.api.Bus;
import io.ringbus.api.Queue;
import io.ringbus.api.Registration;
import io.ringbus.api.Topic;
import io.ringbus.api.annotation.Consume;
import io.ringbus.api.annotation.Respond;
import io.ringbus.api.annotation.Subscribe;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pub/sub, a work queue, an annotated listener and request/reply on one bus. Run it with the README's first
 * command, or {@code java --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED -cp ... QuickStart}.
 */
public final class QuickStart
{
    /** An event published by type. */
    public record OrderPlaced(String orderId, long amountCents)
    {
    }

    /** A message for the payment workers. */
    public record Payment(String orderId, long amountCents)
    {
    }

    /**
     * A listener wired by annotations: the bus binds each method once, at {@code register}.
     */
    public static final class Shop
    {
        private final Map<String, String> statuses = new ConcurrentHashMap<>();
        private final CountDownLatch paid = new CountDownLatch(1);
        private final PrintStream out;
        private final Queue<Payment> payments;

        Shop(final PrintStream out, final Queue<Payment> payments)
        {
            this.out = out;
            this.payments = payments;
        }

        @Subscribe
        void onOrder(final OrderPlaced order)
        {
            statuses.put(order.orderId(), "PLACED");
            out.println("  @Subscribe    " + order);
            payments.send(new Payment(order.orderId(), order.amountCents()));
        }

        @Consume(queue = "shop.payments")
        void charge(final Payment payment)
        {
            statuses.put(payment.orderId(), "PAID");
            paid.countDown();
            out.println("  @Consume      charged " + payment.orderId() + " on " + Thread.currentThread().getName());
        }

        @Respond(address = "shop.order-status")
        String status(final String orderId)
        {
            return statuses.getOrDefault(orderId, "UNKNOWN");
        }
    }

    private QuickStart()
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
        try (Bus bus = Ringbus.create())
        {
            out.println("1. Pub/sub: two subscribers of topic 'prices.eurusd' each see every price, in order");
            final Topic<Double> prices = bus.topic("prices.eurusd", Double.class);
            final CountDownLatch pricesSeen = new CountDownLatch(6);
            prices.subscribe(p ->
            {
                out.println("  chart   got " + p);
                pricesSeen.countDown();
            });
            bus.subscribe("prices.*", Double.class, p ->
            {
                out.println("  prices.* got " + p);
                pricesSeen.countDown();
            });
            for (final double p : new double[] {1.0841, 1.0842, 1.0840})
            {
                prices.publish(p);
            }
            await(pricesSeen, "prices");

            out.println("2. Queue: 1000 jobs shared by two competing consumers, each job done once");
            final Queue<Integer> jobs = bus.queue("jobs", Integer.class);
            final AtomicInteger first = new AtomicInteger();
            final AtomicInteger second = new AtomicInteger();
            final CountDownLatch jobsDone = new CountDownLatch(1000);
            jobs.consume(j ->
            {
                first.incrementAndGet();
                jobsDone.countDown();
            });
            jobs.consume(j ->
            {
                second.incrementAndGet();
                jobsDone.countDown();
            });
            for (int i = 0; i < 1000; i++)
            {
                jobs.send(i);
            }
            await(jobsDone, "jobs");
            out.println("  consumer A did " + first.get() + ", consumer B did " + second.get() +
                ", together " + (first.get() + second.get()));

            out.println("3. Annotations: a listener with @Subscribe, @Consume and @Respond methods");
            final Queue<Payment> payments = bus.queue("shop.payments", Payment.class);
            final Shop shop = new Shop(out, payments);
            try (Registration ignored = bus.register(shop))
            {
                bus.publish(new OrderPlaced("order-1", 42_00));
                await(shop.paid, "the payment");
                final String status = bus.request("shop.order-status", "order-1", String.class, Duration.ofSeconds(5))
                    .get(10, TimeUnit.SECONDS);
                out.println("  request 'shop.order-status' for order-1 -> " + status);
            }

            out.println("4. Counters:");
            out.print(bus.stats());
        }
        out.println("Closed: every accepted event was delivered, every dispatcher thread joined.");
    }

    private static void await(final CountDownLatch latch, final String what) throws InterruptedException
    {
        if (!latch.await(10, TimeUnit.SECONDS))
        {
            throw new IllegalStateException(what + " did not all arrive within 10 s");
        }
    }
}
