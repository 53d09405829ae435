package io.ringbus.disruptor;

import io.ringbus.Ringbus;
import io.ringbus.api.Await;
import io.ringbus.api.Bus;
import io.ringbus.api.Topic;
import io.ringbus.api.annotation.Subscribe;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default error handler: one readable line per failure, repeats rate-limited, stack traces on request.
 */
class ConsoleErrorHandlerTest
{
    static final class Billing
    {
        @Subscribe(topic = "payments")
        void charge(final String payment)
        {
            throw new IllegalStateException("card declined for " + payment);
        }
    }

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private List<String> lines()
    {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void anAnnotatedHandlerIsNamedByItsMethodOnOneLine()
    {
        try (Bus bus = Ringbus.builder().errorHandler(new ConsoleErrorHandler(out, false)).build())
        {
            bus.register(new Billing());
            bus.topic("payments", String.class).publish("p-1");
            Await.until("the failure reported", () -> !lines().isEmpty());
        }
        final List<String> lines = lines();
        assertEquals(1, lines.size(), lines.toString());
        assertEquals("ringbus: 'payments': " + Billing.class.getName() + "#charge(java.lang.String) failed on a " +
            "String: java.lang.IllegalStateException: card declined for p-1", lines.get(0));
    }

    @Test
    void aLambdaIsNamedByWhereItWasWrittenAndRepeatsAreRateLimited()
    {
        try (Bus bus = Ringbus.builder().dispatcherThreads(1).errorHandler(new ConsoleErrorHandler(out, false)).build())
        {
            final Topic<Integer> topic = bus.topic("numbers", Integer.class);
            topic.subscribe(n ->
            {
                throw new IllegalArgumentException("odd " + n);
            });
            for (int i = 0; i < 1_000; i++)
            {
                topic.publish(i);
            }
            Await.until("all handled", () -> bus.stats().destination("numbers").orElseThrow().failures() == 1_000);
        }
        final List<String> lines = lines();
        assertTrue(lines.size() < 100, "1,000 failures within seconds printed " + lines.size() + " lines");
        assertTrue(lines.get(0).startsWith("ringbus: 'numbers': a lambda in " + getClass().getName() +
            " failed on a Integer: java.lang.IllegalArgumentException: odd 0"), lines.get(0));
    }

    @Test
    void stackTracesOnRequestAndTheSuppressedCountOnTheNextLine()
    {
        final ConsoleErrorHandler handler = new ConsoleErrorHandler(out, true);
        handler.onError(new IllegalStateException("one"), "d", "e", "h");
        handler.onError(new IllegalStateException("two"), "d", "e", "h");
        final List<String> lines = lines();
        assertEquals("ringbus: 'd': h failed on a String: java.lang.IllegalStateException: one", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.contains("at io.ringbus.disruptor.ConsoleErrorHandlerTest")),
            lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.contains("two")), "the repeat within a second is not shown");
    }

    @Test
    void durationsReadAsPeopleWriteThem()
    {
        assertEquals("850 us", HandlerNames.duration(850_000L));
        assertEquals("12 ms", HandlerNames.duration(12_300_000L));
        assertEquals("3.2 s", HandlerNames.duration(3_200_000_000L));
        assertEquals("27017 h", HandlerNames.duration(27_017L * 3_600_000_000_000L + 5));
    }
}
