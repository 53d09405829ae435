package io.ringbus.ipc;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A request address shared across processes: its wire id, its request type and who responds to it.
 */
final class SharedAddress
{
    final String name;
    final int id;
    final TypeEntry requestType;
    final Members members;
    final AtomicInteger localResponders = new AtomicInteger();

    SharedAddress(final String name, final int id, final TypeEntry requestType, final Members members)
    {
        this.name = name;
        this.id = id;
        this.requestType = requestType;
        this.members = members;
    }

    @Override
    public String toString()
    {
        return "address '" + name + "'";
    }
}
