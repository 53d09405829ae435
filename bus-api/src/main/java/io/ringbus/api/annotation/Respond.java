package io.ringbus.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that answers requests at an address; its return value is the reply:
 * {@code Status status(String orderId)}.
 *
 * <pre>{@code
 * @Respond(address = "order.status") OrderStatus status(String orderId) { ... }
 * }</pre>
 * <p>
 * <b>Note:</b> read once, at {@code Bus.register}; the method is then called from a dispatcher thread, never
 * concurrently with itself.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Respond
{
    /**
     * The address answered.
     *
     * @return the address.
     */
    String address();
}
