package io.ringbus.patterns.aggregate;

/**
 * An aggregate's state as loaded, with the stream version it reflects.
 * <p>
 * <b>Note:</b> immutable if the state is.
 *
 * @param streamId the aggregate's stream.
 * @param state    the state after every event up to {@code version}.
 * @param version  the stream version, {@code ExpectedVersion.NO_STREAM} (-1) for a new aggregate.
 * @param <S>      type of the state.
 */
public record Aggregate<S>(String streamId, S state, long version)
{
}
