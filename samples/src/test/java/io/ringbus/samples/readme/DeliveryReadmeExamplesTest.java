package io.ringbus.samples.readme;

import io.ringbus.Ringbus;
import io.ringbus.api.Await;
import io.ringbus.api.Bus;
import io.ringbus.api.Queue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's delivery snippets do what the README says they do.
 */
class DeliveryReadmeExamplesTest
{
    @Test
    void priorityMessageIsTakenFirst()
    {
        final DeliveryReadmeExamples examples = new DeliveryReadmeExamples();
        try (Bus bus = Ringbus.create())
        {
            final Queue<DeliveryReadmeExamples.Payment> payments = examples.priorities(bus);
            final List<String> order = new CopyOnWriteArrayList<>();
            payments.consume(p -> order.add(p.orderId()));
            Await.until("both payments", () -> order.size() == 2);
            assertEquals(List.of("order-8", "order-7"), order);
            assertEquals(16, bus.queue("jobs", DeliveryReadmeExamples.Job.class).options().starvationGuard());
        }
    }

    @Test
    void delayedMessagesCanBeCancelledAndRunOnAManualClock() throws Exception
    {
        final DeliveryReadmeExamples examples = new DeliveryReadmeExamples();
        try (Bus bus = Ringbus.create())
        {
            assertTrue(examples.delays(bus));
            assertEquals(1, bus.stats().destination("reminders").orElseThrow().delayed(), "order-2 still waits");
        }
        final List<DeliveryReadmeExamples.Reminder> delivered = new CopyOnWriteArrayList<>();
        try
        {
            examples.manualClock(delivered);
            Await.until("the reminder, 30 minutes later by the manual clock", () -> delivered.size() == 1);
        }
        finally
        {
            examples.closeLater.forEach(Bus::close);
        }
    }

    @Test
    void failingPaymentIsRetriedThenDeadLettered()
    {
        final DeliveryReadmeExamples examples = new DeliveryReadmeExamples();
        try (Bus bus = Ringbus.create())
        {
            final Queue<DeliveryReadmeExamples.Payment> charges = examples.retries(bus);
            examples.gateway.declined.add("order-3");
            charges.send(new DeliveryReadmeExamples.Payment("order-3", 99_00));
            charges.send(new DeliveryReadmeExamples.Payment("order-4", 1_00));
            Await.until("the dead letter", () -> examples.alerts.size() == 1);
            assertEquals("order-3 failed 4 times: declined order-3", examples.alerts.get(0));
            Await.until("the good payment", () -> examples.gateway.charged.size() == 1);
        }
    }

    @Test
    void callbackGetsTheReply()
    {
        final DeliveryReadmeExamples examples = new DeliveryReadmeExamples();
        try (Bus bus = Ringbus.create())
        {
            bus.respond("order.status", String.class, id -> id.equals("order-1") ? "PAID" : "UNKNOWN");
            examples.callbackRequest(bus);
            Await.until("the status shown", () -> examples.shown.equals(List.of("PAID")));
        }
    }
}
