using System.Diagnostics;
using Werkbon.Server.Tests.Hosting;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Invoicing;

/// <summary>
/// The official Peppol validation (<c>validate.sh</c>: OASIS UBL 2.1 XSD, CEN EN 16931 and Peppol BIS Billing 3.0 as
/// their compiled schematron, run by Saxon-HE). Its folder is <c>$WERKBON_PEPPOL_OFFICIAL</c>, else the copy the
/// repository keeps in <c>tests/Werkbon.Core.Tests/Invoicing/Peppol/official</c>.
/// When it or its tools are missing the test fails under CI (<c>CI=true</c>, where <c>.ci/run</c> installs them)
/// and is skipped with the reason elsewhere.
/// </summary>
internal static class OfficialValidation
{
    public const string FolderVariable = "WERKBON_PEPPOL_OFFICIAL";

    private const string Saxon = "/usr/share/java/Saxon-HE.jar";

    /// <summary>The script, or fails/skips the test saying what is missing.</summary>
    public static string Script()
    {
        var script = Find();
        if (script is null)
        {
            Unavailable($"validate.sh was not found: set {FolderVariable} to the folder of the official Peppol artefacts, or or restore tests/Werkbon.Core.Tests/Invoicing/Peppol/official.");
        }

        var missing = new[] { ("java", OnPath("java")), ("xmllint", OnPath("xmllint")), ("Saxon-HE", File.Exists(Saxon)) }
            .Where(t => !t.Item2).Select(t => t.Item1).ToList();
        if (missing.Count > 0)
        {
            Unavailable($"The official validation needs {string.Join(", ", missing)}: apt-get install -y libsaxonhe-java libxml2-utils default-jre-headless");
        }

        return script!;
    }

    /// <summary>Runs validate.sh once over all the files; its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string script, IReadOnlyList<string> files, CancellationToken ct)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, (await output) + (await errors));
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } configured)
        {
            var candidate = Directory.Exists(configured) ? Path.Combine(configured, "validate.sh") : configured;
            return File.Exists(candidate) ? Path.GetFullPath(candidate) : null;
        }

        var copy = Path.Combine(TextsTests.FindRepositoryRoot(), "tests", "Werkbon.Core.Tests", "Invoicing", "Peppol", "official", "validate.sh");
        return File.Exists(copy) ? copy : null;
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, tool)));

    private static void Unavailable(string reason) => Prerequisite.Missing(reason);
}
