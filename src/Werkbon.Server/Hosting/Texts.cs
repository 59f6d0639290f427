using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Localization;
using Werkbon.Core.Catalog;

namespace Werkbon.Server.Hosting;

/// <summary>
/// Every text on a screen, in Dutch (default), French and English, from Resources/{nl,fr,en}.json and
/// each area's Resources/{area}/{nl,fr,en}.json.
/// A key missing in a language falls back to Dutch; a test keeps the three files complete.
/// </summary>
public sealed class Texts
{
    public static readonly string[] Languages = ["nl", "fr", "en"];

    public const string DefaultLanguage = "nl";

    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _byLanguage;

    public Texts()
    {
        _byLanguage = Languages.ToFrozenDictionary(l => l, Load);
    }

    public string this[string key] => Lookup(Language, key);

    public string this[string key, params object[] args] =>
        args.Length == 0 ? this[key] : string.Format(CultureInfo.CurrentCulture, this[key], args);

    /// <summary>The language of the current request or circuit.</summary>
    public static string Language => Normalize(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    /// <summary>The language of the current request or circuit, as documents and Core rules name it.</summary>
    public static Werkbon.Core.Language CoreLanguage => Werkbon.Core.Languages.FromCode(Language);

    public string In(string language, string key) => Lookup(Normalize(language), key);

    public IReadOnlyCollection<string> Keys(string language) => _byLanguage[language].Keys;

    public static string Normalize(string? language) =>
        language is not null && Languages.Contains(language) ? language : DefaultLanguage;

    private string Lookup(string language, string key) =>
        _byLanguage[language].TryGetValue(key, out var text) || _byLanguage[DefaultLanguage].TryGetValue(key, out text) ? text : key;

    /// <summary>
    /// Merges Resources/{language}.json with every area's Resources/{area}/{language}.json; a key defined
    /// twice is a mistake and stops the start.
    /// </summary>
    private static FrozenDictionary<string, string> Load(string language)
    {
        var assembly = typeof(Texts).Assembly;
        var names = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Werkbon.Server.Resources.", StringComparison.Ordinal) && n.EndsWith($".{language}.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (names.Count == 0)
        {
            throw new InvalidOperationException($"Missing texts for {language}.");
        }

        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            foreach (var (key, text) in JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!)
            {
                if (!texts.TryAdd(key, text))
                {
                    throw new InvalidOperationException($"The text {key} is defined twice ({name}).");
                }
            }
        }

        return texts.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The culture cookie value for a language.</summary>
    public static string CookieValue(string language)
    {
        var culture = $"{Normalize(language)}-BE";
        return CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture));
    }
}

public static class LanguageSetup
{
    public static IServiceCollection AddWerkbonLanguages(this IServiceCollection services)
    {
        services.AddSingleton<Texts>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = new[] { Cultures.Of(Werkbon.Core.Language.Nl), Cultures.Of(Werkbon.Core.Language.Fr), Cultures.Of(Werkbon.Core.Language.En) };
            o.DefaultRequestCulture = new RequestCulture(cultures[0]);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
        });
        return services;
    }
}
