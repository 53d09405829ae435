package io.ringbus.patterns.cqrs;

import io.ringbus.api.Handler;
import io.ringbus.api.Responder;

import java.lang.annotation.Annotation;
import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaConversionException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Binds the annotated methods of an object once into plain {@link Responder}s (methods that return) or
 * {@link Handler}s (void methods), with {@link LambdaMetafactory} where it may spin a class for the method's
 * class, else a {@link MethodHandle} bound to the object: no reflection per call either way.
 * <p>
 * Methods of the object's class and its superclasses are scanned, the most-derived declaration of an overridden
 * method winning; each must be an instance method of one parameter.
 * <p>
 * <b>Note:</b> stateless and thread-safe.
 */
final class MethodBinder
{
    private static final MethodType RESPONDER_TYPE = MethodType.methodType(Object.class, Object.class);
    private static final MethodType HANDLER_TYPE = MethodType.methodType(void.class, Object.class);

    private MethodBinder()
    {
    }

    /**
     * One bound method.
     *
     * @param parameterType the type it takes, boxed.
     * @param returnType    what it returns, boxed; {@code void.class} for a handler.
     * @param responder     calls a method that returns, or {@code null}.
     * @param handler       calls a void method, or {@code null}.
     * @param description   {@code Class#method(Type)}, for messages.
     */
    record Bound(
        Class<?> parameterType, Class<?> returnType, Responder<Object, Object> responder, Handler<Object> handler,
        String description)
    {
    }

    /**
     * Bind every method of {@code target} carrying {@code annotation}.
     *
     * @param target      the object.
     * @param annotation  the annotation to look for.
     * @param mustBeVoid  {@code true} for event handlers, {@code false} for command and query handlers (which may
     *                    be void only if {@code voidAllowed}).
     * @param voidAllowed whether a non-event method may return nothing.
     * @return the bound methods, at least one.
     * @throws IllegalArgumentException naming the method and the rule, or if there is none.
     */
    static List<Bound> bind(
        final Object target,
        final Class<? extends Annotation> annotation,
        final boolean mustBeVoid,
        final boolean voidAllowed)
    {
        Objects.requireNonNull(target, "target");
        final String name = "@" + annotation.getSimpleName();
        final List<Bound> bound = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        for (Class<?> type = target.getClass(); type != null && type != Object.class; type = type.getSuperclass())
        {
            final Method[] methods = type.getDeclaredMethods();
            Arrays.sort(methods, Comparator.comparing(MethodBinder::describe));
            for (final Method method : methods)
            {
                if (method.isBridge() || method.isSynthetic())
                {
                    continue;
                }
                final String signature = method.getName() + Arrays.toString(method.getParameterTypes());
                final boolean overridden = !Modifier.isPrivate(method.getModifiers()) && !seen.add(signature);
                if (!method.isAnnotationPresent(annotation) || overridden)
                {
                    continue;
                }
                bound.add(bind(target, method, name, mustBeVoid, voidAllowed));
            }
        }
        if (bound.isEmpty())
        {
            throw new IllegalArgumentException(target.getClass().getName() + " has no " + name + " method");
        }
        return List.copyOf(bound);
    }

    private static Bound bind(
        final Object target,
        final Method method,
        final String name,
        final boolean mustBeVoid,
        final boolean voidAllowed)
    {
        final String where = describe(method);
        if (Modifier.isStatic(method.getModifiers()))
        {
            throw new IllegalArgumentException(where + " is static: " + name + " methods must be instance methods");
        }
        if (method.getParameterCount() != 1)
        {
            throw new IllegalArgumentException(
                where + " has " + method.getParameterCount() + " parameters: " + name + " methods take exactly one");
        }
        final boolean isVoid = void.class == method.getReturnType();
        if (mustBeVoid && !isVoid)
        {
            throw new IllegalArgumentException(where + " returns a value: " + name + " methods must return void");
        }
        if (!mustBeVoid && !voidAllowed && isVoid)
        {
            throw new IllegalArgumentException(where + " returns void: " + name + " methods must return the reply");
        }

        final MethodHandles.Lookup lookup;
        final MethodHandle handle;
        try
        {
            lookup = MethodHandles.privateLookupIn(method.getDeclaringClass(), MethodHandles.lookup());
            handle = lookup.unreflect(method);
        }
        catch (final IllegalAccessException ex)
        {
            throw new IllegalArgumentException(where + " is not accessible: open package " +
                method.getDeclaringClass().getPackageName() + " to the patterns module", ex);
        }
        final Class<?> parameterType = box(method.getParameterTypes()[0]);
        if (isVoid)
        {
            return new Bound(parameterType, void.class, null, handler(lookup, handle, target, parameterType), where);
        }
        final Class<?> returnType = box(method.getReturnType());
        return new Bound(parameterType, returnType, responder(lookup, handle, target, parameterType, returnType), null,
            where);
    }

    @SuppressWarnings("unchecked")
    private static Handler<Object> handler(
        final MethodHandles.Lookup lookup, final MethodHandle handle, final Object target, final Class<?> parameter)
    {
        final Object lambda = metafactory(lookup, "onEvent", Handler.class, HANDLER_TYPE, handle,
            MethodType.methodType(void.class, parameter), target);
        if (lambda != null)
        {
            return (Handler<Object>)lambda;
        }
        final MethodHandle bound = handle.bindTo(target).asType(HANDLER_TYPE);
        return event ->
        {
            try
            {
                bound.invokeExact(event);
            }
            catch (final Exception | Error ex)
            {
                throw ex;
            }
            catch (final Throwable ex)
            {
                throw new UndeclaredThrowableException(ex);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static Responder<Object, Object> responder(
        final MethodHandles.Lookup lookup,
        final MethodHandle handle,
        final Object target,
        final Class<?> parameter,
        final Class<?> returned)
    {
        final Object lambda = metafactory(lookup, "respond", Responder.class, RESPONDER_TYPE, handle,
            MethodType.methodType(returned, parameter), target);
        if (lambda != null)
        {
            return (Responder<Object, Object>)lambda;
        }
        final MethodHandle bound = handle.bindTo(target).asType(RESPONDER_TYPE);
        return request ->
        {
            try
            {
                return (Object)bound.invokeExact(request);
            }
            catch (final Exception | Error ex)
            {
                throw ex;
            }
            catch (final Throwable ex)
            {
                throw new UndeclaredThrowableException(ex);
            }
        };
    }

    /**
     * A lambda object calling the method on {@code target}, or {@code null} where the metafactory refuses (a
     * lookup without full privilege, a class loader that cannot see bus-api), so that the caller falls back to
     * the method handle.
     */
    private static Object metafactory(
        final MethodHandles.Lookup lookup,
        final String interfaceMethod,
        final Class<?> interfaceType,
        final MethodType erased,
        final MethodHandle handle,
        final MethodType instantiated,
        final Object target)
    {
        try
        {
            final MethodType factoryType = MethodType.methodType(interfaceType, handle.type().parameterType(0));
            final CallSite site = LambdaMetafactory.metafactory(
                lookup, interfaceMethod, factoryType, erased, handle, instantiated);
            return site.getTarget().invoke(target);
        }
        catch (final LambdaConversionException | LinkageError ex)
        {
            return null;
        }
        catch (final RuntimeException | Error ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("could not bind " + handle, ex);
        }
    }

    private static Class<?> box(final Class<?> type)
    {
        return type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
    }

    static String describe(final Method method)
    {
        final StringBuilder description = new StringBuilder()
            .append(method.getDeclaringClass().getName()).append('#').append(method.getName()).append('(');
        final Class<?>[] parameterTypes = method.getParameterTypes();
        for (int i = 0; i < parameterTypes.length; i++)
        {
            description.append(0 == i ? "" : ", ").append(parameterTypes[i].getTypeName());
        }
        return description.append(')').toString();
    }

    /**
     * A bus address for a type under a prefix: the class name with {@code $} and other characters the bus does
     * not take replaced by {@code -}, cut with a hash when too long.
     */
    static String address(final String prefix, final Class<?> type)
    {
        final StringBuilder address = new StringBuilder(prefix).append('.');
        for (final char c : type.getName().toCharArray())
        {
            final boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.');
            address.append(ok ? c : '-');
        }
        if (address.length() > 255)
        {
            final String hash = Integer.toHexString(type.getName().hashCode());
            address.setLength(255 - hash.length() - 1);
            while (address.charAt(address.length() - 1) == '.')
            {
                address.setLength(address.length() - 1);
            }
            address.append('-').append(hash);
        }
        return address.toString();
    }
}
