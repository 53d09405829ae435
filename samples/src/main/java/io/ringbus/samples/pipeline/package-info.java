/**
 * A journal, then replicate, then business-logic pipeline on a slot-mode topic published through translators,
 * and a late subscriber that replays the last events still in the ring.
 */
package io.ringbus.samples.pipeline;
