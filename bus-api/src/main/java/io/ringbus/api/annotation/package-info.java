/**
 * Annotations that {@link io.ringbus.api.Bus#register(Object)} turns into subscriptions, queue consumers and
 * responders, bound once at registration so that no reflection runs per event.
 */
package io.ringbus.api.annotation;
