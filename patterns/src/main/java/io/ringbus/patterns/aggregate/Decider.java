package io.ringbus.patterns.aggregate;

import java.util.List;

/**
 * An aggregate as three pure functions: where it starts, what a command decides given the state, and how an
 * event changes the state. The state is rebuilt by folding {@link #evolve} over the stream's events.
 *
 * <pre>{@code
 * final class AccountDecider implements Decider<AccountCommand, Account, AccountEvent> {
 *     public Account initialState() { return Account.NONE; }
 *     public List<AccountEvent> decide(AccountCommand c, Account a) { ... }   // throw to reject
 *     public Account evolve(Account a, AccountEvent e) { ... }
 * }
 * }</pre>
 * <p>
 * <b>Note:</b> must be stateless: the repository calls it from any thread, and again on a retry.
 *
 * @param <C> type of the commands.
 * @param <S> type of the state; best immutable.
 * @param <E> type of the events.
 */
public interface Decider<C, S, E>
{
    /**
     * The state of an aggregate with no event.
     *
     * @return the initial state.
     */
    S initialState();

    /**
     * What happens if {@code command} is applied to {@code state}: the events to append, possibly none. Throw
     * (for instance a {@code CommandRejectedException}) to refuse the command; nothing is appended then.
     *
     * @param command the command.
     * @param state   the current state.
     * @return the new events, in order.
     * @throws Exception to reject the command.
     */
    List<E> decide(C command, S state) throws Exception;

    /**
     * The state after an event.
     *
     * @param state the state before.
     * @param event an event of this aggregate.
     * @return the state after.
     */
    S evolve(S state, E event);
}
