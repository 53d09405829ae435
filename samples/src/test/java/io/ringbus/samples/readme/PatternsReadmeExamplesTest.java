package io.ringbus.samples.readme;

import io.ringbus.Ringbus;
import io.ringbus.api.Await;
import io.ringbus.api.Bus;
import io.ringbus.api.Queue;
import io.ringbus.patterns.store.EventStore;
import io.ringbus.samples.bank.Bank.AccountEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The patterns snippets of the README do what the README says.
 */
class PatternsReadmeExamplesTest
{
    @TempDir
    Path dir;

    @Test
    void snippetsWork() throws Exception
    {
        final PatternsReadmeExamples examples = new PatternsReadmeExamples();
        try (EventStore<AccountEvent> store = examples.eventStore(dir.resolve("journal"));
            Bus bus = Ringbus.create())
        {
            Await.until("the subscription saw both events", () -> examples.seen.size() == 2);
            final long position = examples.commands(store, bus);
            assertEquals(2, position);
            assertEquals(125_00L, examples.queries(store, bus, position));
            examples.projection.close();
            examples.subscription.close();

            final Queue<PatternsReadmeExamples.Payment> payments =
                bus.queue("payments", PatternsReadmeExamples.Payment.class);
            final String document = examples.messaging(payments, dir.resolve("payloads"));
            assertEquals("page ".repeat(100_000), document);
            payments.send(new PatternsReadmeExamples.Payment("order-1", 42_00));
            payments.send(new PatternsReadmeExamples.Payment("order-1", 42_00));   // redelivered: dropped
            payments.send(new PatternsReadmeExamples.Payment("order-2", 10_00));
            Await.until("two payments charged", () -> examples.gateway.charged.size() == 2);
            assertEquals(2, examples.gateway.charged.stream().map(PatternsReadmeExamples.Payment::orderId)
                .distinct().count());
        }
    }
}
