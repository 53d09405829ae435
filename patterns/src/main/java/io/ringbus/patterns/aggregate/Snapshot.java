package io.ringbus.patterns.aggregate;

/**
 * An aggregate's state at a version, so that loading replays only the events after it.
 * <p>
 * <b>Note:</b> immutable if the state is.
 *
 * @param streamId the aggregate's stream.
 * @param version  the version the state reflects.
 * @param state    the state.
 * @param <S>      type of the state.
 */
public record Snapshot<S>(String streamId, long version, S state)
{
}
