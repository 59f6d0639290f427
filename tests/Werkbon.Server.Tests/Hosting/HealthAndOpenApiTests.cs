using System.Net;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Hosting;

public class HealthAndOpenApiTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Health_reports_the_database(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var health = await app.CreateClient().GetJsonAsync("/health");
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.Equal(provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL", health.GetProperty("database").GetString());
    }

    [Fact]
    public async Task The_openapi_document_lists_the_routes()
    {
        using var app = await WerkbonApp.StartAsync(DatabaseProvider.Sqlite);
        var document = await app.CreateClient().GetJsonAsync("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/customers", paths);
        Assert.Contains("/api/customers/{id}", paths);
        Assert.Contains("/api/work-orders", paths);
        Assert.Contains("/api/technicians/me/work-orders", paths);
        Assert.Contains("/login", paths);
        Assert.DoesNotContain("/register", paths);
    }

    [Fact]
    public async Task The_openapi_document_describes_text_members_as_strings()
    {
        using var app = await WerkbonApp.StartAsync(DatabaseProvider.Sqlite);
        var schemas = (await app.CreateClient().GetJsonAsync("/openapi/v1.json")).GetProperty("components").GetProperty("schemas");
        static string Type(System.Text.Json.JsonElement schema, string member) =>
            schema.GetProperty("properties").GetProperty(member).TryGetProperty("type", out var type) ? type.ToString() : "(none)";

        Assert.Equal("string", Type(schemas.GetProperty("CustomerInput"), "name"));
        Assert.Contains("null", Type(schemas.GetProperty("CustomerInput"), "enterpriseNumber"), StringComparison.Ordinal);
        Assert.Contains("string", Type(schemas.GetProperty("CustomerInput"), "enterpriseNumber"), StringComparison.Ordinal);
        Assert.Equal("string", Type(schemas.GetProperty("Address"), "street"));
        Assert.Equal("string", Type(schemas.GetProperty("LoginRequest"), "email"));
    }

    [Fact]
    public async Task Anonymous_api_calls_get_401_and_pages_redirect_to_the_login_page()
    {
        using var app = await WerkbonApp.StartAsync(DatabaseProvider.Sqlite);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var api = await client.GetAsync("/api/customers", TestContext.Current.CancellationToken);
        var page = await client.GetAsync("/customers", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.True(page.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found, $"{(int)page.StatusCode}");
        Assert.StartsWith("/account/login", page.Headers.Location!.PathAndQuery);
    }
}
