package io.ringbus.patterns.cqrs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MethodBinderTest
{
    static class Base
    {
        @QueryHandler
        String answer(final Integer q)
        {
            return "base " + q;
        }
    }

    static final class Derived extends Base
    {
        @Override
        @QueryHandler
        String answer(final Integer q)
        {
            return "derived " + q;
        }

        @QueryHandler
        private int length(final String s)
        {
            return s.length();
        }
    }

    @Test
    void bindsWithTheMetafactoryInTheTargetsClassAndOverridesOnce() throws Exception
    {
        final List<MethodBinder.Bound> bound = MethodBinder.bind(new Derived(), QueryHandler.class, false, false);
        assertEquals(2, bound.size(), bound.toString());
        for (final MethodBinder.Bound method : bound)
        {
            // A spun lambda class lives next to the method's class; the method-handle fallback is MethodBinder's.
            assertTrue(method.responder().getClass().getName().startsWith(Derived.class.getName() + "$$Lambda"),
                method.responder().getClass().getName());
        }
        final MethodBinder.Bound answer = bound.stream().filter(b -> b.parameterType() == Integer.class).findFirst()
            .orElseThrow();
        assertEquals("derived 7", answer.responder().respond(7));
        final MethodBinder.Bound length = bound.stream().filter(b -> b.parameterType() == String.class).findFirst()
            .orElseThrow();
        assertEquals(Integer.class, length.returnType());
        assertEquals(3, length.responder().respond("abc"));
    }

    static final class VoidQuery
    {
        @QueryHandler
        void nothing(final String s)
        {
        }
    }

    static final class StaticHandler
    {
        @EventHandler
        static void on(final String s)
        {
        }
    }

    @Test
    void refusesWhatCannotBeBound()
    {
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> MethodBinder.bind(new VoidQuery(), QueryHandler.class, false, false)).getMessage()
            .contains("must return the reply"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> MethodBinder.bind(new StaticHandler(), EventHandler.class, true, true)).getMessage()
            .contains("is static"));
    }

    @Test
    void addressesAreValidBusNames()
    {
        assertEquals("commands.io.ringbus.patterns.cqrs.MethodBinderTest-VoidQuery",
            MethodBinder.address("commands", VoidQuery.class));
        assertTrue(MethodBinder.address("q", String.class).length() <= 255);
    }
}
