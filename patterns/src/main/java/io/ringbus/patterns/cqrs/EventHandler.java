package io.ringbus.patterns.cqrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a read model that applies one event type (its only parameter, or a supertype of the
 * events it takes): {@code void on(Deposited e)}. {@link Projection#annotated(Object)} routes each event to the
 * handler of its nearest type and skips events no method takes.
 * <p>
 * <b>Note:</b> read once; the method is then called on the projection's thread only.
 *
 * <pre>{@code
 * @EventHandler void on(Deposited event) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface EventHandler
{
}
