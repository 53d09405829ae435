package io.ringbus.api;

/**
 * What {@link Bus#register(Object)} or {@link Bus#respond} wired; closing it unwires all of it.
 * <p>
 * <b>Note:</b> thread-safe; closing twice is harmless.
 */
public interface Registration extends AutoCloseable
{
    /**
     * Stop every subscription, consumer and responder this registration made.
     */
    @Override
    void close();
}
