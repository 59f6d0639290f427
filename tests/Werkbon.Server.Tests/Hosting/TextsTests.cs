using System.Text.RegularExpressions;
using Werkbon.Server.Hosting;

namespace Werkbon.Server.Tests.Hosting;

public partial class TextsTests
{
    private readonly Texts _texts = new();

    [Fact]
    public void Dutch_french_and_english_have_the_same_texts_and_none_is_empty()
    {
        var dutch = _texts.Keys("nl").Order(StringComparer.Ordinal).ToList();
        foreach (var language in Texts.Languages)
        {
            Assert.Equal(dutch, _texts.Keys(language).Order(StringComparer.Ordinal).ToList());
            Assert.All(dutch, key => Assert.False(string.IsNullOrWhiteSpace(_texts.In(language, key)), $"{language}: {key} is empty"));
        }
    }

    [Fact]
    public void Every_text_key_used_in_the_code_exists()
    {
        var root = FindRepositoryRoot();
        var source = Path.Combine(root, "src", "Werkbon.Server");
        var used = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => KeyUse().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .ToList();
        var known = _texts.Keys("nl").ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(used);
        Assert.Empty(used.Where(u => !known.Contains(u.Key)).Select(u => $"{u.File}: {u.Key}").Distinct());
    }

    [Fact]
    public void Dutch_is_the_default_and_french_and_english_differ_from_it()
    {
        Assert.Equal("Klanten", _texts.In("nl", "Nav.Customers"));
        Assert.Equal("Clients", _texts.In("fr", "Nav.Customers"));
        Assert.Equal("Customers", _texts.In("en", "Nav.Customers"));
        Assert.Equal("Klanten", _texts.In("de", "Nav.Customers"));
    }

    public static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Werkbon.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Werkbon.slnx not found above the test folder.");
    }

    // T["Key"], T["Key", args], texts["Key"], v.Add("field", "Key"…) — literal keys only.
    [GeneratedRegex("""(?:\bT\[|texts\[|_texts\[|, )"((?:[A-Z][A-Za-z]+)\.[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*)"[\],)]""")]
    private static partial Regex KeyUse();
}
