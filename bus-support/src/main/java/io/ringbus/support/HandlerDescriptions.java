package io.ringbus.support;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What each handler bound from an annotated method is, for people reading error reports:
 * {@code com.foo.Audit#on(com.foo.OrderPlaced)} rather than the name of a spun lambda class. Filled by
 * {@link ListenerBinder}; read by the engines where they describe a failing handler.
 * <p>
 * <b>Note:</b> thread-safe; used when binding listeners and on error paths, never per event.
 */
public final class HandlerDescriptions
{
    /** Weak keys compared by identity (handlers do not override equals): a closed listener's entry goes. */
    private static final Map<Object, String> DESCRIPTIONS = Collections.synchronizedMap(new WeakHashMap<>());

    private HandlerDescriptions()
    {
    }

    /**
     * Remember what a handler or responder stands for.
     *
     * @param handler     the bound handler or responder.
     * @param description the listener method it calls.
     */
    public static void register(final Object handler, final String description)
    {
        DESCRIPTIONS.put(handler, description);
    }

    /**
     * @param handler a handler or responder, or {@code null}.
     * @return the description it was registered with, or {@code null} if it was not bound from a listener.
     */
    public static String of(final Object handler)
    {
        return handler == null ? null : DESCRIPTIONS.get(handler);
    }
}
