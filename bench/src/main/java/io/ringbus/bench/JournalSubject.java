package io.ringbus.bench;

import java.nio.file.Path;

/**
 * A subject of the {@code journal} scenario: a durable event store measured on disk, in a scratch folder the
 * scenario makes (inside the report folder, so on the disk the report is on) and deletes afterwards.
 * <p>
 * <b>Note:</b> implementations are stateless factories, safe to share.
 */
public interface JournalSubject extends Subject
{
    /**
     * Runs the measurement.
     *
     * @param scratch      an empty folder of its own, deleted by the caller.
     * @param seconds      how long an append run lasts.
     * @param replayEvents how many events a replay run writes and reads back.
     * @return events per second and what the reader must know.
     * @throws Exception when the store fails.
     */
    Rate measure(Path scratch, double seconds, int replayEvents) throws Exception;

    /**
     * A measured rate.
     *
     * @param perSecond events per second.
     * @param note      how it was measured (threads, counts, other rates), or empty.
     */
    record Rate(double perSecond, String note)
    {
    }
}
