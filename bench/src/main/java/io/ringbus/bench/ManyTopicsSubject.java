package io.ringbus.bench;

/**
 * A subject of the many-topics scenario: its session's {@link Topology#ROUND_ROBIN} link spreads one producer's
 * messages over {@link #topics()} topics, one receiver each.
 * <p>
 * <b>Note:</b> implementations are stateless factories, safe to share.
 */
public interface ManyTopicsSubject extends Subject
{
    /**
     * @return how many topics (and receivers) its link spreads the messages over.
     */
    int topics();
}
