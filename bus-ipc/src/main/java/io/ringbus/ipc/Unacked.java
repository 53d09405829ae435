package io.ringbus.ipc;

/**
 * A queue message sent to another process and not yet acknowledged, kept to reroute if that process is lost.
 */
record Unacked(SharedQueue<?> queue, Object message, long target)
{
}
