package io.ringbus.support;

import java.util.Arrays;
import java.util.Locale;

/**
 * The one way Ringbus reads its {@code ringbus.*} system properties: an absent property means the default, and a
 * present one must be well formed. A malformed value is never ignored nor replaced by the default, since a typo
 * would then change a setting silently: it is an {@link IllegalArgumentException} naming the property, the value
 * and what is allowed, for instance {@code system property ringbus.idle must be one of [BUSY_SPIN, YIELDING,
 * BACKOFF]: FAST}. Values are trimmed; enum constants and booleans are case-insensitive.
 * <p>
 * Whether a well-formed value is in range (a power of two, a positive timeout) is for the builder that uses it to
 * check, with the setting's own rule, as it checks a value given to its setter.
 * <p>
 * <b>Note:</b> stateless; thread-safe.
 */
public final class SystemProperties
{
    private SystemProperties()
    {
    }

    /**
     * @param name     the property.
     * @param fallback the value when the property is absent.
     * @return the property as an {@code int}, or {@code fallback}.
     * @throws IllegalArgumentException naming the property and the value, if it is not a decimal integer.
     */
    public static int intValue(final String name, final int fallback)
    {
        final String value = System.getProperty(name);
        if (value == null)
        {
            return fallback;
        }
        try
        {
            return Integer.parseInt(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(
                "system property " + name + " must be an integer (32 bits): " + value, ex);
        }
    }

    /**
     * @param name     the property.
     * @param fallback the value when the property is absent.
     * @return the property as a {@code long}, or {@code fallback}.
     * @throws IllegalArgumentException naming the property and the value, if it is not a decimal integer.
     */
    public static long longValue(final String name, final long fallback)
    {
        final String value = System.getProperty(name);
        if (value == null)
        {
            return fallback;
        }
        try
        {
            return Long.parseLong(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("system property " + name + " must be an integer: " + value, ex);
        }
    }

    /**
     * @param name     the property.
     * @param fallback the value when the property is absent.
     * @return the property as a {@code boolean}, or {@code fallback}.
     * @throws IllegalArgumentException naming the property and the value, if it is neither {@code true} nor
     *                                  {@code false} (unlike {@link Boolean#getBoolean}, which reads any other
     *                                  text as {@code false}).
     */
    public static boolean booleanValue(final String name, final boolean fallback)
    {
        final String value = System.getProperty(name);
        if (value == null)
        {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT))
        {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(
                "system property " + name + " must be true or false: " + value);
        };
    }

    /**
     * @param name     the property.
     * @param type     the enum.
     * @param fallback the value when the property is absent.
     * @param <T>      the enum type.
     * @return the constant the property names, or {@code fallback}.
     * @throws IllegalArgumentException naming the property, the value and the constants, if it names none.
     */
    public static <T extends Enum<T>> T enumValue(final String name, final Class<T> type, final T fallback)
    {
        final String value = System.getProperty(name);
        if (value == null)
        {
            return fallback;
        }
        try
        {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(
                "system property " + name + " must be one of " + Arrays.toString(type.getEnumConstants()) +
                ": " + value, ex);
        }
    }

    /**
     * @param name     the property.
     * @param fallback the value when the property is absent; may be {@code null}.
     * @return the property, trimmed, or {@code fallback}.
     * @throws IllegalArgumentException naming the property, if it is present but blank (an empty channel or
     *                                  directory is a mistake, never a request for the default).
     */
    public static String stringValue(final String name, final String fallback)
    {
        final String value = System.getProperty(name);
        if (value == null)
        {
            return fallback;
        }
        if (value.isBlank())
        {
            throw new IllegalArgumentException(
                "system property " + name + " must not be blank: leave it out for the default");
        }
        return value.trim();
    }
}
