namespace Werkbon.Core;

/// <summary>
/// The one rule for stored text: no control characters other than tab, line feed and carriage return,
/// and nothing an XML document cannot hold. Input is refused with <see cref="IsClean"/>; documents
/// written from text that is already stored pass it through <see cref="Clean"/>.
/// </summary>
public static class PlainText
{
    /// <summary>Whether <paramref name="text"/> holds only characters every document can carry.</summary>
    public static bool IsClean(string? text)
    {
        if (text is null)
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (!Allowed(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><paramref name="text"/> without the characters <see cref="IsClean"/> refuses.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsClean(text))
        {
            return text;
        }

        var kept = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                kept.Append(c).Append(text[++i]);
            }
            else if (Allowed(c))
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }

    // XML 1.0 Char without the C0 controls other than tab, LF and CR; lone surrogates and U+FFFE/U+FFFF are not text.
    private static bool Allowed(char c) =>
        c is '\t' or '\n' or '\r' || (c >= 0x20 && !char.IsSurrogate(c) && c is not ('\uFFFE' or '\uFFFF'));
}
