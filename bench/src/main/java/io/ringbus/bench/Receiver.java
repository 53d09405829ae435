package io.ringbus.bench;

/**
 * The receiving end of a {@link Link}: what a subject calls for each message it delivers.
 * <p>
 * <b>Note:</b> a subject calls one receiver from one thread at a time (the subject's consumer thread); a
 * receiver never blocks.
 */
@FunctionalInterface
public interface Receiver
{
    /**
     * Called once per delivered message.
     *
     * @param msg the message as the sender sent it.
     */
    void onMessage(Msg msg);
}
