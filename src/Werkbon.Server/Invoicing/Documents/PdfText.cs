using PdfSharp.Drawing;
using Werkbon.Core;

namespace Werkbon.Server.Invoicing.Documents;

/// <summary>
/// The one way text reaches a PDF page: stored text may predate the input rules, so every string is cleaned of
/// control characters (<see cref="PlainText.Clean"/>) and a drawn line holds no tab or line break.
/// </summary>
public static class PdfText
{
    /// <summary><paramref name="text"/> as one printed line shows it.</summary>
    public static string Printable(string? text)
    {
        var clean = PlainText.Clean(text ?? "");
        return clean.AsSpan().IndexOfAny('\t', '\r', '\n') < 0 ? clean : clean.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
    }

    public static void Print(this XGraphics g, string? text, XFont font, XBrush brush, XRect layout, XStringFormat format)
    {
        ArgumentNullException.ThrowIfNull(g);
        g.DrawString(Printable(text), font, brush, layout, format);
    }

    public static void Print(this XGraphics g, string? text, XFont font, XBrush brush, double x, double y, XStringFormat format)
    {
        ArgumentNullException.ThrowIfNull(g);
        g.DrawString(Printable(text), font, brush, x, y, format);
    }
}
