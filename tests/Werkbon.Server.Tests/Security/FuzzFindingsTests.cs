using System.Net;
using System.Net.Http.Json;
using System.Text;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Security;

/// <summary>Requests the write-route fuzzer once found mishandled, kept as fixed cases.</summary>
public class FuzzFindingsTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_body_declared_in_a_character_set_other_than_utf8_is_refused_as_415_and_stores_nothing(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var admin = await company.AdminAsync();
        await using var stored = await StoredState.OpenAsync(app, ct);
        var before = await stored.TakeAsync(ct);

        var unknown = await admin.PostAsync("/api/reports/approve", Body("{\"ids\":[\"" + Guid.NewGuid() + "\"]}", "application/json; charset=bogus"), ct);
        var latin1 = await admin.PostAsync("/api/customers", Body(
            "{\"kind\":\"Private\",\"name\":\"Latin\",\"language\":\"nl\",\"paymentTermDays\":30,\"billingAddress\":{\"street\":\"Meir 1\",\"postalCode\":\"2000\",\"city\":\"Antwerpen\"}}",
            "application/json; charset=latin1"), ct);
        var quoted = await admin.PutAsync($"/api/work-orders/{data.WorkOrderId}/plan", Body("{}", "application/json; charset=\"utf-16\""), ct);
        var after = await stored.TakeAsync(ct);
        var utf8 = await admin.PostAsync("/api/reports/approve", Body("{\"ids\":[]}", "application/json; charset=UTF-8"), ct);

        foreach (var refused in new[] { unknown, latin1, quoted })
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("UTF-8", (await refused.ReadJsonAsync()).GetProperty("title").GetString(), StringComparison.Ordinal);
        }

        Assert.Empty(after.ChangedSince(before, new HashSet<string>()));
        Assert.NotEqual(HttpStatusCode.UnsupportedMediaType, utf8.StatusCode);
        Assert.True((int)utf8.StatusCode < 500, $"{(int)utf8.StatusCode}");
    }

    [Fact]
    public async Task Not_found_and_stale_answers_are_labelled_as_problem_details()
    {
        var ct = TestContext.Current.CancellationToken;
        using var app = await WerkbonApp.StartAsync(DatabaseProvider.Sqlite);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var admin = await company.AdminAsync();
        var article = await admin.GetJsonAsync($"/api/articles/{data.ArticleId}");
        var body = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(article.GetRawText())!;
        body["version"] = article.GetProperty("version").GetInt32() + 5;

        var missing = await admin.PostAsync($"/api/customers/{Guid.Empty}/archive", null, ct);
        var missingInvoice = await admin.DeleteAsync($"/api/invoices/{Guid.NewGuid()}", ct);
        var stale = await admin.PutAsJsonAsync($"/api/articles/{data.ArticleId}", body, ct);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingInvoice.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        foreach (var problem in new[] { missing, missingInvoice, stale })
        {
            Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
            Assert.Equal((int)problem.StatusCode, (await problem.ReadJsonAsync()).GetProperty("status").GetInt32());
        }
    }

    private static ByteArrayContent Body(string json, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }
}
