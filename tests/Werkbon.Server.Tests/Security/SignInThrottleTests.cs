using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Werkbon.Server.Data;
using Werkbon.Server.People;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Security;

/// <summary>Sign-in cannot be hammered: attempts are throttled per client address and per account, the lockout cannot be raced, and every failure looks the same.</summary>
public class SignInThrottleTests
{
    private static readonly Dictionary<string, string> ThreePerAccount = new()
    {
        ["SignIn:PerAccount:Limit"] = "3",
        ["SignIn:PerAccount:Period"] = "01:00:00",
    };

    private static readonly Dictionary<string, string> FivePerAddress = new()
    {
        ["SignIn:PerAddress:Limit"] = "5",
        ["SignIn:PerAddress:Period"] = "01:00:00",
    };

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task An_account_known_or_not_gets_429_with_Retry_After_after_its_attempts_are_used(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider, settings: ThreePerAccount);
        var company = await app.CreateCompanyAsync("Alpha");
        var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var unknown = new List<HttpStatusCode>();
        var known = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            unknown.Add((await client.PostAsJsonAsync("/login", new { email = "nobody@alpha.test", password = "Guess-password-1" }, ct)).StatusCode);
            known.Add((await client.PostAsJsonAsync("/login", new { email = company.Office.Email, password = "Guess-password-1" }, ct)).StatusCode);
        }

        var unknownFourth = await client.PostAsJsonAsync("/login", new { email = "nobody@alpha.test", password = "Guess-password-1" }, ct);
        var problem = await unknownFourth.ReadJsonAsync();
        var knownFourth = await client.PostAsJsonAsync("/login", new { email = " " + company.Office.Email!.ToUpperInvariant(), password = WerkbonApp.Password }, ct);
        var form = await Forms.FetchAsync(app, "/account/login");
        var onTheForm = await form.PostAsync("/account/login", new() { ["email"] = company.Office.Email!, ["password"] = WerkbonApp.Password });
        var page = await onTheForm.Content.ReadAsStringAsync(ct);
        var otherAccount = await client.PostAsJsonAsync("/login", new { email = company.Technician.Email, password = WerkbonApp.Password }, ct);

        Assert.All(unknown, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.All(known, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, unknownFourth.StatusCode);
        Assert.True(unknownFourth.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        Assert.Equal("application/problem+json", unknownFourth.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.TooManyRequests, knownFourth.StatusCode); // the right password too, the address written otherwise too
        Assert.True(knownFourth.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.TooManyRequests, onTheForm.StatusCode); // the back office's form counts for the same account
        Assert.True(onTheForm.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Te veel aanmeldpogingen", page);
        Assert.Equal(HttpStatusCode.OK, otherAccount.StatusCode);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task One_client_address_gets_429_after_its_attempts_on_login_refresh_and_the_forms(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider, settings: FivePerAddress);
        await app.CreateCompanyAsync("Alpha");
        var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        var form = await Forms.FetchAsync(app, "/account/login");
        await form.Client.GetAsync("/account/language?lang=fr&returnUrl=%2Faccount%2Flogin", ct); // a French reader

        var spraying = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            // One password tried on many accounts, none of which exists.
            spraying.Add((await client.PostAsJsonAsync("/login", new { email = $"person{i}@alpha.test", password = "Summer-2026-password" }, ct)).StatusCode);
        }

        var sixth = await client.PostAsJsonAsync("/login", new { email = "person5@alpha.test", password = "Summer-2026-password" }, ct);
        var refresh = await client.PostAsJsonAsync("/refresh", new { refreshToken = "anything" }, ct);
        var onTheForm = await form.PostAsync("/account/login", new() { ["email"] = "person6@alpha.test", ["password"] = "Summer-2026-password" });
        var page = await onTheForm.Content.ReadAsStringAsync(ct);
        var invitation = await form.PostAsync("/account/accept-invitation", new()
        {
            ["user"] = Guid.NewGuid().ToString(), ["token"] = "x", ["password"] = "Summer-2026-password", ["confirm"] = "Summer-2026-password",
        });

        Assert.All(spraying, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.True(sixth.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.TooManyRequests, refresh.StatusCode);
        Assert.True(refresh.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.TooManyRequests, onTheForm.StatusCode);
        Assert.True(onTheForm.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Trop de tentatives de connexion", page);
        Assert.Equal(HttpStatusCode.TooManyRequests, invitation.StatusCode);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Ten_wrong_passwords_at_once_get_exactly_the_lockout_threshold_checked_then_the_account_is_locked(DatabaseProvider provider)
    {
        var hasher = new CountingHasher();
        using var app = await WerkbonApp.StartAsync(provider, services: s => s.AddSingleton<IPasswordHasher<AppUser>>(hasher));
        var company = await app.CreateCompanyAsync("Alpha");
        var ct = TestContext.Current.CancellationToken;
        hasher.Reset();

        var start = new TaskCompletionSource();
        var clients = Enumerable.Range(0, 10).Select(_ => app.CreateClient()).ToList();
        var attempts = clients.Select(client => Task.Run(
            async () =>
            {
                await start.Task;
                return await client.PostAsJsonAsync("/login", new { email = company.Office.Email, password = "Wrong-password-1" }, ct);
            },
            ct)).ToList();
        start.SetResult();
        var answers = await Task.WhenAll(attempts);
        var checkedWrong = hasher.Checked;
        var right = await app.CreateClient().PostAsJsonAsync("/login", new { email = company.Office.Email, password = WerkbonApp.Password }, ct);
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        var later = await app.CreateClient().PostAsJsonAsync("/login", new { email = company.Office.Email, password = WerkbonApp.Password }, ct);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.Equal(5, checkedWrong); // the lockout threshold, not one more
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode); // locked
        Assert.Equal(HttpStatusCode.OK, later.StatusCode); // the lockout is over
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Unknown_wrong_locked_and_archived_get_one_and_the_same_answer(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var admin = await company.AdminAsync();
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 5; i++)
        {
            await app.CreateClient().PostAsJsonAsync("/login", new { email = company.Technician.Email, password = "Wrong-password-1" }, ct);
        }

        (await admin.PostAsync($"/api/users/{company.Office.Id}/archive", null, ct)).EnsureSuccessStatusCode();
        var cases = new (string Email, string Password)[]
        {
            ("nobody@alpha.test", WerkbonApp.Password), // unknown
            (company.Admin.Email!, "Wrong-password-1"), // wrong password
            (company.Technician.Email!, WerkbonApp.Password), // locked, with the right password
            (company.Office.Email!, WerkbonApp.Password), // archived, with the right password
        };

        var api = new List<string>();
        var forms = new List<string>();
        foreach (var (email, password) in cases)
        {
            var response = await app.CreateClient().PostAsJsonAsync("/login", new { email, password }, ct);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!.AsObject();
            body.Remove("traceId");
            api.Add($"{(int)response.StatusCode} {response.Content.Headers.ContentType} {body.ToJsonString()}");
            var form = await Forms.FetchAsync(app, "/account/login");
            var posted = await form.PostAsync("/account/login", new() { ["email"] = email, ["password"] = password, ["returnUrl"] = "/invoices" });
            forms.Add($"{(int)posted.StatusCode} {posted.Headers.Location}");
        }

        Assert.Single(api.Distinct());
        Assert.StartsWith("401 ", api[0]);
        Assert.Single(forms.Distinct());
        Assert.Equal("302 /account/login?error=failed&returnUrl=%2Finvoices", forms[0]);
    }

    /// <summary>Counts the passwords checked against an account's real hash.</summary>
    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _checked;

        public int Checked => Volatile.Read(ref _checked);

        public void Reset() => Volatile.Write(ref _checked, 0);

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            if (hashedPassword == user.PasswordHash)
            {
                Interlocked.Increment(ref _checked);
            }

            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
