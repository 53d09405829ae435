/**
 * The in-process engine behind {@code io.ringbus.Ringbus}: one Disruptor ring per destination, consumers
 * polled by Agrona agents on a small shared pool of dispatcher threads.
 * <p>
 * <b>Publish.</b> A publisher claims a sequence (a CAS on the multi-producer cursor), then reads the bus's
 * {@code closed} flag, then writes and publishes the slot. {@code close()} writes the flag, fences (a cursor read is
 * only an acquire load), then reads every cursor. With a StoreLoad order on both sides, either the publisher sees the close and publishes a
 * tombstone (a {@code null} slot consumers skip) and throws, or the close sees the claim and waits for it to
 * be handled: an accepted event is never lost to a race with close.
 * <p>
 * <b>Single writer.</b> A topic declared {@code TopicOptions.singleWriter(true)} has a single-producer ring: the
 * claim is a plain increment that no other thread sees, and the cursor moves only at publication, so neither can
 * stand in for the CAS above. Instead the writer stores its claim in a padded {@code claimed} sequence with a
 * volatile write, then reads the {@code closed} flag; close reads {@code claimed} after its fenced flag write and
 * drains to the higher of it and the cursor. The volatile write orders the claim before the flag read, so the
 * Dekker pairing holds: one volatile store per publish (per batch for a batch) instead of a CAS, and no
 * availability flag per slot: a subscriber reads the single writer's cursor once per batch, as a Disruptor
 * {@code BatchEventProcessor} does. {@code SingleWriterCloseStress} forbids the lost outcome and fails when the
 * store is made a plain release store. A replay validates its copies against {@code claimed} where a
 * multi-producer ring offers the cursor: the claim is stored (then a release fence) before the slot is written.
 * The same volatile store serves the wake-up below: the mark reads come after it, and a dispatcher looking again
 * reads the claim, not only the cursor, so a subscriber whose writer has claimed stays ready until the slot is
 * published. The rule itself (one publishing thread at a time) is the user's; {@code ringbus.checkSingleWriter} makes
 * every publish check it with a CAS on the writer's thread and refuse an overlap.
 * <p>
 * <b>Batches.</b> A run of events is claimed with one {@code tryNext(n)} (all or nothing), written, and published
 * with one {@code publish(lo, hi)}; a translator that throws part-way makes the whole run tombstones.
 * <p>
 * <b>Full ring.</b> A waiting publisher spins, then yields, and starts over each time it sees the slowest
 * consumer move: a ring drained at speed never costs it a park; it backs off to parking only when the consumers
 * stall.
 * <p>
 * <b>Wake-up.</b> A dispatcher polls only the subscribers marked ready, so an event costs it the same whether it
 * serves one subscriber or thousands of idle ones. Each subscriber has a ready mark, a token: whoever raises it from
 * down to up (a CAS) pushes the subscriber onto its dispatcher's ready stack (a CAS on the stack's top; the stack is
 * linked through the subscribers, each on it at most once, so it needs no capacity and allocates nothing); only the
 * dispatcher lowers it. A publisher, after publishing, reads the mark of each subscriber of the destination and, only
 * if it is down, raises it and pushes: while a subscriber is busy, that is one read per event and no CAS. Each pass,
 * the dispatcher swaps the whole stack out and appends it, oldest first, to its run list, then gives each subscriber
 * on the list one batch in turn (at most 256 events, and at most a quarter of a topic's ring): one that stopped at its
 * batch limit goes to the back of the list with its mark up; one that drained lowers its mark, fences, then looks
 * again (its cursor, its upstream sequences, its replay, its closing flag), and if it finds work raises the mark again
 * by CAS and stays on the list (if that CAS fails, a publisher raised it and pushed it). The publisher's side is the
 * claim CAS on the cursor, then the mark read: with the dispatcher's mark store, fence, cursor read, that is a Dekker
 * pairing, so either the dispatcher sees the event or the publisher sees the mark down; an event is never left with
 * its subscriber idle. A mark is up from the subscriber's making until its dispatcher first takes it (so nothing polls
 * a subscriber still capturing its replay) and for good once it is detached. Close raises the mark too, so the
 * dispatcher detaches the subscriber at its next pass. A queue's send marks every consumer, as a topic's publish does,
 * so that competing consumers on other dispatchers take part. A single-writer ring has no claim CAS: its writer's volatile
 * store of the claim (see "Single writer") comes before the mark reads, and the dispatcher looks again at the claim.
 * <p>
 * A drained subscriber lingers: it stays on the run list with its mark up for 64 passes before it lowers the
 * mark (at most 8 subscribers of a dispatcher at a time, so that thousands of lately busy topics do not make
 * every pass long). While a publisher keeps pace with its subscriber (the subscriber drains each event before the next one),
 * lowering at once would make every publish pay a CAS on the mark and one on the ready stack, and the dispatcher
 * a fence; lingering makes it one read of the mark, as when the subscriber is busy. The lowering protocol is the
 * same after lingering; the jcstress tests build dispatchers that lower at once so that one pass reaches it.
 * <p>
 * An idle {@code BACKOFF} dispatcher spins, yields, then parks. Before parking it sets its {@code parked} flag,
 * fences and re-reads its ready stack; a publisher that pushed (a CAS) then reads the flag and unparks it: the
 * same Dekker pairing, so a parked dispatcher always wakes for a published event. A {@code BUSY_SPIN}
 * dispatcher spins 100 empty passes, then yields at each one: spinning for ever on a machine with fewer cores
 * than runnable threads keeps a publisher waiting for ring space (or the dispatcher holding that ring back) off
 * the core until the end of a time slice, and throughput falls to about a ring per time slice. jcstress:
 * {@code ReadyMarkStress}, {@code WakeUpStress}, {@code QueueReadyStress}.
 * <p>
 * <b>Queues.</b> Competing consumers claim one sequence at a time from a shared work sequence. Each consumer
 * publishes, before its claim CAS, the work value it saw, and lets go of it (a position above any sequence)
 * once done with the message, at the latest when its batch ends; the ring gates on those values and on the
 * work sequence, read first, so an unclaimed or in-flight message is never overwritten, and an idle consumer
 * holds neither the ring nor the queue's depth back. See {@code QueueGate}.
 * <p>
 * <b>Dependency ordering.</b> A topic subscriber made {@code after} others reads no further than the lowest of
 * their sequences. Every follower registers with each predecessor; a predecessor stores its progress, then,
 * only if it has registered followers, fences and marks them ready; a follower's dispatcher lowered its mark and
 * fenced before reading the predecessor's sequence: the same Dekker pairing. A subscriber nobody follows pays no
 * fence. Because that skip rests on a read the store may pass, each registration is acknowledged by the
 * predecessor's own thread, and a follower does not lower its mark before it has read the acknowledgement. See
 * {@code TopicSubscriber}; jcstress: {@code AfterWakeStress}, {@code AfterRegisterStress}.
 * <p>
 * <b>Replay.</b> Disruptor caches the lowest gating sequence, so a sequence added behind the cursor does not
 * reliably hold publishers back. A replaying subscriber is gated at the cursor like any other, then copies the
 * held slots behind it, validating each copy like a seqlock read (availability flag, copy, acquire fence,
 * cursor still less than a lap ahead). See {@code TopicSubscriber}.
 * <p>
 * <b>Slot mode.</b> Each slot keeps one mutable event made by the topic's factory; a translator fills it in
 * between claim and publication. A translator that throws leaves a tombstone, as a publish racing close does.
 * <p>
 * <b>Priorities.</b> Each priority in use is a lane: a ring with its own work sequence and gate. A consumer
 * tries the lanes highest first, one claim each, and holds a position in the lane it took from only;
 * priority 0 is the queue's own ring, so a queue without priorities polls one lane as before. A lane is
 * made on the first send of its priority: the queue publishes the new lanes, then raises a signal bit on each
 * consumer, in the word where close raises its own and which a consumer reads before every message anyway; a
 * consumer that sees it clears it, then reads the lanes again, so that even in the middle of a batch its next
 * take is of the highest priority available, a lane made a moment ago included. See {@code NewLaneStress}.
 * <p>
 * <b>Timer.</b> One {@code TimerAgent} per bus, started on first use: senders hand it tasks through a JCTools
 * MPSC queue, its thread arms them in an Agrona {@code DeadlineTimerWheel}. Delayed messages and retries are
 * put into their lane when due. A task finished elsewhere first (a cancel) is handed over once more as a notice,
 * so its timer is cancelled at once. Request timeouts are not tasks: the agent sweeps the pending requests when
 * the earliest deadline it knows of comes (see Requests).
 * <p>
 * <b>Requests.</b> A pooled {@code PendingRequest} travels through the address's ring to a responder, which
 * answers on its dispatcher thread and calls the requester's callback there. Its state is a generation and a
 * pending bit; one CAS on it decides which outcome (reply, responder failure, timeout, close) reaches the
 * callback. The responder side alone returns the entry to the pool. The timer holds no reference to it: it
 * sweeps the pool's registry when the earliest deadline it was told of comes, reading each pending entry's
 * fields after its state and keeping them only if a CAS from that same state wins, so an entry returned and
 * refilled meanwhile is never timed out with another request's deadline or callback. A requester makes its
 * entry pending (a volatile write), then reads the planned sweep time; only if its deadline is earlier does it
 * lower that time by CAS and wake the timer. The sweep empties the planned time before it reads the entries:
 * either it sees the new entry or the requester sees it must ask. So a request costs the timer nothing while
 * others with the same timeout are in flight, and an outcome leaves no timer behind.
 */
package io.ringbus.disruptor;
