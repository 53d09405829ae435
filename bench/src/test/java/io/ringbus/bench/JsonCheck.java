package io.ringbus.bench;

/**
 * A strict JSON syntax check (RFC 8259 grammar, no values kept) for the report's {@code results.json}; the
 * bench has no JSON library and needs none for this.
 */
final class JsonCheck
{
    private final String text;
    private int at;

    private JsonCheck(final String text)
    {
        this.text = text;
    }

    static void validate(final String text)
    {
        final JsonCheck check = new JsonCheck(text);
        check.value();
        check.space();
        if (check.at != text.length())
        {
            throw check.error("trailing characters");
        }
    }

    private void value()
    {
        space();
        if (at >= text.length())
        {
            throw error("a value is missing");
        }
        final char c = text.charAt(at);
        switch (c)
        {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    private void object()
    {
        at++;
        space();
        if (peek() == '}')
        {
            at++;
            return;
        }
        while (true)
        {
            space();
            string();
            space();
            expect(':');
            value();
            space();
            if (peek() == ',')
            {
                at++;
                continue;
            }
            expect('}');
            return;
        }
    }

    private void array()
    {
        at++;
        space();
        if (peek() == ']')
        {
            at++;
            return;
        }
        while (true)
        {
            value();
            space();
            if (peek() == ',')
            {
                at++;
                continue;
            }
            expect(']');
            return;
        }
    }

    private void string()
    {
        expect('"');
        while (at < text.length())
        {
            final char c = text.charAt(at++);
            if (c == '"')
            {
                return;
            }
            if (c < 0x20)
            {
                throw error("control character in a string");
            }
            if (c == '\\')
            {
                final char e = text.charAt(at++);
                if (e == 'u')
                {
                    at += 4;
                }
                else if ("\"\\/bfnrt".indexOf(e) < 0)
                {
                    throw error("bad escape");
                }
            }
        }
        throw error("unterminated string");
    }

    private void number()
    {
        final int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0)
        {
            at++;
        }
        final String number = text.substring(start, at);
        if (!number.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?"))
        {
            throw error("bad number '" + number + "'");
        }
    }

    private void literal(final String word)
    {
        if (!text.startsWith(word, at))
        {
            throw error("expected " + word);
        }
        at += word.length();
    }

    private void expect(final char c)
    {
        if (peek() != c)
        {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private char peek()
    {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void space()
    {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0)
        {
            at++;
        }
    }

    private IllegalArgumentException error(final String what)
    {
        return new IllegalArgumentException("results.json is not JSON: " + what + " at offset " + at);
    }
}
