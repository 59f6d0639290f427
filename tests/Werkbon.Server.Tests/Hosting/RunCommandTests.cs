using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Werkbon.Server.Demo;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Hosting;

/// <summary>The README's run command on an empty data folder, as a newcomer would run it.</summary>
public class RunCommandTests
{
    [Fact]
    public async Task The_app_starts_on_an_empty_folder_with_the_demo_company_and_the_office_user_sees_its_customers()
    {
        var ct = TestContext.Current.CancellationToken;
        var root = TextsTests.FindRepositoryRoot();
        var data = Path.Combine(Path.GetTempPath(), "werkbon-run-" + Guid.NewGuid().ToString("N")[..8]);
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        // With the launch profile, as the README's command runs: the address comes from ASPNETCORE_URLS, not the profile.
        var start = new ProcessStartInfo("dotnet", ["run", "--project", "src/Werkbon.Server", "--no-build"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ASPNETCORE_URLS"] = url,
                ["DataFolder"] = data,
            },
        };
        var output = new System.Text.StringBuilder();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(url) };
            var clock = Stopwatch.StartNew();
            HttpStatusCode? health = null;
            while (clock.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
            {
                try
                {
                    health = (await http.GetAsync("/health", ct)).StatusCode;
                    if (health == HttpStatusCode.OK)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(250, ct);
            }

            TestContext.Current.TestOutputHelper?.WriteLine($"GET /health answered 200 after {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.True(health == HttpStatusCode.OK, $"no healthy answer within 60 s:\n{output}");

            var loginPage = await http.GetStringAsync("/account/login", ct);
            var token = WebUtility.HtmlDecode(Regex.Match(loginPage, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value);
            var login = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["email"] = DemoLogins.Office,
                ["password"] = DemoLogins.Password,
                ["returnUrl"] = "/customers",
                ["__RequestVerificationToken"] = token,
            }), ct);
            var customers = await http.GetStringAsync("/api/customers?pageSize=100", ct);
            var home = await http.GetStringAsync("/", ct);

            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            Assert.Equal("/customers", login.Headers.Location!.OriginalString);
            Assert.Contains("\"total\":", customers);
            Assert.Matches("\"total\":(2[0-9]|3[0-9])", customers);
            Assert.Contains("data-testid=\"customer-count\"", home);
            string printed;
            lock (output)
            {
                printed = output.ToString();
            }

            Assert.Single(Regex.Matches(printed, Regex.Escape(DemoLogins.Office)));
            Assert.Contains(url, printed);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // Temporary folder.
            }
        }
    }

    [Fact]
    public async Task A_port_in_use_stops_the_start_with_one_clear_line_and_touches_no_data()
    {
        var ct = TestContext.Current.CancellationToken;
        var root = TextsTests.FindRepositoryRoot();
        var data = Path.Combine(Path.GetTempPath(), "werkbon-run-" + Guid.NewGuid().ToString("N")[..8]);
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)holder.LocalEndpoint).Port}";
        var start = new ProcessStartInfo("dotnet", ["run", "--project", "src/Werkbon.Server", "--no-build", "--urls", url])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["DataFolder"] = data },
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var printed = await stdout + await stderr;
        Assert.Equal(1, process.ExitCode);
        Assert.Contains($"{url} is already in use", printed);
        Assert.Contains("--urls", printed);
        Assert.DoesNotContain("   at ", printed);
        Assert.DoesNotContain("Exception", printed);
        Assert.False(Directory.Exists(data) && Directory.EnumerateFileSystemEntries(data).Any(), "the database was prepared although the app could not start");
    }

    [Fact]
    public async Task The_embedded_database_folder_of_the_run_command_is_never_committed()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var path in new[] { "src/Werkbon.Server/data/werkbon.db", "src/Werkbon.Server/data/files/photo.jpg" })
        {
            var check = new ProcessStartInfo("git", ["check-ignore", "--no-index", "-q", path])
            {
                WorkingDirectory = TextsTests.FindRepositoryRoot(),
            };
            using var git = Process.Start(check)!;
            await git.WaitForExitAsync(ct);

            Assert.True(git.ExitCode == 0, $"{path} is not ignored by git (exit {git.ExitCode})");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
