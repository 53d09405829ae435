package io.ringbus.api;

/**
 * A {@link Translator} with two arguments, so that two values reach the slot without an object to carry them.
 * <p>
 * <b>Note:</b> called on the publishing thread between the claim and the publication of a slot; it must not
 * keep a reference to the slot after it returns.
 *
 * <pre>{@code
 * ticks.publish((slot, symbol, price) -> slot.set(symbol, price), "EURUSD", 1.0842);
 * }</pre>
 *
 * @param <E> type of the preallocated events.
 * @param <A> type of the first argument.
 * @param <B> type of the second argument.
 */
@FunctionalInterface
public interface BiTranslator<E, A, B>
{
    /**
     * Fill in a claimed slot. A translator that throws publishes nothing: the slot is skipped by every
     * subscriber and the exception reaches the publisher.
     *
     * @param slot the preallocated event to overwrite; every field may still hold an older event's value.
     * @param a    the first value passed to {@code publish}.
     * @param b    the second value passed to {@code publish}.
     */
    void translateTo(E slot, A a, B b);
}
