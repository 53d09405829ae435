package io.ringbus.samples.readme;

import io.ringbus.api.Bus;
import io.ringbus.api.Queue;
import io.ringbus.api.codec.Codec;
import io.ringbus.patterns.aggregate.AggregateRepository;
import io.ringbus.patterns.cqrs.CommandBus;
import io.ringbus.patterns.cqrs.Projection;
import io.ringbus.patterns.cqrs.QueryBus;
import io.ringbus.patterns.messaging.Claim;
import io.ringbus.patterns.messaging.ClaimCheck;
import io.ringbus.patterns.messaging.IdempotentConsumer;
import io.ringbus.patterns.messaging.PayloadStore;
import io.ringbus.patterns.store.AppendResult;
import io.ringbus.patterns.store.EventData;
import io.ringbus.patterns.store.EventStore;
import io.ringbus.patterns.store.ExpectedVersion;
import io.ringbus.patterns.store.FsyncPolicy;
import io.ringbus.patterns.store.JournalEventStore;
import io.ringbus.patterns.store.RecordedEvent;
import io.ringbus.patterns.store.StoreSubscription;
import io.ringbus.samples.bank.Bank.Account;
import io.ringbus.samples.bank.Bank.AccountCommand;
import io.ringbus.samples.bank.Bank.AccountDecider;
import io.ringbus.samples.bank.Bank.AccountEvent;
import io.ringbus.samples.bank.Bank.AccountEventCodec;
import io.ringbus.samples.bank.Bank.Balances;
import io.ringbus.samples.bank.Bank.Deposit;
import io.ringbus.samples.bank.Bank.Deposited;
import io.ringbus.samples.bank.Bank.GetBalance;
import io.ringbus.samples.bank.Bank.OpenAccount;
import io.ringbus.samples.bank.Bank.Opened;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The README's "Event sourcing and CQRS (patterns)" snippets, as written there, with just enough around them to
 * run; {@code PatternsReadmeExamplesTest} runs them.
 */
public final class PatternsReadmeExamples
{
    /** A payment message. */
    public record Payment(String orderId, long amountCents)
    {
    }

    /** Charges payments. */
    static final class Gateway
    {
        final List<Payment> charged = new CopyOnWriteArrayList<>();

        void charge(final Payment payment)
        {
            charged.add(payment);
        }
    }

    /** UTF-8 text. */
    static final Codec<String> TEXT = new Codec<>()
    {
        @Override
        public Class<String> type()
        {
            return String.class;
        }

        @Override
        public int maxEncodedLength(final String s)
        {
            return s.length() * 3;
        }

        @Override
        public int encode(final String s, final ByteBuffer buffer, final int offset)
        {
            final byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            buffer.put(offset, bytes);
            return bytes.length;
        }

        @Override
        public String decode(final ByteBuffer buffer, final int offset, final int length)
        {
            final byte[] bytes = new byte[length];
            buffer.get(offset, bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    };

    final Gateway gateway = new Gateway();
    final List<RecordedEvent<AccountEvent>> seen = new CopyOnWriteArrayList<>();
    StoreSubscription subscription;
    Projection<AccountEvent> projection;

    EventStore<AccountEvent> eventStore(final Path dir)
    {
        // README: the event store
        EventStore<AccountEvent> store = JournalEventStore.builder(dir, new AccountEventCodec())
            .fsync(FsyncPolicy.GROUP)                      // EVERY_APPEND, GROUP (default) or NONE
            .open();                                       // recovers: cuts a torn tail, refuses corruption
        AppendResult opened = store.append("account-alice", ExpectedVersion.NO_STREAM,
            List.of(EventData.of(new Opened("alice", "Alice"))));
        store.append("account-alice", opened.version(), List.of(EventData.of(new Deposited("alice", 100_00))));
        List<RecordedEvent<AccountEvent>> history = store.read("account-alice", 0);
        StoreSubscription all = store.subscribeAll(0, e -> seen.add(e));   // catch up, then live
        subscription = all;
        System.out.println("alice's history: " + history);
        return store;
    }

    long commands(final EventStore<AccountEvent> store, final Bus bus)
    {
        // README: commands
        AggregateRepository<AccountCommand, Account, AccountEvent> accounts =
            AggregateRepository.builder(store, new AccountDecider()).streamPrefix("account-").retries(3).build();
        CommandBus commands = new CommandBus(bus);
        commands.register(Deposit.class, d -> accounts.handle(d.accountId(), d).position());
        commands.validate(Deposit.class, d -> d.cents() > 0 ? List.of() : List.of("cents must be positive"));
        long position = commands.send(new Deposit("alice", 25_00), Long.class).join();
        commands.register(OpenAccount.class, o -> accounts.handle(o.accountId(), o).position());
        return position;
    }

    long queries(final EventStore<AccountEvent> store, final Bus bus, final long position)
    {
        // README: queries
        Balances balances = new Balances();                  // @EventHandler and @QueryHandler methods
        Projection<AccountEvent> projection = Projection.builder("balances", store, Projection.annotated(balances))
            .onReset(balances::clear).start();
        QueryBus queries = new QueryBus(bus);
        queries.register(balances, projection);
        long cents = queries.query(new GetBalance("alice"), Long.class, position, Duration.ofSeconds(1)).join();
        this.projection = projection;
        return cents;
    }

    String messaging(final Queue<Payment> payments, final Path payloadDir)
    {
        final String bigDocument = "page ".repeat(100_000);
        final Codec<String> textCodec = TEXT;
        // README: messaging
        payments.consume(new IdempotentConsumer<>(Payment::orderId, 100_000, p -> gateway.charge(p)));
        ClaimCheck<String> documents = new ClaimCheck<>(PayloadStore.directory(payloadDir), textCodec, 16 << 20);
        Claim claim = documents.check(bigDocument);     // the payload is stored (and synced) first ...
        String again = documents.redeem(claim);         // ... the event carries only the claim
        return again;
    }
}
