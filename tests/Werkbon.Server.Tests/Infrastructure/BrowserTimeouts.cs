using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace Werkbon.Server.Tests.Infrastructure;

/// <summary>
/// Browser expectations wait as long as browser actions do. Playwright's own default for <c>Expect</c> is 5 s,
/// shorter than the 15 s every test context gives actions: on a shared two-core machine running the whole suite,
/// the field app's WebAssembly (sealing, hashing, IndexedDB) can take longer than 5 s for a step a phone does in one.
/// A waiting expectation returns as soon as it holds, so this only changes how long a real failure takes to report.
/// </summary>
internal static class BrowserTimeouts
{
    [ModuleInitializer]
    internal static void WaitLikeActions() => Assertions.SetDefaultExpectTimeout(15_000);
}
