package io.ringbus.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that consumes from a queue as one of its competing consumers: {@code void on(Payment p)}.
 * The queue is created with the parameter's type if it does not exist.
 *
 * <pre>{@code
 * @Consume(queue = "payments") void charge(Payment p) { ... }
 * }</pre>
 * <p>
 * <b>Note:</b> read once, at {@code Bus.register}; the method is then called from a dispatcher thread, never
 * concurrently with itself.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Consume
{
    /**
     * The queue's name.
     *
     * @return the name.
     */
    String queue();

    /**
     * Whether the method gets a dispatcher thread of its own.
     *
     * @return {@code true} for a dedicated thread.
     */
    boolean dedicatedThread() default false;
}
