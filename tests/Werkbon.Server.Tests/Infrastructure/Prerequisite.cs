using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Werkbon.Server.Tests.Infrastructure;

/// <summary>
/// A tool a test needs (PostgreSQL, Chromium, Java with Saxon) is missing: skipped with the reason on a developer's
/// machine, failed under CI (<c>CI=true</c>, where <c>.ci/run</c> installs every tool), so CI never passes by skipping.
/// </summary>
internal static class Prerequisite
{
    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    [DoesNotReturn]
    public static void Missing(string reason)
    {
        if (UnderCi)
        {
            Assert.Fail($"{reason} Under CI every test runs: install it in .ci/run.");
        }

        Assert.Skip(reason);
        throw new UnreachableException();
    }
}
