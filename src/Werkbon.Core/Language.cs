namespace Werkbon.Core;

/// <summary>The languages documents are written in. German documents fall back to English texts.</summary>
public enum Language
{
    En,
    Nl,
    Fr,
    De,
}

public static class Languages
{
    /// <summary>Reads "nl", "fr-BE", "DE"…; anything unknown or missing is English.</summary>
    public static Language FromCode(string? code) =>
        code is { Length: >= 2 } ? code[..2].ToUpperInvariant() switch
        {
            "NL" => Language.Nl,
            "FR" => Language.Fr,
            "DE" => Language.De,
            _ => Language.En,
        } : Language.En;

    public static string Code(this Language language) => language switch
    {
        Language.Nl => "nl",
        Language.Fr => "fr",
        Language.De => "de",
        _ => "en",
    };
}

/// <summary>A text in several languages; English is required and is the fallback for the others.</summary>
public sealed record LocalizedText(string En, string? Nl = null, string? Fr = null, string? De = null)
{
    public string In(Language language)
    {
        var text = language switch
        {
            Language.Nl => Nl,
            Language.Fr => Fr,
            Language.De => De,
            _ => En,
        };
        return string.IsNullOrWhiteSpace(text) ? En : text;
    }
}
