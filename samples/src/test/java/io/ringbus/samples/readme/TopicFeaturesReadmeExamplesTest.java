package io.ringbus.samples.readme;

import io.ringbus.Ringbus;
import io.ringbus.api.Await;
import io.ringbus.api.Bus;
import io.ringbus.api.Topic;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The topic delivery snippets of the README do what the README says.
 */
class TopicFeaturesReadmeExamplesTest
{
    @Test
    void snippetsWork()
    {
        final TopicFeaturesReadmeExamples examples = new TopicFeaturesReadmeExamples();
        try (Bus bus = Ringbus.create())
        {
            final Topic<String> orders = examples.pipeline(bus);
            for (int i = 2; i <= 5; i++)
            {
                orders.publish("order-" + i);
            }
            Await.until("five orders applied", () -> examples.book.seen.size() == 5);
            final List<String> all = List.of("order-1", "order-2", "order-3", "order-4", "order-5");
            assertEquals(all, examples.journalFile.seen);
            assertEquals(all, examples.standby.seen);
            assertEquals(all, examples.book.seen);

            examples.replay(orders);
            orders.publish("order-6");
            Await.until("five replayed and one live", () -> examples.audit.size() == 6);
            assertEquals(List.of("order-1", "order-2", "order-3", "order-4", "order-5", "order-6"), examples.audit);

            examples.slotMode(bus);
            Await.until("three trades applied", () -> examples.positions.values().stream()
                .mapToLong(Long::longValue).sum() == 85);
            assertEquals(Map.of("EURUSD", 105L, "GBPUSD", -20L), examples.positions);

            examples.singleWriter(bus);
            Await.until("the tick and five quotes", () -> examples.ticksSeen.size() == 1 &&
                examples.quotesSeen.size() == 5);
            assertEquals(List.of(1_084_200L), examples.ticksSeen);
            assertEquals(List.of("bid 1.0841", "ask 1.0843", "bid 1.0842", "bid 1.0841", "ask 1.0843"),
                examples.quotesSeen);

            examples.claim(bus);
            Await.until("the claimed quote", () -> examples.spreadsSeen.size() == 1);
            assertEquals(List.of(200L), examples.spreadsSeen);
        }
    }
}
