package io.ringbus.api;

/**
 * How a topic is built, fixed when it is first declared: its ring size and whether a single thread publishes
 * to it.
 * <p>
 * <b>Single writer.</b> A topic declared {@code singleWriter(true)} uses a single-producer ring: a publish claims its
 * slot with a plain store instead of a compare-and-set, which is the cheapest publish the engine has. The rule
 * that buys it: at any moment at most one thread publishes to the topic (the same thread every time, or threads
 * that hand the role over with a happens-before edge, such as a lock or a queue). Two threads publishing at
 * once corrupt the ring's sequence. Run with {@code -Dringbus.checkSingleWriter=true} (or
 * {@code Ringbus.builder().checkSingleWriter(true)}) to have every publish check the rule and throw
 * {@link IllegalStateException} naming both threads; the check costs a compare-and-set per publish, so it is off
 * by default.
 * <p>
 * <b>Ring size.</b> {@code 0} takes the bus's ring size. A topic with thousands of siblings and little traffic
 * can be given a small ring so that it costs little memory (each slot is an object reference plus a small
 * holder).
 * <p>
 * <b>Note:</b> immutable; thread-safe.
 *
 * <pre>{@code
 * Topic<Tick> ticks = bus.topic("md.ticks", Tick.class, TopicOptions.defaults().singleWriter(true).ringSize(1 << 16));
 * }</pre>
 *
 * @param ringSize     slots in the topic's ring, a power of two from 2 to 2^30, or {@code 0} for the bus's size.
 * @param singleWriter whether at most one thread publishes at a time (see above).
 */
public record TopicOptions(int ringSize, boolean singleWriter)
{
    /** The largest ring a topic may ask for. */
    public static final int MAX_RING_SIZE = 1 << 30;

    private static final TopicOptions DEFAULTS = new TopicOptions(0, false);

    /**
     * Validate the fields.
     *
     * @throws IllegalArgumentException if {@code ringSize} is neither 0 nor a power of two from 2 to 2^30.
     */
    public TopicOptions
    {
        if (ringSize != 0 && (ringSize < 2 || ringSize > MAX_RING_SIZE || Integer.bitCount(ringSize) != 1))
        {
            throw new IllegalArgumentException(
                "ringSize must be 0 (the bus's size) or a power of two from 2 to 2^30: " + ringSize);
        }
    }

    /**
     * The bus's ring size, any number of publishing threads.
     *
     * @return the default options.
     */
    public static TopicOptions defaults()
    {
        return DEFAULTS;
    }

    /**
     * These options with another ring size.
     *
     * @param size a power of two from 2 to 2^30, or 0 for the bus's size.
     * @return new options.
     * @throws IllegalArgumentException if {@code size} breaks that rule.
     */
    public TopicOptions ringSize(final int size)
    {
        return new TopicOptions(size, singleWriter);
    }

    /**
     * These options for a topic that at most one thread publishes to at a time, or any number.
     *
     * @param single whether at most one thread publishes at a time.
     * @return new options.
     */
    public TopicOptions singleWriter(final boolean single)
    {
        return new TopicOptions(ringSize, single);
    }
}
