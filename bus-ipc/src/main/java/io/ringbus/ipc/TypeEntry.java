package io.ringbus.ipc;

import io.ringbus.api.codec.Codec;

/**
 * A type that travels between processes: its class, its wire type id and its codec.
 */
record TypeEntry(Class<?> type, int id, Codec<Object> codec)
{
}
