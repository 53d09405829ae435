package io.ringbus.api;

/**
 * Writes one argument into a preallocated event of a slot-mode topic, so that publishing allocates nothing:
 * the topic hands the translator the slot it claimed, the translator fills it in, the topic publishes it.
 * <p>
 * Prefer a static method reference or a non-capturing lambda, and pass the values as the argument: a lambda
 * that captures them is a new object on every publish.
 * <p>
 * <b>Note:</b> called on the publishing thread, between the claim of a slot and its publication, so it must be
 * quick and must not publish to the same topic. It must not keep a reference to the slot after it returns.
 *
 * <pre>{@code
 * static void price(Tick slot, double price) { slot.price = price; }
 * ticks.publish(Ticks::price, 1.0842);   // ticks declared with bus.topic("ticks", Tick.class, Tick::new)
 * }</pre>
 *
 * @param <E> type of the preallocated events.
 * @param <A> type of the argument.
 */
@FunctionalInterface
public interface Translator<E, A>
{
    /**
     * Fill in a claimed slot. A translator that throws publishes nothing: the slot is skipped by every
     * subscriber and the exception reaches the publisher.
     *
     * @param slot the preallocated event to overwrite; every field may still hold an older event's value.
     * @param arg  the value passed to {@code publish}.
     */
    void translateTo(E slot, A arg);
}
