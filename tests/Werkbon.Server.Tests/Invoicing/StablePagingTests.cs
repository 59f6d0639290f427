using System.Net;
using Werkbon.Server.Data;
using Werkbon.Server.Demo;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Invoicing;

/// <summary>Paging through a list whose rows tie on every visible sort key (drafts made in one gathering) shows each row once.</summary>
public sealed class StablePagingTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Paging_through_drafts_made_at_the_same_instant_lists_every_draft_exactly_once(DatabaseProvider provider)
    {
        await using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Stabiel Bladeren");
        var office = await company.OfficeAsync();
        await app.InCompany(company.Id, (db, _) => VolumeSeed.ApprovedReportsAsync(
            db, company.Technician.Id, reports: 47, customers: 47, new DateOnly(2026, 3, 1), seed: 5, app.Clock.GetUtcNow().UtcDateTime, TestContext.Current.CancellationToken));
        var (gathered, body) = await office.PostJsonAsync("/api/invoices/drafts", new { });
        Assert.Equal(HttpStatusCode.OK, gathered.StatusCode);
        Assert.Equal(47, body.GetProperty("intoDrafts").GetInt32());

        var seen = new List<Guid>();
        for (var page = 1; page <= 7; page++)
        {
            var found = await office.GetJsonAsync($"/api/invoices?status=Draft&page={page}&pageSize=7");
            Assert.Equal(47, found.GetProperty("total").GetInt32());
            seen.AddRange(found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        }

        Assert.Equal(47, seen.Count);
        Assert.Equal(47, seen.Distinct().Count());
    }
}
