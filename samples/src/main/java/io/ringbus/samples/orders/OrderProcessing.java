package io.ringbus.samples.orders;

import io.ringbus.Ringbus;
import io.ringbus.api.Bus;
import io.ringbus.api.DeadLetter;
import io.ringbus.api.Queue;
import io.ringbus.api.QueueOptions;
import io.ringbus.api.RetryPolicy;
import io.ringbus.api.ScheduledMessage;
import io.ringbus.api.Topic;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Order processing on one bus: orders published on a topic and fanned out to notifications, payments on a
 * queue with an express priority lane, retries and a dead-letter queue, a delayed payment reminder that is
 * cancelled once the order is paid, and an order-status request/reply. Prints what happened and the counters.
 * <p>
 * Run it with
 * {@code mvn -B -q -DskipTests -pl samples -am package exec:exec -Dsample=io.ringbus.samples.orders.OrderProcessing}.
 */
public final class OrderProcessing
{
    /** An order, published on the topic {@code orders.placed}. */
    public record OrderPlaced(String orderId, String customer, long amountCents, boolean express)
    {
    }

    /** A charge to make, sent to the queue {@code orders.payments}. */
    public record Payment(String orderId, long amountCents)
    {
    }

    /** A nudge to a customer who has not paid yet, sent to {@code orders.reminders} with a delay. */
    public record Reminder(String orderId)
    {
    }

    /** Tries per payment before it goes to the dead-letter queue. */
    static final int PAYMENT_ATTEMPTS = 3;
    private static final Duration REMINDER_DELAY = Duration.ofMillis(300);
    private static final long WAIT_SECONDS = 30;

    private final PrintStream out;
    private final Map<String, String> statuses = new ConcurrentHashMap<>();
    private final Map<String, ScheduledMessage> reminders = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final AtomicInteger notifications = new AtomicInteger();
    private final AtomicInteger settled = new AtomicInteger();
    private final CountDownLatch remindedOrder3 = new CountDownLatch(1);

    private OrderProcessing(final PrintStream out)
    {
        this.out = out;
    }

    /**
     * Run the whole story once.
     *
     * @param args ignored.
     * @throws Exception if a step does not finish in time.
     */
    public static void main(final String[] args) throws Exception
    {
        run(System.out);
    }

    /**
     * Run the whole story, printing to {@code out}.
     *
     * @param out where to print.
     * @throws Exception if a step does not finish in time.
     */
    public static void run(final PrintStream out) throws Exception
    {
        new OrderProcessing(out).story();
    }

    private void story() throws Exception
    {
        final List<OrderPlaced> orders = List.of(
            new OrderPlaced("order-1", "alice", 12_00, false),
            new OrderPlaced("order-2", "bob", 30_00, false),
            new OrderPlaced("order-3", "carol", 99_00, false),
            new OrderPlaced("order-4", "dave", 45_00, true));
        final Bus bus = Ringbus.builder()
            .errorHandler((cause, destination, event, handler) ->
                out.println("  error handler: '" + destination + "' failed on " + event + ": " + cause.getMessage()))
            .build();
        try (bus)
        {
            final Queue<Payment> payments = bus.queue("orders.payments", Payment.class,
                QueueOptions.defaults().retry(RetryPolicy.fixed(PAYMENT_ATTEMPTS, Duration.ofMillis(10))));
            final Queue<Reminder> reminderQueue = bus.queue("orders.reminders", Reminder.class);
            final Topic<OrderPlaced> placed = bus.topic("orders.placed", OrderPlaced.class);

            out.println("Orders placed on topic 'orders.placed', fanned out to notifications:");
            placed.subscribe(o -> notify("email", o));
            placed.subscribe(o -> notify("sms", o));
            placed.subscribe(o ->
            {
                statuses.put(o.orderId(), "PLACED");
                reminders.put(o.orderId(), reminderQueue.sendAfter(new Reminder(o.orderId()), REMINDER_DELAY));
                // Express orders take the payment queue's highest lane: a consumer takes them first.
                payments.send(new Payment(o.orderId(), o.amountCents()), o.express() ? Queue.MAX_PRIORITY : 0);
            });
            for (final OrderPlaced o : orders)
            {
                placed.publish(o);
            }
            await("notifications and payments queued", () -> notifications.get() == 2 * orders.size() &&
                bus.stats().destination("orders.payments").orElseThrow().depth() == orders.size());

            out.println("Payments on queue 'orders.payments' (" + PAYMENT_ATTEMPTS +
                " attempts, express lane at priority " + Queue.MAX_PRIORITY + "):");
            payments.deadLetters().consume(this::deadLetter);
            payments.consume(this::charge);
            await("every payment settled", () -> settled.get() == orders.size());

            out.println("Reminders on queue 'orders.reminders' (sent with a " + REMINDER_DELAY.toMillis() +
                " ms delay, cancelled once paid):");
            // Reminders that came due wait in their queue; one whose order got paid meanwhile is skipped.
            reminderQueue.consume(this::remind);
            if (!remindedOrder3.await(WAIT_SECONDS, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("the reminder for order-3 never came");
            }

            out.println("Order status by request/reply on 'orders.status':");
            bus.respond("orders.status", String.class, id -> statuses.getOrDefault(id, "UNKNOWN"));
            final CountDownLatch answered = new CountDownLatch(1);
            bus.request("orders.status", "order-1", String.class, Duration.ofSeconds(1), (status, failure) ->
            {
                out.println("  order-1 -> " + (failure == null ? status : failure)); // callback form: no future
                answered.countDown();
            });
            if (!answered.await(WAIT_SECONDS, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("no answer for order-1");
            }
            for (final String id : List.of("order-2", "order-3", "order-4"))
            {
                final CompletableFuture<String> status = bus.request("orders.status", id, String.class, Duration.ofSeconds(1));
                out.println("  " + id + " -> " + status.get(WAIT_SECONDS, TimeUnit.SECONDS));
            }

            out.println("Counters:");
            out.print(bus.stats());
        }
        out.println("Closed.");
    }

    private void notify(final String channel, final OrderPlaced order)
    {
        out.println("  " + channel + " to " + order.customer() + ": " + order.orderId() + " placed" +
            (order.express() ? " (express)" : ""));
        notifications.incrementAndGet();
    }

    /**
     * The payment gateway: order-2 fails once (a timeout, retried), order-3 is always declined.
     */
    private void charge(final Payment payment)
    {
        final int attempt = attempts.computeIfAbsent(payment.orderId(), id -> new AtomicInteger()).incrementAndGet();
        if (payment.orderId().equals("order-3"))
        {
            out.println("  attempt " + attempt + " for " + payment.orderId() + ": card declined");
            throw new IllegalStateException("card declined");
        }
        if (payment.orderId().equals("order-2") && attempt == 1)
        {
            out.println("  attempt " + attempt + " for " + payment.orderId() + ": gateway timeout, will retry");
            throw new IllegalStateException("gateway timeout");
        }
        statuses.put(payment.orderId(), "PAID");
        final boolean cancelled = reminders.get(payment.orderId()).cancel();
        out.println("  charged " + payment.orderId() + " " + payment.amountCents() / 100 + ".00 on attempt " + attempt +
            (cancelled ? ", reminder cancelled" : ""));
        settled.incrementAndGet();
    }

    private void deadLetter(final DeadLetter<Payment> letter)
    {
        statuses.put(letter.message().orderId(), "PAYMENT_FAILED");
        out.println("  dead letter on 'orders.payments.dlq': " + letter.message().orderId() + " after " +
            letter.attempts() + " attempts (" + letter.cause().getMessage() + ")");
        settled.incrementAndGet();
    }

    private void remind(final Reminder reminder)
    {
        // A reminder already under way when its order got paid finds the order paid and says nothing.
        final String status = statuses.get(reminder.orderId());
        if (!"PAID".equals(status))
        {
            out.println("  reminder: " + reminder.orderId() + " is still unpaid (" + status + ")");
            if (reminder.orderId().equals("order-3"))
            {
                remindedOrder3.countDown();
            }
        }
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(1);
        }
    }
}
