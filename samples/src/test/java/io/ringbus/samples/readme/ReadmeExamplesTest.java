package io.ringbus.samples.readme;

import io.ringbus.Ringbus;
import io.ringbus.api.Await;
import io.ringbus.api.Bus;
import io.ringbus.api.Topic;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
        // Each area keeps its README snippets in its own class of this package.
        final StringBuilder sources = new StringBuilder();
        try (Stream<Path> files = Files.list(Path.of("src", "main", "java", "io", "ringbus", "samples", "readme")))
        {
            for (final Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList())
            {
                sources.append(Files.readString(file)).append('\n');
            }
        }
        final String source = sources.toString();
        // Every line of every Java block, except the elided bodies of the annotation example.
        final List<String> lines = new ArrayList<>();
        final Matcher blocks = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (blocks.find())
        {
            blocks.group(1).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.contains("..."))
                .forEach(lines::add);
        }
        assertTrue(lines.size() > 30, "README Java blocks not found: " + lines.size() + " lines");
        for (final String line : lines)
        {
            assertTrue(source.contains(line), "README shows a line no class in samples/.../readme compiles: " + line);
        }
    }
}
