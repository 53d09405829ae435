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
 * <b>Wake-up.</b> An idle dispatcher spins, yields, then parks. Before parking it sets its {@code parked} flag
 * and re-reads the cursors it serves; a publisher reads the flag after its claim CAS and unparks. The same
 * Dekker pairing means a parked dispatcher always wakes for a published event.
 * <p>
 * <b>Queues.</b> Competing consumers claim one sequence at a time from a shared work sequence. Each consumer
 * publishes, before its claim CAS, the work value it saw; the ring gates on those values and on the work
 * sequence, so an unclaimed or in-flight message is never overwritten and an idle consumer never holds the
 * ring back.
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
 * tries the lanes highest first, one claim each, and lets go of its position in every lane but the one it took
 * from; priority 0 is the queue's own ring, so a queue without priorities polls one lane as before.
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
