package io.ringbus.support;

import io.ringbus.api.Handler;
import io.ringbus.api.Responder;
import io.ringbus.api.annotation.Consume;
import io.ringbus.api.annotation.Respond;
import io.ringbus.api.annotation.Subscribe;

import java.lang.annotation.Annotation;
import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaConversionException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.UndeclaredThrowableException;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns the {@link Subscribe}, {@link Consume} and {@link Respond} methods of a listener into {@link BoundMethod}s
 * for {@code Bus.register(Object)}, once, so that delivery never reflects. The one binder of every engine:
 * {@link Listeners#register} wires its bindings over the {@code Bus} verbs.
 * <p>
 * <b>Binding.</b> Each method is bound with {@link LambdaMetafactory} into a small class whose {@code onEvent} or
 * {@code respond} calls the method directly, which the JIT can inline like hand-written code. The metafactory
 * needs a lookup with full privilege in the method's class; a listener in another module (or in another class
 * loader's unnamed module) only grants a lookup without module access, or none at all for a public method in an
 * exported but not open package. Those methods keep their {@link MethodHandle}, bound to the listener and adapted
 * once to {@code (Object)} form, and each call is one {@code invokeExact}: slower to inline, but still no
 * reflection per event.
 * <p>
 * <b>Scanning.</b> Registration behaves as calling the listener would, so the scan follows Java's overriding
 * rules: a method and its overrides are one binding, bound to the most-derived declaration and dispatched
 * virtually; private methods, and package-private ones seen from another package, override nothing and stay
 * bindings of their own. The nearest annotated declaration decides (a class before its superclasses, classes
 * before interfaces, a subinterface before its superinterfaces), so a subclass may re-annotate what it inherits.
 * Type variables are resolved against the listener's class, so that {@code Listener<E>.on(E)} implemented by
 * {@code on(Price)} binds once, through {@code on(Price)}, with {@code Price} as its type; the erased bridge
 * {@code on(Object)} would otherwise subscribe to everything.
 * <p>
 * Each bound handler and responder is described in {@link HandlerDescriptions}, so that any engine's error
 * reports name the listener method rather than a lambda class.
 * <p>
 * <b>Note:</b> stateless and thread-safe.
 */
public final class ListenerBinder
{
    private static final MethodType HANDLER_TYPE = MethodType.methodType(void.class, Object.class);
    private static final MethodType RESPONDER_TYPE = MethodType.methodType(Object.class, Object.class);

    private ListenerBinder()
    {
    }

    /**
     * Bind every annotated method of a listener.
     *
     * @param listener the object whose methods receive events and requests.
     * @return one binding per annotated method, overrides counted once; never empty.
     * @throws NullPointerException     if {@code listener} is {@code null}.
     * @throws IllegalArgumentException naming the method and the rule, if a method cannot be bound, or if the
     *                                  listener has no annotated method at all.
     */
    public static List<BoundMethod> bind(final Object listener)
    {
        Objects.requireNonNull(listener, "listener");
        final Class<?> listenerClass = listener.getClass();
        final List<Class<?>> types = hierarchy(listenerClass);
        final Map<TypeVariable<?>, Type> typeArguments = typeArguments(types);

        final List<Slot> slots = new ArrayList<>();
        for (final Class<?> type : types)
        {
            final Method[] methods = type.getDeclaredMethods();
            // getDeclaredMethods has no defined order; a fixed one keeps registration order reproducible.
            Arrays.sort(methods, Comparator.comparing(ListenerBinder::describe));
            for (final Method method : methods)
            {
                scan(method, typeArguments, slots);
            }
        }

        final List<BoundMethod> bound = new ArrayList<>();
        for (final Slot slot : slots)
        {
            if (slot.annotation != null)
            {
                bound.add(bind(listener, slot, typeArguments));
            }
        }
        if (bound.isEmpty())
        {
            throw new IllegalArgumentException(
                listenerClass.getName() + " has no @Subscribe, @Consume or @Respond method");
        }

        return List.copyOf(bound);
    }

    private static void scan(
        final Method method, final Map<TypeVariable<?>, Type> typeArguments, final List<Slot> slots)
    {
        // Bridges carry copies of the annotations of the method they forward to; binding them would bind it twice.
        if (method.isBridge() || method.isSynthetic())
        {
            return;
        }

        final Annotation annotation = annotation(method);
        if (Modifier.isStatic(method.getModifiers()))
        {
            if (annotation != null)
            {
                throw new IllegalArgumentException(
                    describe(method) + " is static: @" + annotation.annotationType().getSimpleName() +
                    " methods must be instance methods of the listener");
            }
            return;
        }

        final Signature signature = signature(method, typeArguments);
        for (final Slot slot : slots)
        {
            if (slot.signature.equals(signature) && slot.isOverriddenAt(method))
            {
                slot.members.add(method);
                if (slot.annotation == null && annotation != null)
                {
                    slot.annotation = annotation;
                    slot.annotated = method;
                }
                return;
            }
        }
        slots.add(new Slot(method, signature, annotation));
    }

    private static Annotation annotation(final Method method)
    {
        final List<Annotation> found = new ArrayList<>(3);
        addIfPresent(found, method.getAnnotation(Subscribe.class));
        addIfPresent(found, method.getAnnotation(Consume.class));
        addIfPresent(found, method.getAnnotation(Respond.class));
        if (found.size() > 1)
        {
            final List<String> names = new ArrayList<>(found.size());
            for (final Annotation annotation : found)
            {
                names.add("@" + annotation.annotationType().getSimpleName());
            }
            throw new IllegalArgumentException(
                describe(method) + " carries " + String.join(" and ", names) +
                ": a method may carry only one of @Subscribe, @Consume or @Respond");
        }

        return found.isEmpty() ? null : found.get(0);
    }

    private static void addIfPresent(final List<Annotation> found, final Annotation annotation)
    {
        if (annotation != null)
        {
            found.add(annotation);
        }
    }

    private static BoundMethod bind(
        final Object listener, final Slot slot, final Map<TypeVariable<?>, Type> typeArguments)
    {
        final Method target = slot.target;
        final String where = describe(slot.annotated);
        final String annotationName = "@" + slot.annotation.annotationType().getSimpleName();
        if (1 != target.getParameterCount())
        {
            throw new IllegalArgumentException(
                where + " has " + target.getParameterCount() + " parameters: " + annotationName +
                " methods take exactly one, the " + (slot.annotation instanceof Respond ? "request" : "event"));
        }

        final BoundMethod.Kind kind;
        final String name;
        final boolean dedicatedThread;
        if (slot.annotation instanceof Subscribe subscribe)
        {
            final String topic = subscribe.topic();
            if (topic.isEmpty())
            {
                kind = BoundMethod.Kind.SUBSCRIBE_TYPE;
                name = null;
            }
            else if (topic.isBlank())
            {
                // A blank topic is surely a mistake, and an empty one would silently mean a type subscription.
                throw new IllegalArgumentException(
                    where + " has a blank @Subscribe topic: name the topic, or leave topic out to subscribe by type");
            }
            else
            {
                kind = BoundMethod.Kind.SUBSCRIBE_TOPIC;
                name = topic;
            }
            dedicatedThread = subscribe.dedicatedThread();
        }
        else if (slot.annotation instanceof Consume consume)
        {
            if (consume.queue().isBlank())
            {
                throw new IllegalArgumentException(where + " has a blank @Consume queue: name the queue");
            }
            kind = BoundMethod.Kind.CONSUME;
            name = consume.queue();
            dedicatedThread = consume.dedicatedThread();
        }
        else
        {
            final Respond respond = (Respond)slot.annotation;
            if (respond.address().isBlank())
            {
                throw new IllegalArgumentException(where + " has a blank @Respond address: name the address");
            }
            kind = BoundMethod.Kind.RESPOND;
            name = respond.address();
            dedicatedThread = false;
        }

        final Class<?> returned = target.getReturnType();
        if (BoundMethod.Kind.RESPOND == kind && void.class == returned)
        {
            throw new IllegalArgumentException(where + " returns void: @Respond methods must return the reply");
        }
        if (BoundMethod.Kind.RESPOND != kind && void.class != returned)
        {
            throw new IllegalArgumentException(
                where + " returns " + returned.getTypeName() + ": " + annotationName + " methods must return void");
        }

        final String description = describe(target);
        final Class<?> parameterType = box(slot.signature.parameterTypes().get(0));
        if (BoundMethod.Kind.RESPOND == kind)
        {
            final Class<?> returnType = box(erase(target.getGenericReturnType(), typeArguments));
            final Responder<Object, Object> responder = responder(listener, target, where);
            HandlerDescriptions.register(responder, description);
            return new BoundMethod(kind, name, parameterType, returnType, false, null, responder, description);
        }

        final Handler<Object> handler = handler(listener, target, where);
        HandlerDescriptions.register(handler, description);
        return new BoundMethod(kind, name, parameterType, void.class, dedicatedThread, handler, null, description);
    }

    @SuppressWarnings("unchecked")
    private static Handler<Object> handler(final Object listener, final Method target, final String where)
    {
        final MethodHandles.Lookup lookup = privateLookup(target);
        final MethodHandle method = unreflect(lookup != null ? lookup : MethodHandles.lookup(), target, where);
        if (lookup != null)
        {
            final MethodType instantiated = MethodType.methodType(void.class, box(method.type().parameterType(1)));
            final Object handler = metafactory(
                lookup, "onEvent", Handler.class, HANDLER_TYPE, method, instantiated, listener, where);
            if (handler != null)
            {
                return (Handler<Object>)handler;
            }
        }

        return new MethodHandleHandler(method.bindTo(listener).asType(HANDLER_TYPE));
    }

    @SuppressWarnings("unchecked")
    private static Responder<Object, Object> responder(final Object listener, final Method target, final String where)
    {
        final MethodHandles.Lookup lookup = privateLookup(target);
        final MethodHandle method = unreflect(lookup != null ? lookup : MethodHandles.lookup(), target, where);
        if (lookup != null)
        {
            final MethodType instantiated = MethodType.methodType(
                box(method.type().returnType()), box(method.type().parameterType(1)));
            final Object responder = metafactory(
                lookup, "respond", Responder.class, RESPONDER_TYPE, method, instantiated, listener, where);
            if (responder != null)
            {
                return (Responder<Object, Object>)responder;
            }
        }

        return new MethodHandleResponder(method.bindTo(listener).asType(RESPONDER_TYPE));
    }

    /**
     * A lookup with private access in the method's class, or {@code null} if its module does not open the
     * package to Ringbus; a public method of an exported package is still reachable without one.
     */
    private static MethodHandles.Lookup privateLookup(final Method target)
    {
        try
        {
            return MethodHandles.privateLookupIn(target.getDeclaringClass(), MethodHandles.lookup());
        }
        catch (final IllegalAccessException ex)
        {
            return null;
        }
    }

    private static MethodHandle unreflect(final MethodHandles.Lookup lookup, final Method target, final String where)
    {
        try
        {
            return lookup.unreflect(target);
        }
        catch (final IllegalAccessException ex)
        {
            throw new IllegalArgumentException(
                where + " is not accessible to Ringbus: make the method and its class public in an exported " +
                "package, or open package " + target.getDeclaringClass().getPackageName() + " to Ringbus", ex);
        }
    }

    /**
     * Spin a lambda class that calls {@code method} on {@code listener} and return its instance, or
     * {@code null} where the metafactory refuses, so that the caller falls back to the method handle.
     */
    private static Object metafactory(
        final MethodHandles.Lookup lookup,
        final String interfaceMethod,
        final Class<?> interfaceType,
        final MethodType erased,
        final MethodHandle method,
        final MethodType instantiated,
        final Object listener,
        final String where)
    {
        try
        {
            final MethodType factoryType = MethodType.methodType(interfaceType, method.type().parameterType(0));
            final CallSite site = LambdaMetafactory.metafactory(
                lookup, interfaceMethod, factoryType, erased, method, instantiated);
            return site.getTarget().invoke(listener);
        }
        catch (final LambdaConversionException | LinkageError ex)
        {
            // Refused for a lookup without full privilege (another module or class loader), or the lambda class,
            // defined in the listener's loader, cannot see bus-api: the method handle needs neither.
            return null;
        }
        catch (final RuntimeException | Error ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException(where + ": could not create its lambda", ex);
        }
    }

    /**
     * The listener's class, its superclasses below {@code Object}, then every interface, each subinterface
     * before its superinterfaces: the order in which the nearest annotation is looked for.
     */
    private static List<Class<?>> hierarchy(final Class<?> listenerClass)
    {
        final List<Class<?>> types = new ArrayList<>();
        final Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> type = listenerClass; type != null && type != Object.class; type = type.getSuperclass())
        {
            types.add(type);
            addInterfaces(type, interfaces);
        }

        final List<Class<?>> ordered = new ArrayList<>(interfaces);
        // A subinterface has strictly more superinterfaces than any of its own superinterfaces.
        final Map<Class<?>, Integer> depth = new HashMap<>();
        for (final Class<?> type : ordered)
        {
            final Set<Class<?>> supers = new LinkedHashSet<>();
            addInterfaces(type, supers);
            depth.put(type, supers.size());
        }
        ordered.sort(Comparator.comparing((Class<?> type) -> depth.get(type)).reversed());
        types.addAll(ordered);

        return types;
    }

    private static void addInterfaces(final Class<?> type, final Set<Class<?>> interfaces)
    {
        for (final Class<?> direct : type.getInterfaces())
        {
            if (interfaces.add(direct))
            {
                addInterfaces(direct, interfaces);
            }
        }
    }

    /**
     * What each type variable of the listener's supertypes stands for, as its subtypes declare it.
     */
    private static Map<TypeVariable<?>, Type> typeArguments(final List<Class<?>> types)
    {
        final Map<TypeVariable<?>, Type> arguments = new HashMap<>();
        for (final Class<?> type : types)
        {
            addTypeArguments(type.getGenericSuperclass(), arguments);
            for (final Type direct : type.getGenericInterfaces())
            {
                addTypeArguments(direct, arguments);
            }
        }

        return arguments;
    }

    private static void addTypeArguments(final Type supertype, final Map<TypeVariable<?>, Type> arguments)
    {
        if (supertype instanceof ParameterizedType parameterized)
        {
            final TypeVariable<?>[] variables = ((Class<?>)parameterized.getRawType()).getTypeParameters();
            final Type[] actual = parameterized.getActualTypeArguments();
            for (int i = 0; i < variables.length; i++)
            {
                arguments.put(variables[i], actual[i]);
            }
        }
    }

    private static Signature signature(final Method method, final Map<TypeVariable<?>, Type> typeArguments)
    {
        final Type[] generic = method.getGenericParameterTypes();
        final List<Class<?>> parameterTypes = new ArrayList<>(generic.length);
        for (final Type type : generic)
        {
            parameterTypes.add(erase(type, typeArguments));
        }

        return new Signature(method.getName(), List.copyOf(parameterTypes));
    }

    /**
     * The class a type stands for in the listener, type variables replaced by their arguments where the
     * listener's supertypes give them, else by their bound.
     */
    private static Class<?> erase(final Type type, final Map<TypeVariable<?>, Type> typeArguments)
    {
        if (type instanceof Class<?> raw)
        {
            return raw;
        }
        if (type instanceof ParameterizedType parameterized)
        {
            return (Class<?>)parameterized.getRawType();
        }
        if (type instanceof GenericArrayType array)
        {
            return erase(array.getGenericComponentType(), typeArguments).arrayType();
        }
        if (type instanceof TypeVariable<?> variable)
        {
            final Type argument = typeArguments.get(variable);
            return erase(argument != null ? argument : variable.getBounds()[0], typeArguments);
        }
        if (type instanceof WildcardType wildcard)
        {
            return erase(wildcard.getUpperBounds()[0], typeArguments);
        }

        return Object.class;
    }

    private static Class<?> box(final Class<?> type)
    {
        return type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
    }

    private static String describe(final Method method)
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
     * A method's name and its parameter types as the listener sees them, type variables resolved: what decides
     * whether one declaration overrides another.
     */
    private record Signature(String name, List<Class<?>> parameterTypes)
    {
    }

    /**
     * One method of the listener as the JVM would dispatch it: its most-derived declaration and every
     * declaration it overrides, with the nearest annotation among them.
     */
    private static final class Slot
    {
        private final Method target;
        private final Signature signature;
        private final List<Method> members = new ArrayList<>();
        private Annotation annotation;
        private Method annotated;

        private Slot(final Method target, final Signature signature, final Annotation annotation)
        {
            this.target = target;
            this.signature = signature;
            this.annotation = annotation;
            this.annotated = annotation != null ? target : null;
            members.add(target);
        }

        /**
         * Whether a declaration further up the hierarchy is overridden by one already in this slot: directly,
         * or through another (JVMS 5.4.5), which is how a package-private method is overridden from another
         * package by way of a public override in its own.
         */
        private boolean isOverriddenAt(final Method base)
        {
            final int modifiers = base.getModifiers();
            if (Modifier.isPrivate(modifiers))
            {
                return false;
            }
            for (final Method derived : members)
            {
                if (derived.getDeclaringClass() != base.getDeclaringClass() &&
                    !Modifier.isPrivate(derived.getModifiers()) &&
                    (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers) || samePackage(derived, base)))
                {
                    return true;
                }
            }

            return false;
        }

        private static boolean samePackage(final Method one, final Method other)
        {
            final Class<?> oneClass = one.getDeclaringClass();
            final Class<?> otherClass = other.getDeclaringClass();
            return oneClass.getClassLoader() == otherClass.getClassLoader() &&
                oneClass.getPackageName().equals(otherClass.getPackageName());
        }
    }

    /**
     * Calls a listener method through its handle where no lambda class could be spun for it.
     */
    private static final class MethodHandleHandler implements Handler<Object>
    {
        /**
         * {@code (Object)void}, listener bound: the exact shape {@code invokeExact} below is compiled to.
         */
        private final MethodHandle method;

        private MethodHandleHandler(final MethodHandle method)
        {
            this.method = method;
        }

        @Override
        public void onEvent(final Object event) throws Exception
        {
            try
            {
                method.invokeExact(event);
            }
            catch (final Exception | Error ex)
            {
                throw ex;
            }
            catch (final Throwable ex)
            {
                throw new UndeclaredThrowableException(ex);
            }
        }
    }

    /**
     * Calls a responder method through its handle where no lambda class could be spun for it.
     */
    private static final class MethodHandleResponder implements Responder<Object, Object>
    {
        /**
         * {@code (Object)Object}, listener bound: the exact shape {@code invokeExact} below is compiled to.
         */
        private final MethodHandle method;

        private MethodHandleResponder(final MethodHandle method)
        {
            this.method = method;
        }

        @Override
        public Object respond(final Object request) throws Exception
        {
            try
            {
                return (Object)method.invokeExact(request);
            }
            catch (final Exception | Error ex)
            {
                throw ex;
            }
            catch (final Throwable ex)
            {
                throw new UndeclaredThrowableException(ex);
            }
        }
    }
}
