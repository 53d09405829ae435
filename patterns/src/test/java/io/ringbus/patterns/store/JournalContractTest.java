package io.ringbus.patterns.store;

import org.junit.jupiter.api.Nested;

import java.nio.file.Path;

/**
 * The contract over the journal, once per sync policy, with small segments so that appends roll segments.
 */
class JournalContractTest
{
    @Nested
    class EveryAppend extends EventStoreContractTest
    {
        @Override
        EventStore<Note> open(final Path directory)
        {
            return JournalEventStore.builder(directory, Note.CODEC).fsync(FsyncPolicy.EVERY_APPEND)
                .segmentSize(16 << 10).open();
        }
    }

    @Nested
    class Group extends EventStoreContractTest
    {
        @Override
        EventStore<Note> open(final Path directory)
        {
            return JournalEventStore.builder(directory, Note.CODEC).fsync(FsyncPolicy.GROUP)
                .segmentSize(16 << 10).open();
        }
    }

    @Nested
    class None extends EventStoreContractTest
    {
        @Override
        EventStore<Note> open(final Path directory)
        {
            return JournalEventStore.builder(directory, Note.CODEC).fsync(FsyncPolicy.NONE)
                .segmentSize(16 << 10).open();
        }
    }
}
