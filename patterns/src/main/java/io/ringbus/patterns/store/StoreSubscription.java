package io.ringbus.patterns.store;

/**
 * A running {@link EventStore#subscribeAll} subscription.
 * <p>
 * <b>Note:</b> thread-safe; closing twice is harmless.
 */
public interface StoreSubscription extends AutoCloseable
{
    /**
     * The global position of the last event the handler returned from, or {@code fromPosition - 1} before the
     * first.
     *
     * @return the last handled position.
     */
    long position();

    /**
     * Whether the subscription still delivers: {@code false} after {@link #close()}, after the store closed, or
     * after the handler threw.
     *
     * @return whether it runs.
     */
    boolean isRunning();

    /**
     * What stopped the subscription: the handler's exception, or {@code null} while it runs or when it was
     * closed normally.
     *
     * @return the failure, or {@code null}.
     */
    Throwable failure();

    /**
     * Stop delivering and wait for the delivery thread to end; the handler is not called after this returns
     * (unless called from the handler itself).
     */
    @Override
    void close();
}
