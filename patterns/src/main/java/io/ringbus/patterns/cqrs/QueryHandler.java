package io.ringbus.patterns.cqrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that answers one query type, its only parameter, from a read model:
 * {@code Balance balance(GetBalance q)}. The return value is the reply and must not be {@code null}.
 * <p>
 * <b>Note:</b> read once, at {@link QueryBus#register(Object)}; the method is then called on a bus dispatcher
 * thread, never concurrently with itself, but concurrently with the projection that updates the read model.
 *
 * <pre>{@code
 * @QueryHandler Balance balance(GetBalance query) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface QueryHandler
{
}
