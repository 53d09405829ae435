package io.ringbus.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that receives events: {@code void on(OrderPlaced event)}.
 * <p>
 * Without {@link #topic()}, the method receives every event given to {@code Bus.publish(Object)} whose class
 * is the parameter's type or a subtype. With it, the method subscribes to that topic name or pattern.
 * The method must be an instance method with one parameter; it may be declared on a superclass or interface
 * of the listener and may be private if its package is open to Ringbus.
 *
 * <pre>{@code
 * class Audit {
 *     @Subscribe void on(OrderPlaced e) { ... }
 *     @Subscribe(topic = "orders.#") void onAnyOrder(Object e) { ... }
 * }
 * bus.register(new Audit());
 * }</pre>
 * <p>
 * <b>Note:</b> read once, at {@code Bus.register}; the method is then called from a dispatcher thread, never
 * concurrently with itself.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Subscribe
{
    /**
     * A topic name or pattern ({@code *} one segment, {@code #} zero or more); empty for type-addressed.
     *
     * @return the topic name or pattern.
     */
    String topic() default "";

    /**
     * Whether the method gets a dispatcher thread of its own.
     *
     * @return {@code true} for a dedicated thread.
     */
    boolean dedicatedThread() default false;
}
