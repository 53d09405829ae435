package io.ringbus.samples.readme;

import io.ringbus.Ringbus;
import io.ringbus.api.Await;
import io.ringbus.api.Bus;
import io.ringbus.api.Topic;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's snippets do what the README says they do, and the README shows them as they are compiled here.
 */
class ReadmeExamplesTest
{
    @Test
    void snippetsWork() throws Exception
    {
        final ReadmeExamples examples = new ReadmeExamples();
        assertTrue(examples.topics());
        try (Bus bus = Ringbus.create())
        {
            examples.wildcards(bus);
            bus.topic("orders.eu", String.class).publish("order");
            Await.until("the audit saw the order", () -> examples.audit.equals(List.of("order")));

            examples.typeAddressed(bus);
            Await.until("one dead event counted", () -> bus.stats().deadEvents() == 1);

            examples.queues(bus);
            Await.until("the payment charged once", () -> examples.gateway.charged.size() == 1);

            assertEquals("PAID", examples.requestReply(bus).get(10, TimeUnit.SECONDS));
        }
        try (Bus bus = examples.configuration())
        {
            final ReadmeExamples.Shop shop = examples.annotations(bus);
            bus.publish(new ReadmeExamples.OrderPlaced("o-1"));
            final Topic<ReadmeExamples.Price> prices = bus.topic("prices.gbpusd", ReadmeExamples.Price.class);
            prices.publish(new ReadmeExamples.Price("GBPUSD", 1.27));
            Await.until("order and price at the shop", () -> shop.seen.size() == 2);
        }
    }

    @Test
    void readmeShowsTheCompiledSnippets() throws Exception
    {
        final String readme = Files.readString(Path.of("..", "README.md"));
        final String source = Files.readString(
            Path.of("src", "main", "java", "io", "ringbus", "samples", "readme", "ReadmeExamples.java"));
        for (final String line : List.of(
            "Topic<Price> prices = bus.topic(\"prices.eurusd\", Price.class);",
            "bus.subscribe(\"orders.#\", Object.class, e -> audit.add(e));",
            "bus.publish(\"a String\");",
            "payments.consume(p -> gateway.charge(p));",
            "bus.respond(\"order.status\", String.class, orderId -> statuses.get(orderId));",
            "Registration r = bus.register(new Shop());",
            ".idle(IdleStrategyKind.BUSY_SPIN)"))
        {
            assertTrue(readme.contains(line), "README lacks: " + line);
            assertTrue(source.contains(line), "ReadmeExamples lacks: " + line);
        }
    }
}
