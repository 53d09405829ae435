/**
 * <b>Internal</b>: what several Ringbus modules share, not an API for users. Nothing here is promised to stay
 * source or binary compatible between versions; code it from {@code io.ringbus.api} instead.
 * <ul>
 *   <li>{@link io.ringbus.support.Listeners#register}: {@code Bus.register(Object)} for every engine, over the
 *   public {@code Bus} verbs, with the one annotation binder, {@link io.ringbus.support.ListenerBinder}.</li>
 *   <li>{@link io.ringbus.support.SystemProperties}: the strict reading of {@code ringbus.*} system properties
 *   (a malformed value is an error naming the property, the value and what is allowed).</li>
 * </ul>
 * The module depends on {@code bus-api} and the JDK only, so that every engine and {@code patterns} can use it.
 */
package io.ringbus.support;
