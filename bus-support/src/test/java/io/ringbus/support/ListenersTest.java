package io.ringbus.support;

import io.ringbus.api.Bus;
import io.ringbus.api.Queue;
import io.ringbus.api.Registration;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Subscription;
import io.ringbus.api.annotation.Consume;
import io.ringbus.api.annotation.Respond;
import io.ringbus.api.annotation.Subscribe;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link Listeners#register} attaches through the public verbs of whatever bus it is given, with the types the
 * binder resolved, and all or nothing: a bus that records the calls stands in for an engine.
 */
class ListenersTest
{
    record Price(String symbol)
    {
    }

    interface Desk<E>
    {
        @Consume(queue = "work", dedicatedThread = true)
        void work(E event);

        @Subscribe(topic = "quotes.*")
        void quote(E event);

        @Subscribe
        void any(E event);

        @Respond(address = "ask")
        String ask(E request);
    }

    static final class PriceDesk implements Desk<Price>
    {
        @Override
        public void work(final Price event)
        {
        }

        @Override
        public void quote(final Price event)
        {
        }

        @Override
        public void any(final Price event)
        {
        }

        @Override
        public String ask(final Price request)
        {
            return request.symbol();
        }
    }

    @Test
    void eachAnnotatedMethodGoesThroughItsVerbWithTheResolvedTypesOnce() throws Exception
    {
        final RecordingBus recording = new RecordingBus(null);
        final Registration registration = Listeners.register(recording.bus, new PriceDesk());

        // in the binder's fixed order: by declaring class, then by method signature (any, ask, quote, work)
        assertEquals(List.of(
            "subscribe " + Price.class.getName(),
            "respond ask " + Price.class.getName() + " -> java.lang.String",
            "subscribe quotes.* " + Price.class.getName(),
            "queue work " + Price.class.getName(),
            "consume dedicatedThread=true"), recording.calls);
        assertEquals(0, recording.closed.size());

        registration.close();
        assertEquals(4, recording.closed.size());
    }

    @Test
    void aVerbThatThrowsDetachesWhatWasAttachedBeforeAndPropagates()
    {
        final IllegalArgumentException refusal = new IllegalArgumentException("queue 'work' is a topic");
        final RecordingBus recording = new RecordingBus(refusal);

        final IllegalArgumentException thrown = assertThrows(
            IllegalArgumentException.class, () -> Listeners.register(recording.bus, new PriceDesk()));

        assertSame(refusal, thrown);
        assertEquals(3, recording.closed.size(), () -> "attached before the queue: " + recording.calls);
    }

    @Test
    void aListenerWithoutAnnotatedMethodsIsRefusedBeforeTheBusIsTouched()
    {
        final RecordingBus recording = new RecordingBus(null);
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> Listeners.register(recording.bus, new Object()));

        assertEquals("java.lang.Object has no @Subscribe, @Consume or @Respond method", ex.getMessage());
        assertEquals(List.of(), recording.calls);
    }

    /**
     * A {@link Bus} that records the verbs called on it; {@code queue} throws {@code queueFailure} if given.
     */
    private static final class RecordingBus
    {
        final List<String> calls = new ArrayList<>();
        final List<String> closed = new ArrayList<>();
        final Bus bus;

        RecordingBus(final RuntimeException queueFailure)
        {
            bus = proxy(Bus.class, (method, args) ->
            {
                switch (method.getName())
                {
                    case "subscribe" ->
                    {
                        final boolean named = args[0] instanceof String;
                        calls.add("subscribe " + (named ? args[0] + " " : "") + name(args[named ? 1 : 0]));
                        return closeable(Subscription.class, method.getName());
                    }
                    case "queue" ->
                    {
                        if (queueFailure != null)
                        {
                            throw queueFailure;
                        }
                        calls.add("queue " + args[0] + " " + name(args[1]));
                        return proxy(Queue.class, (consume, options) ->
                        {
                            calls.add("consume dedicatedThread=" + ((SubscribeOptions)options[1]).dedicatedThread());
                            return closeable(Subscription.class, "consume");
                        });
                    }
                    case "respond" ->
                    {
                        calls.add("respond " + args[0] + " " + name(args[1]) + " -> " + name(args[2]));
                        return closeable(Registration.class, "respond");
                    }
                    default -> throw new AssertionError("unexpected verb " + method);
                }
            });
        }

        private <T> T closeable(final Class<T> type, final String what)
        {
            return proxy(type, (method, args) ->
            {
                closed.add(what);
                return null;
            });
        }

        private static String name(final Object type)
        {
            return ((Class<?>)type).getName();
        }
    }

    private interface Calls
    {
        Object call(Method method, Object[] args);
    }

    private static <T> T proxy(final Class<T> type, final Calls calls)
    {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) ->
        {
            if (method.getDeclaringClass() == Object.class)
            {
                return switch (method.getName())
                {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> type.getSimpleName() + " proxy";
                };
            }
            return calls.call(method, args);
        }));
    }
}
