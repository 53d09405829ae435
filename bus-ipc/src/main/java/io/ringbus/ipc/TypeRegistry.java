package io.ringbus.ipc;

import io.ringbus.api.codec.Codec;
import io.ringbus.api.codec.Codecs;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The types this bus sends and receives: each class's wire type id and codec, registered once.
 * <p>
 * <b>Note:</b> thread-safe; registration locks {@code typesByClass}, the receiver reads {@code typesById}.
 */
final class TypeRegistry
{
    private final ConcurrentHashMap<Class<?>, TypeEntry> typesByClass = new ConcurrentHashMap<>();
    // copy-on-write, never changed once published: the receiver reads them per frame without boxing the key
    volatile Int2ObjectHashMap<TypeEntry> typesById = new Int2ObjectHashMap<>();
    private final Map<Class<?>, Codec<?>> codecs;

    TypeRegistry(final Map<Class<?>, Codec<?>> codecs)
    {
        this.codecs = codecs;
    }

    boolean hasCodec(final Class<?> type)
    {
        return typesByClass.containsKey(type) || codecs.containsKey(type) ||
            (type != Object.class && !type.isInterface() && Codecs.hasBuiltIn(type));
    }

    @SuppressWarnings("unchecked")
    TypeEntry register(final Class<?> type)
    {
        final Class<?> boxed = type.isPrimitive() ? java.lang.invoke.MethodType.methodType(type).wrap().returnType() : type;
        final TypeEntry existing = typesByClass.get(boxed);
        if (existing != null)
        {
            return existing;
        }
        synchronized (typesByClass)
        {
            final TypeEntry again = typesByClass.get(boxed);
            if (again != null)
            {
                return again;
            }
            final Codec<?> given = codecs.get(boxed);
            final Codec<Object> codec = (Codec<Object>)(given != null ? given : Codecs.of(boxed));
            final TypeEntry entry = new TypeEntry(boxed, FrameDescriptor.typeId(boxed), codec);
            final TypeEntry clash = typesById.get(entry.id());
            if (clash != null)
            {
                throw new IllegalArgumentException(boxed.getName() + " has the same wire type id as " +
                    clash.type().getName() + "; rename one of them");
            }
            final Int2ObjectHashMap<TypeEntry> next = new Int2ObjectHashMap<>();
            next.putAll(typesById);
            next.put(entry.id(), entry);
            typesById = next;
            typesByClass.put(boxed, entry);
            return entry;
        }
    }
}
