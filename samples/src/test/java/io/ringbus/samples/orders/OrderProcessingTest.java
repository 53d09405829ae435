package io.ringbus.samples.orders;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderProcessingTest
{
    @Test
    void printsWhatHappenedAndTheCountersAddUp() throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OrderProcessing.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        final String out = bytes.toString(StandardCharsets.UTF_8);
        final List<String> lines = out.lines().toList();

        assertEquals(4, lines.stream().filter(l -> l.startsWith("  email to ")).count(), out);
        assertEquals(4, lines.stream().filter(l -> l.startsWith("  sms to ")).count(), out);

        // The express order is in the highest lane: charged before anything in the normal lane is tried.
        final int paymentsHeader = indexOf(lines, "Payments on queue 'orders.payments'");
        final String firstPayment = lines.stream().skip(paymentsHeader + 1)
            .filter(l -> l.startsWith("  charged ") || l.startsWith("  attempt ")).findFirst().orElseThrow();
        assertTrue(firstPayment.startsWith("  charged order-4 45.00 on attempt 1"), out);

        assertTrue(out.contains("  attempt 1 for order-2: gateway timeout, will retry"), out);
        assertTrue(out.contains("  charged order-2 30.00 on attempt 2"), out);
        assertEquals(OrderProcessing.PAYMENT_ATTEMPTS,
            lines.stream().filter(l -> l.matches("  attempt \\d for order-3: card declined")).count(), out);
        assertTrue(out.contains("  dead letter on 'orders.payments.dlq': order-3 after 3 attempts (card declined)"), out);
        assertTrue(out.contains("  reminder: order-3 is still unpaid"), out);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("  reminder: order-1") || l.startsWith("  reminder: order-4")),
            "a paid order was reminded: " + out);

        assertTrue(out.contains("  order-1 -> PAID"), out);
        assertTrue(out.contains("  order-2 -> PAID"), out);
        assertTrue(out.contains("  order-3 -> PAYMENT_FAILED"), out);
        assertTrue(out.contains("  order-4 -> PAID"), out);

        // kind, destination, capacity, published, delivered, failures, depth, subs, unrouted, retries, dead, delayed
        final String[] payments = lines.stream().filter(l -> l.startsWith("queue ") && l.contains(" orders.payments "))
            .findFirst().orElseThrow().trim().split("\\s+");
        assertEquals("4", payments[3], "published: " + out);
        assertEquals("3", payments[4], "delivered: " + out);
        assertEquals("4", payments[5], "failures: " + out);
        assertEquals("0", payments[6], "depth: " + out);
        assertEquals("3", payments[9], "retries: " + out);
        assertEquals("1", payments[10], "dead-lettered: " + out);
        assertEquals("0", payments[11], "delayed: " + out);
        assertTrue(out.contains("Closed."), out);
    }

    private static int indexOf(final List<String> lines, final String prefix)
    {
        for (int i = 0; i < lines.size(); i++)
        {
            if (lines.get(i).startsWith(prefix))
            {
                return i;
            }
        }
        throw new AssertionError("no line starts with " + prefix + " in " + lines);
    }
}
