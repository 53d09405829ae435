package io.ringbus.patterns.cqrs;

import java.util.List;

/**
 * Checks a command before its handler sees it; a command with violations is rejected with
 * {@link CommandRejectedException#INVALID} and the handler is not called.
 * <p>
 * <b>Note:</b> called on the sender's thread: must be thread-safe.
 *
 * @param <C> type of the commands.
 */
@FunctionalInterface
public interface Validator<C>
{
    /**
     * @param command the command.
     * @return each rule it breaks, empty if none.
     */
    List<String> validate(C command);
}
