using PdfSharp.Fonts;

namespace Werkbon.Server.Invoicing.Documents;

/// <summary>
/// The fonts every document is drawn with, shipped inside the app (DejaVu Sans, Bitstream Vera licence
/// in Fonts/LICENSE.txt) so a server without fonts renders the same bytes; PDFsharp embeds a subset.
/// </summary>
public sealed class DocumentFonts : IFontResolver
{
    public const string Family = "Werkbon Sans";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly Lock Gate = new();
    private static bool installed;

    private static readonly Dictionary<string, byte[]> Faces = new(StringComparer.Ordinal)
    {
        [Regular] = Load(Regular),
        [Bold] = Load(Bold),
    };

    /// <summary>Makes this the process's font resolver, once; PDFsharp allows setting it only before first use.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (installed)
            {
                return;
            }

            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = new DocumentFonts();
            }
            else if (GlobalFontSettings.FontResolver is not DocumentFonts)
            {
                throw new InvalidOperationException("Another PDFsharp font resolver is installed.");
            }

            installed = true;
        }
    }

    // Every family resolves to the shipped faces: a document never depends on what the machine has.
    public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? Bold : Regular, false, isItalic);

    public byte[] GetFont(string faceName) => Faces[faceName];

    private static byte[] Load(string face)
    {
        using var stream = typeof(DocumentFonts).Assembly.GetManifestResourceStream($"Werkbon.Fonts.{face}.ttf")
            ?? throw new InvalidOperationException($"The font {face} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
