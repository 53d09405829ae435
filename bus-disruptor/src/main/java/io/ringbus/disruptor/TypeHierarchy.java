package io.ringbus.disruptor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Every type an object of a class is an instance of: the class, its superclasses, and all their interfaces.
 */
final class TypeHierarchy
{
    private TypeHierarchy()
    {
    }

    static Set<Class<?>> of(final Class<?> type)
    {
        final Set<Class<?>> types = new LinkedHashSet<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass())
        {
            types.add(c);
        }
        final Deque<Class<?>> pending = new ArrayDeque<>(types);
        while (!pending.isEmpty())
        {
            for (final Class<?> i : pending.poll().getInterfaces())
            {
                if (types.add(i))
                {
                    pending.add(i);
                }
            }
        }
        return types;
    }
}
