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
 * so that competing consumers on other dispatchers take part. A publish that does not move the cursor with a CAS (a
 * single-writer ring) must fence between its cursor store and the mark reads.
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
 * publishes, before its claim CAS, the work value it saw; the ring gates on those values and on the work
 * sequence, so an unclaimed or in-flight message is never overwritten and an idle consumer never holds the
 * ring back.
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
 * tries the lanes highest first, one claim each, and lets go of its position in every lane but the one it took
 * from; priority 0 is the queue's own ring, so a queue without priorities polls one lane as before.
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
