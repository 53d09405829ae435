package io.ringbus.patterns.cqrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that handles one command type, its only parameter: {@code Receipt handle(Deposit c)}. Its
 * return value (or {@code null} for {@code void}) completes the sender's future; an exception, such as a
 * {@link CommandRejectedException}, fails it.
 * <p>
 * <b>Note:</b> read once, at {@link CommandBus#register(Object)}; the method is then called on a bus dispatcher
 * thread, never concurrently with itself.
 *
 * <pre>{@code
 * @CommandHandler Receipt handle(Deposit deposit) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CommandHandler
{
}
