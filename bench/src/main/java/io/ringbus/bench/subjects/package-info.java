/**
 * The subjects the bench measures, one small class each: Ringbus paths ({@code ringbus-*}) and the peers.
 * Every bounded subject uses the same capacity ({@link io.ringbus.bench.subjects.Bounds#CAPACITY}); each is
 * registered with its scenarios in {@link io.ringbus.bench.SubjectRegistry}.
 */
package io.ringbus.bench.subjects;
