package io.ringbus.patterns.store;

import java.nio.file.Path;

class InMemoryEventStoreTest extends EventStoreContractTest
{
    @Override
    EventStore<Note> open(final Path directory)
    {
        return new InMemoryEventStore<>();
    }
}
