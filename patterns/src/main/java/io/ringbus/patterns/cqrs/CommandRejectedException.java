package io.ringbus.patterns.cqrs;

import java.util.List;

/**
 * A command refused for a reason the sender can act on: invalid input, or a business rule (insufficient funds).
 * A handler or decider throws it; the sender's future fails with it. {@link #reason()} is a stable code to branch
 * on, the message is for people.
 * <p>
 * <b>Note:</b> immutable once thrown.
 */
public class CommandRejectedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** The reason of a command that failed validation. */
    public static final String INVALID = "invalid";

    private final String reason;
    private final List<String> violations;

    /**
     * @param reason  a stable code, e.g. {@code "insufficient-funds"}.
     * @param message what happened, for people.
     */
    public CommandRejectedException(final String reason, final String message)
    {
        this(reason, message, List.of());
    }

    /**
     * @param reason     a stable code.
     * @param message    what happened.
     * @param violations each broken rule, for {@link #INVALID}.
     */
    public CommandRejectedException(final String reason, final String message, final List<String> violations)
    {
        super(message);
        this.reason = reason;
        this.violations = List.copyOf(violations);
    }

    /**
     * @return the stable code of the rejection.
     */
    public String reason()
    {
        return reason;
    }

    /**
     * @return the broken rules of an invalid command, empty otherwise.
     */
    public List<String> violations()
    {
        return violations;
    }
}
