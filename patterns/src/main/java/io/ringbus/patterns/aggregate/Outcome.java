package io.ringbus.patterns.aggregate;

import java.util.List;

/**
 * What handling one command did.
 * <p>
 * <b>Note:</b> immutable if the state and events are.
 *
 * @param streamId the aggregate's stream.
 * @param state    the state after the new events.
 * @param version  the stream's version after the append.
 * @param position the global position of the last new event, for read-your-writes; -1 when the command decided
 *                 no event.
 * @param events   the events appended, possibly none.
 * @param attempts how many times the command was decided (more than one after concurrency conflicts).
 * @param <S>      type of the state.
 * @param <E>      type of the events.
 */
public record Outcome<S, E>(String streamId, S state, long version, long position, List<E> events, int attempts)
{
}
