package io.ringbus.api;

/**
 * Writes a {@code long} into a preallocated event of a slot-mode topic: the primitive form of {@link Translator},
 * so that publishing a number neither boxes it nor captures it in a lambda.
 * <p>
 * <b>Note:</b> called on the publishing thread between the claim of a slot and its publication; the same rules
 * as for {@link Translator} apply.
 *
 * <pre>{@code
 * static final LongTranslator<Tick> PRICE = (slot, micros) -> slot.priceMicros = micros;
 * ticks.publish(PRICE, 1_084_200L);   // ticks declared with bus.topic("ticks", Tick.class, Tick::new)
 * }</pre>
 *
 * @param <E> type of the preallocated events.
 */
@FunctionalInterface
public interface LongTranslator<E>
{
    /**
     * Fill in a claimed slot. A translator that throws publishes nothing: the slot is skipped by every
     * subscriber and the exception reaches the publisher.
     *
     * @param slot  the preallocated event to overwrite; every field may still hold an older event's value.
     * @param value the value passed to {@code publish}.
     */
    void translateTo(E slot, long value);
}
