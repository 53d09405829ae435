/**
 * Commands, queries and read models over a {@link io.ringbus.api.Bus}: a {@link io.ringbus.patterns.cqrs.CommandBus}
 * with exactly one handler per command type, a {@link io.ringbus.patterns.cqrs.QueryBus} answering from read
 * models, and {@link io.ringbus.patterns.cqrs.Projection}s that keep read models up to date from the event store.
 * Handlers may be lambdas or annotated methods ({@link io.ringbus.patterns.cqrs.CommandHandler},
 * {@link io.ringbus.patterns.cqrs.QueryHandler}, {@link io.ringbus.patterns.cqrs.EventHandler}), bound once with
 * {@code LambdaMetafactory} so that no call reflects.
 */
package io.ringbus.patterns.cqrs;
