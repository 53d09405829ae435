package io.ringbus.api;

/**
 * A queue message whose handling failed on every attempt its {@link RetryPolicy} allowed; sent to the
 * dead-letter queue {@code <queue>.dlq}.
 * <p>
 * <b>Note:</b> immutable itself; the message is shared as it was sent.
 *
 * @param message  the message that failed.
 * @param cause    what the last attempt threw.
 * @param attempts how many times it was tried.
 * @param <E>      type of the message.
 */
public record DeadLetter<E>(E message, Throwable cause, int attempts)
{
}
