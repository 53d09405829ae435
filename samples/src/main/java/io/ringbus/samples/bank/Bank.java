package io.ringbus.samples.bank;

import io.ringbus.api.codec.Codec;
import io.ringbus.api.codec.CodecException;
import io.ringbus.patterns.aggregate.Decider;
import io.ringbus.patterns.cqrs.CommandRejectedException;
import io.ringbus.patterns.cqrs.EventHandler;
import io.ringbus.patterns.cqrs.QueryHandler;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bank's model: commands, events, the account aggregate, its codec and the balances read model.
 */
public final class Bank
{
    private Bank()
    {
    }

    /** A command to an account. */
    public sealed interface AccountCommand permits OpenAccount, Deposit, Withdraw
    {
        /** @return the account addressed. */
        String accountId();
    }

    /** Open an account for an owner. */
    public record OpenAccount(String accountId, String owner) implements AccountCommand
    {
    }

    /** Put money in, in cents. */
    public record Deposit(String accountId, long cents) implements AccountCommand
    {
    }

    /** Take money out, in cents. */
    public record Withdraw(String accountId, long cents) implements AccountCommand
    {
    }

    /** What happened to an account. */
    public sealed interface AccountEvent permits Opened, Deposited, Withdrawn
    {
        /** @return the account it happened to. */
        String accountId();
    }

    /** An account was opened. */
    public record Opened(String accountId, String owner) implements AccountEvent
    {
    }

    /** Money came in. */
    public record Deposited(String accountId, long cents) implements AccountEvent
    {
    }

    /** Money went out. */
    public record Withdrawn(String accountId, long cents) implements AccountEvent
    {
    }

    /** The state an account's decisions need. */
    public record Account(boolean open, long balance)
    {
    }

    /** Asks for an account's balance. */
    public record GetBalance(String accountId)
    {
    }

    /**
     * The account aggregate: what each command decides, and how each event changes the account.
     */
    public static final class AccountDecider implements Decider<AccountCommand, Account, AccountEvent>
    {
        @Override
        public Account initialState()
        {
            return new Account(false, 0);
        }

        @Override
        public List<AccountEvent> decide(final AccountCommand command, final Account account)
        {
            if (command instanceof OpenAccount open)
            {
                if (account.open())
                {
                    throw new CommandRejectedException("already-open", open.accountId() + " is already open");
                }
                return List.of(new Opened(open.accountId(), open.owner()));
            }
            if (!account.open())
            {
                throw new CommandRejectedException("no-account", command.accountId() + " is not open");
            }
            if (command instanceof Deposit deposit)
            {
                return List.of(new Deposited(deposit.accountId(), deposit.cents()));
            }
            final Withdraw withdraw = (Withdraw)command;
            if (withdraw.cents() > account.balance())
            {
                throw new CommandRejectedException("insufficient-funds", withdraw.accountId() + " holds " +
                    account.balance() + " cents, cannot withdraw " + withdraw.cents());
            }
            return List.of(new Withdrawn(withdraw.accountId(), withdraw.cents()));
        }

        @Override
        public Account evolve(final Account account, final AccountEvent event)
        {
            if (event instanceof Opened)
            {
                return new Account(true, 0);
            }
            if (event instanceof Deposited deposited)
            {
                return new Account(true, account.balance() + deposited.cents());
            }
            return new Account(true, account.balance() - ((Withdrawn)event).cents());
        }
    }

    /**
     * The balances read model: kept by a projection, asked over the query bus.
     */
    public static final class Balances
    {
        private final Map<String, Long> balances = new ConcurrentHashMap<>();

        @EventHandler
        void on(final Opened e)
        {
            balances.put(e.accountId(), 0L);
        }

        @EventHandler
        void on(final Deposited e)
        {
            balances.merge(e.accountId(), e.cents(), Long::sum);
        }

        @EventHandler
        void on(final Withdrawn e)
        {
            balances.merge(e.accountId(), -e.cents(), Long::sum);
        }

        @QueryHandler
        Long balance(final GetBalance query)
        {
            return balances.getOrDefault(query.accountId(), 0L);
        }

        /** Forget everything, before a rebuild. */
        public void clear()
        {
            balances.clear();
        }
    }

    /**
     * Writes account events for the journal: a tag byte, then the fields (strings as length and UTF-8 bytes).
     */
    public static final class AccountEventCodec implements Codec<AccountEvent>
    {
        private static final byte OPENED = 1;
        private static final byte DEPOSITED = 2;
        private static final byte WITHDRAWN = 3;

        @Override
        public Class<AccountEvent> type()
        {
            return AccountEvent.class;
        }

        @Override
        public int maxEncodedLength(final AccountEvent event)
        {
            final int owner = event instanceof Opened opened ? 4 + opened.owner().length() * 3 : 8;
            return 1 + 4 + event.accountId().length() * 3 + owner;
        }

        @Override
        public int encode(final AccountEvent event, final ByteBuffer buffer, final int offset)
        {
            int at = offset;
            if (event instanceof Opened opened)
            {
                buffer.put(at++, OPENED);
                at += putString(buffer, at, opened.accountId());
                at += putString(buffer, at, opened.owner());
            }
            else if (event instanceof Deposited deposited)
            {
                buffer.put(at++, DEPOSITED);
                at += putString(buffer, at, deposited.accountId());
                buffer.putLong(at, deposited.cents());
                at += 8;
            }
            else
            {
                final Withdrawn withdrawn = (Withdrawn)event;
                buffer.put(at++, WITHDRAWN);
                at += putString(buffer, at, withdrawn.accountId());
                buffer.putLong(at, withdrawn.cents());
                at += 8;
            }
            return at - offset;
        }

        @Override
        public AccountEvent decode(final ByteBuffer buffer, final int offset, final int length)
        {
            if (length < 5)
            {
                throw new CodecException("AccountEvent takes at least 5 bytes, got " + length);
            }
            final int end = offset + length;
            final byte tag = buffer.get(offset);
            final String accountId = getString(buffer, offset + 1, end);
            final int next = offset + 1 + 4 + utf8Length(buffer, offset + 1);
            switch (tag)
            {
                case OPENED:
                    return new Opened(accountId, getString(buffer, next, end));
                case DEPOSITED:
                    CodecException.requireLength(Deposited.class, end - next, 8);
                    return new Deposited(accountId, buffer.getLong(next));
                case WITHDRAWN:
                    CodecException.requireLength(Withdrawn.class, end - next, 8);
                    return new Withdrawn(accountId, buffer.getLong(next));
                default:
                    throw new CodecException("unknown AccountEvent tag " + tag);
            }
        }

        private static int putString(final ByteBuffer buffer, final int at, final String value)
        {
            final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            buffer.putInt(at, bytes.length);
            buffer.put(at + 4, bytes);
            return 4 + bytes.length;
        }

        private static int utf8Length(final ByteBuffer buffer, final int at)
        {
            return buffer.getInt(at);
        }

        private static String getString(final ByteBuffer buffer, final int at, final int end)
        {
            if (end - at < 4)
            {
                throw new CodecException("a string length needs 4 bytes, " + (end - at) + " left");
            }
            final int length = buffer.getInt(at);
            if (length < 0 || length > end - at - 4)
            {
                throw new CodecException("string length " + length + " exceeds the " + (end - at - 4) +
                    " bytes left");
            }
            final byte[] bytes = new byte[length];
            buffer.get(at + 4, bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
