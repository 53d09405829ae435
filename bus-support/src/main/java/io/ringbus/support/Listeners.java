package io.ringbus.support;

import io.ringbus.api.Bus;
import io.ringbus.api.Registration;
import io.ringbus.api.Responder;
import io.ringbus.api.SubscribeOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code Bus.register(Object)} once for every engine: the listener's methods are bound by {@link ListenerBinder}
 * and attached through the bus's own public verbs, so that an engine which routes some names elsewhere (the IPC
 * bus's shared destinations) wires annotated methods exactly as it wires handlers given by hand.
 * <ul>
 *   <li>{@code @Subscribe}: {@link Bus#subscribe(Class, io.ringbus.api.Handler, SubscribeOptions)}, or with a
 *   topic {@link Bus#subscribe(String, Class, io.ringbus.api.Handler, SubscribeOptions)};</li>
 *   <li>{@code @Consume}: {@link Bus#queue(String, Class)} then
 *   {@link io.ringbus.api.Queue#consume(io.ringbus.api.Handler, SubscribeOptions)};</li>
 *   <li>{@code @Respond}: {@link Bus#respond(String, Class, Class, io.ringbus.api.Responder)}, so that the bus
 *   knows the reply type.</li>
 * </ul>
 * <b>Note:</b> stateless; thread-safe as the bus's verbs are.
 */
public final class Listeners
{
    private Listeners()
    {
    }

    /**
     * Bind every annotated method of a listener and attach it to the bus; all or nothing.
     *
     * @param bus      the bus to attach to.
     * @param listener the object whose methods receive events and requests.
     * @return one registration for all the listener's methods; closing it detaches each.
     * @throws NullPointerException     if {@code listener} is {@code null}.
     * @throws IllegalArgumentException naming the method and the rule, if a method cannot be bound, or as the
     *                                  bus's verbs throw; what was attached before the failure is detached.
     */
    public static Registration register(final Bus bus, final Object listener)
    {
        final List<BoundMethod> methods = ListenerBinder.bind(listener);
        final List<AutoCloseable> wired = new ArrayList<>(methods.size());
        try
        {
            for (final BoundMethod method : methods)
            {
                wired.add(wire(bus, method));
            }
        }
        catch (final RuntimeException ex)
        {
            try
            {
                closeAll(wired);
            }
            catch (final RuntimeException unwiring)
            {
                ex.addSuppressed(unwiring);
            }
            throw ex;
        }

        return () -> closeAll(wired);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static AutoCloseable wire(final Bus bus, final BoundMethod method)
    {
        final SubscribeOptions options = SubscribeOptions.defaults().dedicatedThread(method.dedicatedThread());
        final Class type = method.parameterType();
        final Class replyType = method.returnType();
        return switch (method.kind())
        {
            case SUBSCRIBE_TYPE -> bus.subscribe(type, method.handler(), options);
            case SUBSCRIBE_TOPIC -> bus.subscribe(method.name(), type, method.handler(), options);
            case CONSUME -> bus.queue(method.name(), type).consume(method.handler(), options);
            case RESPOND -> bus.respond(method.name(), type, replyType, (Responder)method.responder());
        };
    }

    private static void closeAll(final List<AutoCloseable> wired)
    {
        RuntimeException failure = null;
        for (final AutoCloseable closeable : wired)
        {
            try
            {
                closeable.close();
            }
            catch (final Exception ex)
            {
                if (failure == null)
                {
                    failure = new IllegalStateException("unwiring a listener failed", ex);
                }
                else
                {
                    failure.addSuppressed(ex);
                }
            }
        }
        if (failure != null)
        {
            throw failure;
        }
    }
}
