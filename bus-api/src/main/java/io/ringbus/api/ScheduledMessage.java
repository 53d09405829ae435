package io.ringbus.api;

/**
 * A message sent with a delay ({@link Queue#sendAfter}, {@link Queue#sendAt}) that may still be withdrawn.
 * <p>
 * <b>Note:</b> thread-safe; any thread may cancel.
 *
 * <pre>{@code
 * ScheduledMessage reminder = reminders.sendAfter(new Reminder("order-1"), Duration.ofMinutes(30));
 * if (paid) { reminder.cancel(); }
 * }</pre>
 */
public interface ScheduledMessage
{
    /**
     * Withdraw the message if it has not been put into its queue yet.
     *
     * @return {@code true} if it is withdrawn and will never be delivered; {@code false} if it is already due
     * (in the queue or handled), already cancelled, or was lost to the bus's close.
     */
    boolean cancel();

    /**
     * Whether the message still waits for its time.
     *
     * @return {@code true} until it is put into its queue, cancelled or lost to the bus's close.
     */
    boolean isPending();
}
