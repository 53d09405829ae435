package io.ringbus.patterns.cqrs;

import io.ringbus.Ringbus;
import io.ringbus.api.Bus;
import io.ringbus.api.NoResponderException;
import io.ringbus.api.Registration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandBusTest
{
    record Deposit(String account, long amount)
    {
    }

    record Close(String account)
    {
    }

    private final Bus bus = Ringbus.create();
    private final CommandBus commands = new CommandBus(bus);

    @AfterEach
    void close()
    {
        bus.close();
    }

    static Throwable failure(final CompletableFuture<?> future) throws Exception
    {
        final ExecutionException failed = assertThrows(ExecutionException.class,
            () -> future.get(10, TimeUnit.SECONDS));
        return failed.getCause();
    }

    @Test
    void sendsToTheOneHandlerAndReturnsItsResult() throws Exception
    {
        commands.register(Deposit.class, d -> d.amount() * 2);
        assertEquals(84L, commands.send(new Deposit("a", 42), Long.class).get(10, TimeUnit.SECONDS));
    }

    @Test
    void aSecondHandlerForATypeIsAnErrorNamingIt()
    {
        commands.register(Deposit.class, d -> 1);
        final IllegalStateException twice = assertThrows(IllegalStateException.class,
            () -> commands.register(Deposit.class, d -> 2));
        assertTrue(twice.getMessage().contains(Deposit.class.getName()), twice.getMessage());
    }

    @Test
    void closingTheRegistrationFreesTheType() throws Exception
    {
        final Registration first = commands.register(Deposit.class, d -> 1);
        first.close();
        assertInstanceOf(NoResponderException.class, failure(commands.send(new Deposit("a", 1))));
        commands.register(Deposit.class, d -> 2);
        assertEquals(2, commands.send(new Deposit("a", 1), Integer.class).get(10, TimeUnit.SECONDS));
    }

    @Test
    void rejectionsAndFailuresReachTheSender() throws Exception
    {
        commands.register(Deposit.class, d ->
        {
            if (d.amount() <= 0)
            {
                throw new CommandRejectedException("not-positive", "amount must be positive");
            }
            throw new IllegalStateException("bug");
        });
        final CommandRejectedException rejected = assertInstanceOf(CommandRejectedException.class,
            failure(commands.send(new Deposit("a", 0))));
        assertEquals("not-positive", rejected.reason());
        assertEquals("bug", failure(commands.send(new Deposit("a", 1))).getMessage());
        assertInstanceOf(NoResponderException.class, failure(commands.send(new Close("a"))));
    }

    @Test
    void invalidCommandsNeverReachTheHandler() throws Exception
    {
        final List<Deposit> handled = new CopyOnWriteArrayList<>();
        commands.register(Deposit.class, d -> handled.add(d));
        commands.validate(Deposit.class, d -> d.amount() > 0 ? List.of() : List.of("amount must be positive"));
        commands.validate(Deposit.class, d -> d.account().isBlank() ? List.of("account is blank") : List.of());
        final CommandRejectedException invalid = assertInstanceOf(CommandRejectedException.class,
            failure(commands.send(new Deposit(" ", -1))));
        assertEquals(CommandRejectedException.INVALID, invalid.reason());
        assertEquals(List.of("amount must be positive", "account is blank"), invalid.violations());
        assertEquals(true, commands.send(new Deposit("a", 1), Boolean.class).get(10, TimeUnit.SECONDS));
        assertEquals(List.of(new Deposit("a", 1)), handled);
    }

    /** Annotated handlers: one returns, one is void. */
    static final class Accounts
    {
        final List<Object> seen = new CopyOnWriteArrayList<>();

        @CommandHandler
        long deposit(final Deposit deposit)
        {
            seen.add(deposit);
            return deposit.amount();
        }

        @CommandHandler
        private void close(final Close close)
        {
            seen.add(close);
        }
    }

    @Test
    void annotatedHandlersAreBoundOnce() throws Exception
    {
        final Accounts accounts = new Accounts();
        final Registration registration = commands.register(accounts);
        assertEquals(5L, commands.send(new Deposit("a", 5), Long.class).get(10, TimeUnit.SECONDS));
        assertNull(commands.send(new Close("a")).get(10, TimeUnit.SECONDS));
        assertEquals(List.of(new Deposit("a", 5), new Close("a")), accounts.seen);

        final IllegalStateException twice = assertThrows(IllegalStateException.class,
            () -> commands.register(new Accounts()));
        assertTrue(twice.getMessage().contains("already has a handler"), twice.getMessage());
        registration.close();
        assertInstanceOf(NoResponderException.class, failure(commands.send(new Close("a"))));
    }

    static final class Malformed
    {
        @CommandHandler
        long two(final Deposit deposit, final int extra)
        {
            return 1;
        }
    }

    @Test
    void malformedHandlersAreRefusedNamingTheMethod()
    {
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> commands.register(new Malformed()));
        assertTrue(refused.getMessage().contains("Malformed#two"), refused.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> commands.register(new Object()))
            .getMessage().contains("no @CommandHandler"));
    }
}
