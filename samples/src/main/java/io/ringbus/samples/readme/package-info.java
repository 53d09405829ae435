/**
 * The README's snippets, compiled and run, so that the README never shows code that does not work.
 */
package io.ringbus.samples.readme;
