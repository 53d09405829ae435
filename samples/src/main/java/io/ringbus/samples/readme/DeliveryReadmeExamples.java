package io.ringbus.samples.readme;

import io.ringbus.Ringbus;
import io.ringbus.api.Bus;
import io.ringbus.api.Queue;
import io.ringbus.api.QueueOptions;
import io.ringbus.api.ReplyCallback;
import io.ringbus.api.RetryPolicy;
import io.ringbus.api.ScheduledMessage;
import io.ringbus.disruptor.ManualClock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The README's snippets for priorities, delayed delivery, retries and dead letters, and request/reply with a
 * callback, as written there, with just enough around them to run.
 */
public final class DeliveryReadmeExamples
{
    /** A payment to charge. */
    public record Payment(String orderId, long amountCents)
    {
    }

    /** A reminder to send. */
    public record Reminder(String orderId)
    {
    }

    /** A background job. */
    public record Job(String name)
    {
    }

    /** Charges payments; declines the ones it is told to. */
    public static final class Gateway
    {
        final List<Payment> charged = new CopyOnWriteArrayList<>();
        final List<String> declined = new CopyOnWriteArrayList<>();

        void charge(final Payment p)
        {
            if (declined.contains(p.orderId()))
            {
                throw new IllegalStateException("declined " + p.orderId());
            }
            charged.add(p);
        }
    }

    final Gateway gateway = new Gateway();
    final List<String> alerts = new CopyOnWriteArrayList<>();
    final List<String> shown = new CopyOnWriteArrayList<>();

    private void alert(final Payment payment, final Throwable cause, final int attempts)
    {
        alerts.add(payment.orderId() + " failed " + attempts + " times: " + cause.getMessage());
    }

    private void show(final String status)
    {
        shown.add(status);
    }

    Queue<Payment> priorities(final Bus bus)
    {
        // README: Priorities
        Queue<Payment> payments = bus.queue("payments", Payment.class);
        payments.send(new Payment("order-7", 10_00));                        // priority 0, the lowest
        payments.send(new Payment("order-8", 99_00), Queue.MAX_PRIORITY);    // taken before any lower priority
        Queue<Job> jobs = bus.queue("jobs", Job.class, QueueOptions.defaults().starvationGuard(16));
        jobs.send(new Job("reindex"), 3);
        return payments;
    }

    boolean delays(final Bus bus)
    {
        // README: Delayed delivery
        Queue<Reminder> reminders = bus.queue("reminders", Reminder.class);
        ScheduledMessage nudge = reminders.sendAfter(new Reminder("order-1"), Duration.ofMinutes(30));
        reminders.sendAt(new Reminder("order-2"), Instant.parse("2030-01-01T09:00:00Z"));
        boolean withdrawn = nudge.cancel();   // true: it will never be delivered
        return withdrawn;
    }

    ManualClock manualClock(final List<Reminder> delivered)
    {
        // README: Delayed delivery, in tests
        ManualClock clock = new ManualClock();
        Bus bus = Ringbus.builder().clock(clock).timerTick(Duration.ofMillis(1)).build();
        bus.queue("reminders", Reminder.class).consume(delivered::add);
        bus.queue("reminders", Reminder.class).sendAfter(new Reminder("order-1"), Duration.ofMinutes(30));
        clock.advance(Duration.ofMinutes(30));   // what was due by then is delivered now
        closeLater.add(bus);
        return clock;
    }

    final List<Bus> closeLater = new CopyOnWriteArrayList<>();

    Queue<Payment> retries(final Bus bus)
    {
        // README: Retries and dead letters
        Queue<Payment> charges = bus.queue("charges", Payment.class, QueueOptions.defaults()
            .retry(RetryPolicy.exponential(4, Duration.ofMillis(10), Duration.ofSeconds(1))));
        charges.consume(p -> gateway.charge(p));                 // a throw means: try again later
        charges.deadLetters().consume(d -> alert(d.message(), d.cause(), d.attempts())); // queue "charges.dlq"
        return charges;
    }

    void callbackRequest(final Bus bus)
    {
        // README: Request/reply without a future
        ReplyCallback<String> onStatus = (status, failure) -> show(failure == null ? status : "unknown");
        bus.request("order.status", "order-1", String.class, Duration.ofSeconds(1), onStatus); // no future
    }

    /**
     * Run every snippet once.
     *
     * @param args ignored.
     */
    public static void main(final String[] args)
    {
        final DeliveryReadmeExamples examples = new DeliveryReadmeExamples();
        try (Bus bus = Ringbus.create())
        {
            examples.priorities(bus);
            System.out.println("reminder withdrawn: " + examples.delays(bus));
            examples.retries(bus).send(new Payment("order-9", 5_00));
            bus.respond("order.status", String.class, id -> "PAID");
            examples.callbackRequest(bus);
        }
    }
}
