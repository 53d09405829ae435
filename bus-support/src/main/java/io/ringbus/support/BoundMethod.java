package io.ringbus.support;

import io.ringbus.api.Handler;
import io.ringbus.api.Responder;

/**
 * One annotated listener method, resolved and bound at registration so that delivery calls a plain
 * {@link Handler} or {@link Responder} and never reflects.
 * <p>
 * <b>Note:</b> internal (see the package documentation); immutable; the handler or responder it carries is as
 * thread-safe as the listener method.
 *
 * @param kind            which annotation bound the method, and so which kind of destination it attaches to.
 * @param name            the topic name or pattern, queue name or address; {@code null} for
 *                        {@link Kind#SUBSCRIBE_TYPE}. Not yet validated: the engine checks the syntax where it
 *                        creates the destination.
 * @param parameterType   the event or request type, primitives boxed, type variables resolved against the
 *                        listener's class; the engine routes only instances of it to the binding.
 * @param returnType      the reply type for {@link Kind#RESPOND}, primitives boxed; {@code void.class} otherwise.
 * @param dedicatedThread whether the method asked for a dispatcher thread of its own.
 * @param handler         the bound method for the {@code SUBSCRIBE_*} and {@code CONSUME} kinds, else {@code null}.
 * @param responder       the bound method for {@link Kind#RESPOND}, else {@code null}.
 * @param description     {@code com.foo.Audit#on(com.foo.OrderPlaced)}, for error messages and reports.
 */
public record BoundMethod(
    Kind kind,
    String name,
    Class<?> parameterType,
    Class<?> returnType,
    boolean dedicatedThread,
    Handler<Object> handler,
    Responder<Object, Object> responder,
    String description)
{
    /**
     * The annotation a method was bound from.
     */
    public enum Kind
    {
        /**
         * {@code @Subscribe} without a topic: reached by {@code Bus.publish} for the parameter type and subtypes.
         */
        SUBSCRIBE_TYPE,

        /**
         * {@code @Subscribe(topic = ...)}: a topic name or pattern.
         */
        SUBSCRIBE_TOPIC,

        /**
         * {@code @Consume(queue = ...)}: a competing consumer.
         */
        CONSUME,

        /**
         * {@code @Respond(address = ...)}: answers requests.
         */
        RESPOND
    }
}
