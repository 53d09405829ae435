/**
 * The Ringbus bench: an HdrHistogram latency harness and JMH benchmarks that measure Ringbus against its
 * peers (the hand-off floor, raw LMAX Disruptor, {@code ArrayBlockingQueue}, JCTools and Agrona queues, Guava,
 * greenrobot, MBassador, the Vert.x event bus) one after another in the same run, and write a report folder
 * (Markdown summary with ratio tables and goal checks, CSV, JSON, {@code .hgrm}, PNG plots).
 * <p>
 * <b>Adding a subject</b> (a new Ringbus path, or a peer): write one class implementing {@link
 * io.ringbus.bench.Subject} in {@code io.ringbus.bench.subjects} whose {@link io.ringbus.bench.Session} opens
 * either a {@link io.ringbus.bench.Link} (messages: used by the ping-pong, one-way and throughput scenarios) or a
 * {@link io.ringbus.bench.Requester} (request/reply: ping-pong and the JMH request benchmark), then add one line
 * to {@link io.ringbus.bench.SubjectRegistry} naming the scenarios that measure it. Nothing else changes: the
 * JMH benchmarks find subjects by id, the reports and ratio tables pick up every registered subject.
 * <p>
 * <b>Adding a scenario</b>: implement {@code Scenario} (or reuse {@code JmhScenario} with another topology) and
 * put it in {@code ScenarioRegistry} in place of its {@code PendingScenario}; add a goal to {@code Goals} if the
 * issue names one.
 */
package io.ringbus.bench;
