package io.ringbus.samples.quickstart;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuickStartTest
{
    @Test
    void printsWhatHappened() throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        QuickStart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        final String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(3, out.lines().filter(l -> l.startsWith("  chart   got ")).count(), out);
        assertEquals(3, out.lines().filter(l -> l.startsWith("  prices.* got ")).count(), out);
        assertTrue(out.contains("together 1000"), out);
        assertTrue(out.contains("@Subscribe    OrderPlaced[orderId=order-1"), out);
        assertTrue(out.contains("@Consume      charged order-1"), out);
        assertTrue(out.contains("request 'shop.order-status' for order-1 -> PAID"), out);
        assertTrue(out.contains("Closed:"), out);
    }
}
