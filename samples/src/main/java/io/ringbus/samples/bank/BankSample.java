package io.ringbus.samples.bank;

import io.ringbus.Ringbus;
import io.ringbus.api.Bus;
import io.ringbus.patterns.aggregate.AggregateRepository;
import io.ringbus.patterns.cqrs.CommandBus;
import io.ringbus.patterns.cqrs.CommandHandler;
import io.ringbus.patterns.cqrs.CommandRejectedException;
import io.ringbus.patterns.cqrs.Projection;
import io.ringbus.patterns.cqrs.QueryBus;
import io.ringbus.patterns.store.FsyncPolicy;
import io.ringbus.patterns.store.JournalEventStore;
import io.ringbus.samples.bank.Bank.AccountCommand;
import io.ringbus.samples.bank.Bank.AccountEvent;
import io.ringbus.samples.bank.Bank.Deposit;
import io.ringbus.samples.bank.Bank.GetBalance;
import io.ringbus.samples.bank.Bank.OpenAccount;
import io.ringbus.samples.bank.Bank.Withdraw;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Bank accounts, event-sourced in a durable journal: commands go over a {@link CommandBus} to the account
 * aggregate, a projection keeps balances that a {@link QueryBus} answers (waiting for the command's position:
 * read your writes), and a restart rebuilds the balances from the journal alone. Run it with
 * {@code mvn -B -q -DskipTests -pl samples -am package exec:exec -Dsample=io.ringbus.samples.bank.BankSample}.
 */
public final class BankSample
{
    private static final Duration WAIT = Duration.ofSeconds(10);

    private BankSample()
    {
    }

    /**
     * The command handlers: each loads the account, decides, appends with the version it decided on (retrying on
     * a conflict) and returns the global position of its last event.
     */
    static final class AccountCommands
    {
        private final AggregateRepository<AccountCommand, Bank.Account, AccountEvent> accounts;

        AccountCommands(final AggregateRepository<AccountCommand, Bank.Account, AccountEvent> accounts)
        {
            this.accounts = accounts;
        }

        @CommandHandler
        Long open(final OpenAccount command) throws Exception
        {
            return accounts.handle(command.accountId(), command).position();
        }

        @CommandHandler
        Long deposit(final Deposit command) throws Exception
        {
            return accounts.handle(command.accountId(), command).position();
        }

        @CommandHandler
        Long withdraw(final Withdraw command) throws Exception
        {
            return accounts.handle(command.accountId(), command).position();
        }
    }

    /**
     * Run the sample in {@code directory}: a first run that writes, then a restart that only reads.
     *
     * @param out       where to print what happens.
     * @param directory the journal's directory.
     * @throws Exception if a command or query fails unexpectedly.
     */
    public static void run(final PrintStream out, final Path directory) throws Exception
    {
        out.println("First run: journal in " + directory);
        try (JournalEventStore<AccountEvent> store = JournalEventStore.builder(directory,
                new Bank.AccountEventCodec()).fsync(FsyncPolicy.GROUP).open();
            Bus bus = Ringbus.create())
        {
            final AggregateRepository<AccountCommand, Bank.Account, AccountEvent> accounts =
                AggregateRepository.builder(store, new Bank.AccountDecider()).streamPrefix("account-").retries(3)
                    .build();
            final CommandBus commands = new CommandBus(bus);
            commands.register(new AccountCommands(accounts));
            commands.validate(Deposit.class, d -> d.cents() > 0 ? List.of() :
                List.of("cents must be positive"));

            final Bank.Balances balances = new Bank.Balances();
            try (Projection<AccountEvent> projection = Projection.builder("balances", store,
                Projection.annotated(balances)).onReset(balances::clear).start())
            {
                final QueryBus queries = new QueryBus(bus);
                queries.register(balances, projection);

                send(out, commands, new OpenAccount("alice", "Alice"));
                send(out, commands, new OpenAccount("bob", "Bob"));
                send(out, commands, new Deposit("alice", 100_00));
                send(out, commands, new Withdraw("alice", 30_00));
                send(out, commands, new Withdraw("bob", 5_00));       // insufficient funds: rejected
                send(out, commands, new Deposit("bob", -1));          // invalid: never reaches the handler
                final long last = send(out, commands, new Deposit("bob", 12_50));

                // Read your writes: the query waits until the projection has applied the last command's events.
                out.println("  alice balance " + queries.query(new GetBalance("alice"), Long.class, last, WAIT)
                    .get(10, TimeUnit.SECONDS) + " cents");
                out.println("  bob balance " + queries.query(new GetBalance("bob"), Long.class, last, WAIT)
                    .get(10, TimeUnit.SECONDS) + " cents");
                out.println("  journal holds " + (store.lastPosition() + 1) + " events");
            }
        }

        out.println("Restart: reopen the journal, rebuild the balances by replay");
        try (JournalEventStore<AccountEvent> store = JournalEventStore.open(directory, new Bank.AccountEventCodec());
            Bus bus = Ringbus.create())
        {
            final Bank.Balances balances = new Bank.Balances();
            try (Projection<AccountEvent> projection = Projection.builder("balances", store,
                Projection.annotated(balances)).start())
            {
                final QueryBus queries = new QueryBus(bus);
                queries.register(balances, projection);
                final long last = store.lastPosition();
                out.println("  recovered " + (last + 1) + " events");
                out.println("  alice balance " + queries.query(new GetBalance("alice"), Long.class, last, WAIT)
                    .get(10, TimeUnit.SECONDS) + " cents");
                out.println("  bob balance " + queries.query(new GetBalance("bob"), Long.class, last, WAIT)
                    .get(10, TimeUnit.SECONDS) + " cents");
            }
        }
    }

    private static long send(final PrintStream out, final CommandBus commands, final Object command)
        throws InterruptedException, java.util.concurrent.TimeoutException
    {
        try
        {
            final Long position = commands.send(command, Long.class).get(10, TimeUnit.SECONDS);
            out.println("  " + command + " -> position " + position);
            return position;
        }
        catch (final ExecutionException | CompletionException ex)
        {
            if (ex.getCause() instanceof CommandRejectedException rejected)
            {
                out.println("  " + command + " -> rejected (" + rejected.reason() + "): " + rejected.getMessage());
                return -1;
            }
            throw new IllegalStateException(command + " failed", ex.getCause());
        }
    }

    /**
     * @param args optional: the journal's directory (default: a temporary one, deleted afterwards).
     * @throws Exception if the sample fails.
     */
    public static void main(final String[] args) throws Exception
    {
        if (args.length > 0)
        {
            run(System.out, Path.of(args[0]));
            return;
        }
        final Path directory = Files.createTempDirectory("ringbus-bank");
        try
        {
            run(System.out, directory);
        }
        finally
        {
            delete(directory);
        }
    }

    private static void delete(final Path directory) throws IOException
    {
        try (Stream<Path> files = Files.walk(directory))
        {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(file);
            }
        }
    }
}
