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
 * The rule itself (one publishing thread at a time) is the user's; {@code ringbus.checkSingleWriter} makes
 * every publish check it with a CAS on the writer's thread and refuse an overlap.
 * <p>
 * <b>Batches.</b> A run of events is claimed with one {@code tryNext(n)} (all or nothing), written, and published
 * with one {@code publish(lo, hi)}; a translator that throws part-way makes the whole run tombstones.
 * <p>
 * <b>Full ring.</b> A waiting publisher spins, then yields, and starts over each time it sees the slowest
 * consumer move: a ring drained at speed never costs it a park; it backs off to parking only when the consumers
 * stall.
 * <p>
 * <b>Wake-up.</b> An idle dispatcher spins, yields, then parks. Before parking it sets its {@code parked} flag
 * and re-reads the cursors it serves; a publisher reads the flag after its claim CAS and unparks. The same
 * Dekker pairing means a parked dispatcher always wakes for a published event.
 * <p>
 * <b>Queues.</b> Competing consumers claim one sequence at a time from a shared work sequence. Each consumer
 * publishes, before its claim CAS, the work value it saw, and lets go of it (a position above any sequence)
 * once done with the message, at the latest when its batch ends; the ring gates on those values and on the
 * work sequence, read first, so an unclaimed or in-flight message is never overwritten, and an idle consumer
 * holds neither the ring nor the queue's depth back. See {@code QueueGate}.
 * <p>
 * <b>Dependency ordering.</b> A topic subscriber made {@code after} others reads no further than the lowest of
 * their sequences. A follower whose dispatcher parks registers it with each predecessor; a predecessor stores
 * its progress, then, only if it has registered followers, fences and wakes their dispatchers, which raised
 * their park flag and fenced before reading its sequence: the same Dekker pairing. A subscriber nobody
 * follows pays no fence. Because that skip rests on a read the store may pass, each registration is
 * acknowledged by the predecessor's own thread, and a follower does not park before it has read the
 * acknowledgement. See {@code TopicSubscriber}.
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
 * put into their lane when due; request timeouts complete the request. A task finished elsewhere first (a
 * reply, a cancel) is handed over once more as a notice, so its timer is cancelled at once.
 * <p>
 * <b>Requests.</b> A pooled {@code PendingRequest} travels through the address's ring to a responder and sits
 * in the timer; one CAS on its state decides which outcome reaches the callback, and it returns to the pool once
 * both the timer and the responder side have let go.
 */
package io.ringbus.disruptor;
