package io.ringbus.ipc;

import io.ringbus.api.Bus;
import io.ringbus.api.Handler;
import io.ringbus.api.Registration;
import io.ringbus.api.Responder;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.annotation.Consume;
import io.ringbus.api.annotation.Respond;
import io.ringbus.api.annotation.Subscribe;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Wires a listener whose annotated methods name shared queues or addresses: each method is bound once to a
 * {@link MethodHandle} and attached through the IPC bus's own {@code topic}/{@code queue}/{@code respond}, so that
 * shared names go through the transport. Listeners without shared names use the local engine's binder.
 * <p>
 * <b>Note:</b> stateless; thread-safe.
 */
final class SharedListenerBinder
{
    private SharedListenerBinder()
    {
    }

    static boolean needed(final AeronBus bus, final Object listener)
    {
        for (final Method m : annotatedMethods(listener.getClass()))
        {
            final Consume consume = m.getAnnotation(Consume.class);
            final Respond respond = m.getAnnotation(Respond.class);
            if (consume != null && bus.isShared(consume.queue()) ||
                respond != null && bus.isShared(respond.address()))
            {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Registration bind(final Bus bus, final Object listener)
    {
        final List<AutoCloseable> wired = new ArrayList<>();
        try
        {
            for (final Method m : annotatedMethods(listener.getClass()))
            {
                final MethodHandle handle = handle(m, listener);
                final Class type = box(m.getParameterTypes()[0]);
                final Subscribe subscribe = m.getAnnotation(Subscribe.class);
                final Consume consume = m.getAnnotation(Consume.class);
                final Respond respond = m.getAnnotation(Respond.class);
                if (subscribe != null)
                {
                    final Handler<Object> h = e -> call(handle, e);
                    final SubscribeOptions options =
                        SubscribeOptions.defaults().dedicatedThread(subscribe.dedicatedThread());
                    wired.add(subscribe.topic().isEmpty() ? bus.subscribe(type, h, options) :
                        bus.subscribe(subscribe.topic(), type, h, options));
                }
                else if (consume != null)
                {
                    final Handler<Object> h = e -> call(handle, e);
                    wired.add(bus.queue(consume.queue(), type)
                        .consume(h, SubscribeOptions.defaults().dedicatedThread(consume.dedicatedThread())));
                }
                else
                {
                    if (m.getReturnType() == void.class)
                    {
                        throw new IllegalArgumentException("@Respond method " + m + " must return the reply");
                    }
                    final Responder<Object, Object> r = q -> call(handle, q);
                    wired.add(bus.respond(respond.address(), type, r));
                }
            }
        }
        catch (final RuntimeException ex)
        {
            closeAll(wired);
            throw ex;
        }
        return () -> closeAll(wired);
    }

    private static Object call(final MethodHandle handle, final Object argument) throws Exception
    {
        try
        {
            return handle.invoke(argument);
        }
        catch (final Exception | Error ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new java.lang.reflect.UndeclaredThrowableException(ex);
        }
    }

    private static MethodHandle handle(final Method m, final Object listener)
    {
        if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 1)
        {
            throw new IllegalArgumentException("annotated method " + m +
                " must be an instance method with exactly one parameter");
        }
        try
        {
            m.setAccessible(true);
            final MethodHandle bound = MethodHandles.lookup().unreflect(m).bindTo(listener);
            return bound.asType(MethodType.methodType(Object.class, Object.class));
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            throw new IllegalArgumentException("annotated method " + m + " cannot be bound: " + ex, ex);
        }
    }

    private static Class<?> box(final Class<?> type)
    {
        return type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
    }

    /**
     * Annotated methods of the class, its superclasses and interfaces, the most derived declaration of each
     * signature first; an override without an annotation still answers through the annotated declaration.
     */
    private static List<Method> annotatedMethods(final Class<?> type)
    {
        final List<Method> found = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        final Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass())
        {
            collect(c, found, seen);
            interfaces.addAll(Arrays.asList(c.getInterfaces()));
        }
        final List<Class<?>> pending = new ArrayList<>(interfaces);
        for (int i = 0; i < pending.size(); i++)
        {
            collect(pending.get(i), found, seen);
            for (final Class<?> parent : pending.get(i).getInterfaces())
            {
                if (!pending.contains(parent))
                {
                    pending.add(parent);
                }
            }
        }
        return found;
    }

    private static void collect(final Class<?> c, final List<Method> found, final Set<String> seen)
    {
        for (final Method m : c.getDeclaredMethods())
        {
            if (m.isSynthetic() || m.isBridge())
            {
                continue;
            }
            final boolean annotated = m.isAnnotationPresent(Subscribe.class) || m.isAnnotationPresent(Consume.class) ||
                m.isAnnotationPresent(Respond.class);
            if (annotated && seen.add(m.getName() + Arrays.toString(m.getParameterTypes())))
            {
                found.add(m);
            }
        }
    }

    private static void closeAll(final List<AutoCloseable> wired)
    {
        RuntimeException failure = null;
        for (final AutoCloseable c : wired)
        {
            try
            {
                c.close();
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
