package io.ringbus.api;

/**
 * Told about every exception a subscription's or consumer's {@link Handler} throws, with the context needed to
 * act on it. (A {@link Responder}'s exception goes to the requester's future instead.)
 * <p>
 * Implementations should return quickly and must not throw: a throwing error handler is caught, counted and
 * printed to {@code System.err}, and the dispatcher goes on.
 * <p>
 * <b>Note:</b> called from dispatcher threads, possibly several at once.
 *
 * <pre>{@code
 * Bus bus = Ringbus.builder()
 *     .errorHandler((cause, destination, event, handler) -> log.warn("{} failed on {}", destination, event, cause))
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface ErrorHandler
{
    /**
     * Report one failure.
     *
     * @param cause       what the handler threw.
     * @param destination name of the topic or queue (or the type name for type-addressed events).
     * @param event       the event being handled.
     * @param handler     the handler that threw.
     */
    void onError(Throwable cause, String destination, Object event, Object handler);
}
