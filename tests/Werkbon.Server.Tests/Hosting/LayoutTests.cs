using Microsoft.AspNetCore.Components;

namespace Werkbon.Server.Tests.Hosting;

/// <summary>One feature is one folder: its rules, its API and its screens.</summary>
public class LayoutTests
{
    private static readonly string[] Shell = ["Werkbon.Server.Components", "Werkbon.Server.Hosting.Account"];

    [Fact]
    public void Every_page_lives_in_its_feature_folder_not_in_the_app_shell()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes(typeof(RouteAttribute), inherit: false).Length > 0)
            .ToList();

        Assert.NotEmpty(pages);
        var misplaced = pages
            .Where(t => t.Namespace is null || t.Namespace.StartsWith("Werkbon.Server.Components", StringComparison.Ordinal))
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(misplaced);
        Assert.All(pages, t => Assert.True(
            Shell.Contains(t.Namespace) || File.Exists(SourceOf(t)),
            $"{t.FullName}: no {SourceOf(t)} — a page's namespace must name the folder it lives in"));
    }

    private static string SourceOf(Type page) =>
        Path.Combine(
            TextsTests.FindRepositoryRoot(),
            "src",
            "Werkbon.Server",
            Path.Combine(page.Namespace!["Werkbon.Server.".Length..].Split('.')),
            page.Name + ".razor");
}
