using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Security;

public class SecurityHeadersTests
{
    [Fact]
    public async Task Each_surface_answers_with_its_own_policy_json_is_never_cached_and_nothing_can_be_framed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var app = await WerkbonApp.StartAsync(DatabaseProvider.Sqlite);
        var company = await app.CreateCompanyAsync("Alpha");
        var office = await company.OfficeAsync();
        var anonymous = app.CreateClient();

        var api = await office.GetAsync("/api/customers", ct);
        var refused = await anonymous.GetAsync("/api/customers", ct);
        var health = await anonymous.GetAsync("/health", ct);
        var login = await anonymous.GetAsync("/account/login", ct);
        var field = await anonymous.GetAsync("/field/", ct);
        var fieldRoute = await anonymous.GetAsync("/field/orders/0195e2b7-4c8d-7a10-b3f2-9e1d5c7a8b03/sign", ct);

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        foreach (var json in new[] { api, refused, health })
        {
            Assert.Equal("nosniff", Single(json, "X-Content-Type-Options"));
            Assert.True(json.Headers.CacheControl?.NoStore, $"{json.RequestMessage!.RequestUri}: Cache-Control {json.Headers.CacheControl}");
            Assert.Contains("frame-ancestors 'none'", Single(json, "Content-Security-Policy"), StringComparison.Ordinal);
            Assert.Equal("no-referrer", Single(json, "Referrer-Policy"));
        }

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var backOffice = Directives(Single(login, "Content-Security-Policy"));
        Assert.Equal("'self'", backOffice["script-src"]);
        Assert.Equal("'none'", backOffice["frame-ancestors"]);
        Assert.Contains("'self'", backOffice["default-src"], StringComparison.Ordinal);
        Assert.Equal("DENY", Single(login, "X-Frame-Options"));
        Assert.Equal("nosniff", Single(login, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Single(login, "Referrer-Policy"));

        foreach (var shell in new[] { field, fieldRoute })
        {
            Assert.Equal(HttpStatusCode.OK, shell.StatusCode);
            var policy = Directives(Single(shell, "Content-Security-Policy"));
            Assert.Equal("'self' 'wasm-unsafe-eval'", policy["script-src"]);
            Assert.Equal("'self'", policy["connect-src"]);
            Assert.Equal("'self'", policy["worker-src"]);
            Assert.Equal("'none'", policy["frame-ancestors"]);
            Assert.Equal("DENY", Single(shell, "X-Frame-Options"));
            Assert.Equal("nosniff", Single(shell, "X-Content-Type-Options"));
        }

        // No page may run a script that is not a file of the app's own: no inline script, no eval.
        foreach (var response in new[] { login, field })
        {
            Assert.DoesNotContain("unsafe-eval'", Single(response, "Content-Security-Policy").Replace("'wasm-unsafe-eval'", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("'unsafe-inline'", Directives(Single(response, "Content-Security-Policy"))["script-src"], StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(@"<script>|<script\s+(?![^>]*\bsrc=)", await field.Content.ReadAsStringAsync(ct));
        Assert.False(api.Headers.Contains("Strict-Transport-Security")); // plain HTTP: no HSTS
    }

    [Fact]
    public async Task Outside_development_https_answers_carry_hsts_and_a_proxy_on_the_same_machine_can_say_the_client_used_https()
    {
        var ct = TestContext.Current.CancellationToken;
        using var app = await WerkbonApp.StartAsync(DatabaseProvider.Sqlite);
        using var production = app.WithWebHostBuilder(b => b.UseEnvironment(Environments.Production));
        var https = production.CreateClient(new() { BaseAddress = new Uri("https://werkbon.example.be") });
        var http = production.CreateClient(new() { BaseAddress = new Uri("http://werkbon.example.be") });
        production.Server.PreserveExecutionContext = false;

        var secure = await https.GetAsync("/health", ct);
        var plain = await http.GetAsync("/health", ct);
        var proxied = await production.Server.SendAsync(
            c =>
            {
                c.Request.Scheme = "http";
                c.Request.Host = new("werkbon.example.be");
                c.Request.Path = "/health";
                c.Request.Headers["X-Forwarded-Proto"] = "https";
                c.Connection.RemoteIpAddress = IPAddress.Loopback;
            },
            ct);
        var spoofed = await production.Server.SendAsync(
            c =>
            {
                c.Request.Scheme = "http";
                c.Request.Host = new("werkbon.example.be");
                c.Request.Path = "/health";
                c.Request.Headers["X-Forwarded-Proto"] = "https";
                c.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
            },
            ct);

        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.StartsWith("max-age=", Single(secure, "Strict-Transport-Security"), StringComparison.Ordinal);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.StartsWith("max-age=", proxied.Response.Headers.StrictTransportSecurity.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, spoofed.Response.Headers.StrictTransportSecurity.Count);
    }

    private static string Single(HttpResponseMessage response, string name)
    {
        var values = response.Headers.TryGetValues(name, out var found) ? found.ToList()
            : response.Content.Headers.TryGetValues(name, out var content) ? content.ToList() : [];
        Assert.True(values.Count == 1, $"{response.RequestMessage!.RequestUri}: {name} appears {values.Count} times: {string.Join(" | ", values)}");
        return values[0];
    }

    private static Dictionary<string, string> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "", StringComparer.Ordinal);
}
