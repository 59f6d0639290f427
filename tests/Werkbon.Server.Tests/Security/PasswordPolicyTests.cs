using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Werkbon.Server.Data;
using Werkbon.Server.Hosting;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Security;

public class PasswordPolicyTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task An_invited_user_is_refused_short_and_commonly_leaked_passwords_with_the_reason_and_a_long_passphrase_is_accepted(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var admin = await company.AdminAsync();
        var texts = app.Services.GetRequiredService<Texts>();
        var (_, invitation) = await admin.PostJsonAsync("/api/users", new { email = "new@alpha.test", displayName = "Nieuwe Technieker", role = "Technician", rateClass = "technician", language = "nl" });
        var link = new Uri(invitation.GetProperty("invitationUrl").GetString()!).PathAndQuery;

        async Task<string> Choose(string password)
        {
            var form = await Forms.FetchAsync(app, link);
            var answer = await form.PostAsync("/account/accept-invitation", new()
            {
                ["user"] = form.Field("user"),
                ["token"] = form.Field("token"),
                ["password"] = password,
                ["confirm"] = password,
            });
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            var location = answer.Headers.Location!.OriginalString;
            if (location.StartsWith("/account/login", StringComparison.Ordinal))
            {
                return location;
            }

            var page = await Forms.FetchAsync(app, location, form.Client);
            return WebUtility.HtmlDecode(page.Html);
        }

        var tooShort = string.Format(System.Globalization.CultureInfo.InvariantCulture, texts.In("nl", "Invitation.Error.short"), 12);
        var common = texts.In("nl", "Invitation.Error.common");
        var shortOnes = new[] { "Abcdefg1", "Tr0ub4dor&3" };
        var commonOnes = new[] { "password1234", "Password1234!", "QWERTYUIOP123", "1qaz2wsx3edc4rfv", "iloveyou12345" };
        var shortAnswers = new List<string>();
        foreach (var password in shortOnes)
        {
            shortAnswers.Add(await Choose(password));
        }

        var commonAnswers = new List<string>();
        foreach (var password in commonOnes)
        {
            commonAnswers.Add(await Choose(password));
        }

        var refusedLogin = await app.CreateClient().PostAsJsonAsync("/login", new { email = "new@alpha.test", password = "password1234" }, ct);
        var accepted = await Choose("lantaarn fiets onder de brug");
        var login = await app.CreateClient().PostAsJsonAsync("/login", new { email = "new@alpha.test", password = "lantaarn fiets onder de brug" }, ct);

        Assert.All(shortAnswers, page => Assert.Contains(tooShort, page, StringComparison.Ordinal));
        Assert.All(commonAnswers, page => Assert.Contains(common, page, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, refusedLogin.StatusCode);
        Assert.Equal("/account/login?welcome=1", accepted);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public void The_rule_counts_length_not_composition_and_knows_leaked_passwords_however_they_are_dressed_up()
    {
        Assert.True(PasswordPolicy.IsCommon("123456"));
        Assert.True(PasswordPolicy.IsCommon("Dragon2024!"));
        Assert.True(PasswordPolicy.IsCommon("  LetMeIn  "));
        Assert.False(PasswordPolicy.IsCommon("Werkbon-demo1"));
        Assert.False(PasswordPolicy.IsCommon(WerkbonApp.Password));
        Assert.False(PasswordPolicy.IsCommon("lantaarn fiets onder de brug"));
        Assert.Equal(12, PasswordPolicy.MinimumLength);
    }
}
