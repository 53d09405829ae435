package io.ringbus.api;

/**
 * What {@code publish} and {@code send} do when the destination's ring is full. {@code tryPublish} and
 * {@code trySend} never wait, whatever the policy.
 * <p>
 * <b>Note:</b> immutable, so thread-safe.
 */
public enum BackpressurePolicy
{
    /**
     * The default: wait until a consumer frees a slot, or until the bus closes.
     */
    WAIT,

    /**
     * Throw {@link BackpressureException} at once.
     */
    FAIL
}
