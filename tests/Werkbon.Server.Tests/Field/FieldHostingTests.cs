using System.Buffers.Binary;
using System.Net;
using System.Text;
using System.Text.Json;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Field;

public class FieldHostingTests
{
    [Fact]
    public async Task The_field_app_is_served_under_field_and_its_routes_get_the_shell_but_the_api_never_does()
    {
        var ct = TestContext.Current.CancellationToken;
        using var app = await WerkbonApp.StartAsync(DatabaseProvider.Sqlite);
        var client = app.CreateClient();

        var shell = await client.GetAsync("/field/", ct);
        var deepLink = await client.GetAsync("/field/orders/0195e2b7-4c8d-7a10-b3f2-9e1d5c7a8b03/sign", ct);
        var worker = await client.GetAsync("/field/service-worker.js", ct);
        var assets = await client.GetStringAsync("/field/service-worker-assets.js", ct);
        var framework = await client.GetAsync("/field/_framework/blazor.webassembly.js", ct);
        var missingFile = await client.GetAsync("/field/nothing-here.js", ct);
        var api = await client.GetAsync("/api/sync/me", ct);

        Assert.Equal(HttpStatusCode.OK, shell.StatusCode);
        Assert.Equal("text/html", shell.Content.Headers.ContentType?.MediaType);
        var html = await shell.Content.ReadAsStringAsync(ct);
        Assert.Contains("<base href=\"/field/\" />", html, StringComparison.Ordinal);
        Assert.Equal(html, await deepLink.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.OK, worker.StatusCode);
        Assert.Contains("\"field/index.html\"", assets, StringComparison.Ordinal);
        Assert.Contains("\"field/_framework/blazor.webassembly.js\"", assets, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, framework.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingFile.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task The_installed_app_has_real_icons_of_the_sizes_its_manifest_names()
    {
        var ct = TestContext.Current.CancellationToken;
        using var app = await WerkbonApp.StartAsync(DatabaseProvider.Sqlite);
        var client = app.CreateClient();

        var manifest = JsonDocument.Parse(await client.GetStringAsync("/field/manifest.webmanifest", ct)).RootElement;
        var icons = manifest.GetProperty("icons").EnumerateArray().ToList();

        Assert.Contains(icons, i => i.GetProperty("purpose").GetString() == "maskable");
        Assert.Contains(icons, i => i.GetProperty("type").GetString() == "image/svg+xml");
        foreach (var icon in icons)
        {
            var response = await client.GetAsync("/field/" + icon.GetProperty("src").GetString(), ct);
            var bytes = await response.Content.ReadAsByteArrayAsync(ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(icon.GetProperty("type").GetString(), response.Content.Headers.ContentType?.MediaType);
            if (icon.GetProperty("type").GetString() == "image/png")
            {
                // The PNG header's width and height (IHDR) are the sizes the manifest promises.
                var size = icon.GetProperty("sizes").GetString()!.Split('x').Select(int.Parse).ToArray();
                Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
                Assert.Equal(size[0], BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
                Assert.Equal(size[1], BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
            }
            else
            {
                Assert.StartsWith("<svg", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task The_app_learns_who_signs_its_reports_and_office_users_are_refused()
    {
        using var app = await WerkbonApp.StartAsync(DatabaseProvider.Sqlite);
        var company = await app.CreateCompanyAsync("Alpha");
        var technician = await company.TechnicianAsync();
        var office = await company.OfficeAsync();

        var me = await technician.GetJsonAsync("/api/sync/me");
        var refused = await office.GetAsync("/api/sync/me", TestContext.Current.CancellationToken);

        Assert.Equal(company.Technician.Id, me.GetProperty("id").GetGuid());
        Assert.Equal("technician", me.GetProperty("rateClass").GetString());
        Assert.Equal("Alpha", me.GetProperty("companyName").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
