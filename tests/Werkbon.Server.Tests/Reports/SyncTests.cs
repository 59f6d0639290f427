using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Werkbon.Core.Reports;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;
using Werkbon.Server.WorkOrders;

namespace Werkbon.Server.Tests.Reports;

public class SyncTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_signed_report_and_its_photos_are_stored_once_byte_exact_and_the_work_order_is_completed(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var technician = await company.TechnicianAsync();
        var signed = SignedReports.Create(data.WorkOrderId, company.Technician.Id, new Random(1));

        var first = await technician.PushAsync(signed.Document, signed.Hash);
        var firstResult = await first.ReadJsonAsync();
        var uploads = new List<HttpStatusCode>();
        foreach (var (hash, bytes) in signed.Files)
        {
            uploads.Add((await technician.UploadAsync(hash, bytes, bytes[0] == 0x89 ? "image/png" : "image/jpeg")).StatusCode);
        }

        var again = await technician.UploadAsync(signed.Files.First().Key, signed.Files.First().Value);
        var replay = await technician.PushAsync(signed.Document, signed.Hash);
        var replayResult = await replay.ReadJsonAsync();
        var (stored, status) = await app.InCompany(company.Id, async (db, _) =>
        {
            var report = await db.Reports.SingleAsync(TestContext.Current.CancellationToken);
            var order = await db.WorkOrders.SingleAsync(w => w.Id == data.WorkOrderId, TestContext.Current.CancellationToken);
            return (report, order.Status);
        });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("Stored", firstResult.GetProperty("outcome").GetString());
        Assert.Equal(3, firstResult.GetProperty("missingPhotoHashes").GetArrayLength());
        Assert.All(uploads, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("AlreadyStored", replayResult.GetProperty("outcome").GetString());
        Assert.Equal(0, replayResult.GetProperty("missingPhotoHashes").GetArrayLength());
        Assert.Equal(CanonicalReport.ToText(signed.Document), stored.CanonicalDocument);
        Assert.Equal(signed.Hash, stored.Hash);
        Assert.True(stored.IsIntact());
        Assert.Equal(WorkOrderStatus.Completed, status);
        foreach (var (hash, bytes) in signed.Files)
        {
            var file = await app.InCompany(company.Id, (_, services) =>
                services.GetRequiredService<Werkbon.Server.Reports.IFileStore>().ReadAsync(company.Id, hash, TestContext.Current.CancellationToken));
            Assert.Equal(bytes, file);
        }
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_different_payload_under_a_stored_id_answers_409_and_the_original_stays(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var technician = await company.TechnicianAsync();
        var signed = SignedReports.Create(data.WorkOrderId, company.Technician.Id, new Random(2));
        var other = signed.Document with { Remarks = "Iets anders" };

        await technician.PushAsync(signed.Document, signed.Hash);
        var conflict = await technician.PushAsync(other, ReportHash.Compute(other));
        var stored = await app.InCompany(company.Id, (db, _) => db.Reports.SingleAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(signed.Hash, stored.Hash);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_report_changed_after_signing_answers_422_and_nothing_is_stored(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var technician = await company.TechnicianAsync();
        var signed = SignedReports.Create(data.WorkOrderId, company.Technician.Id, new Random(3));
        var tampered = new[]
        {
            signed.Document with { DistanceKm = 99m },
            signed.Document with { Materials = [signed.Document.Materials[0] with { Quantity = 1m }, signed.Document.Materials[1]] },
            signed.Document with { Signature = signed.Document.Signature with { SignerName = "Iemand anders" } },
            signed.Document with { Time = [signed.Document.Time[1]] },
        };

        var answers = new List<HttpStatusCode>();
        foreach (var document in tampered)
        {
            answers.Add((await technician.PushAsync(document, signed.Hash)).StatusCode);
        }

        var count = await app.InCompany(company.Id, (db, _) => db.Reports.CountAsync(TestContext.Current.CancellationToken));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.UnprocessableEntity, a));
        Assert.Equal(0, count);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_report_without_work_time_is_refused_with_the_reason_and_nothing_is_stored(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var technician = await company.TechnicianAsync();
        var signed = SignedReports.Create(data.WorkOrderId, company.Technician.Id, new Random(5));
        var work = signed.Document.Time[1];
        var withoutWork = new[]
        {
            signed.Document with { Time = [] },
            signed.Document with { Time = [signed.Document.Time[0]] }, // travel only
            signed.Document with { Time = [signed.Document.Time[0], work with { End = work.Start }] },
        };

        foreach (var document in withoutWork)
        {
            var response = await technician.PushAsync(document, ReportHash.Compute(document));
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var reason = Assert.Single(problem.GetProperty("errors").GetProperty("document.time").EnumerateArray()).GetString();
            Assert.Equal("Geen werktijd geregistreerd: een werkbon zonder werk kan niet getekend worden.", reason);
        }

        var count = await app.InCompany(company.Id, (db, _) => db.Reports.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, count);

        // A second of work is enough: the report is stored (and the visit bills the minimum).
        var seconds = signed.Document with { Time = [signed.Document.Time[0], work with { End = work.Start.AddSeconds(1) }] };
        Assert.Equal(HttpStatusCode.OK, (await technician.PushAsync(seconds, ReportHash.Compute(seconds))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Only_an_assigned_technician_of_the_company_can_push_a_report(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var alpha = await app.CreateCompanyAsync("Alpha");
        var bravo = await app.CreateCompanyAsync("Bravo");
        var a = await MasterData.CreateAsync(alpha, "Alpha");
        var b = await MasterData.CreateAsync(bravo, "Bravo");
        var technician = await alpha.TechnicianAsync();
        var office = await alpha.OfficeAsync();
        var admin = await alpha.AdminAsync();
        var (_, colleague) = await admin.PostJsonAsync("/api/users", new { email = "second@alpha.test", displayName = "Tweede", role = "Technician", rateClass = "technician" });
        var unassigned = SignedReports.Create(a.WorkOrderId, colleague.GetProperty("user").GetProperty("id").GetGuid(), new Random(4));
        var otherCompany = SignedReports.Create(b.WorkOrderId, alpha.Technician.Id, new Random(5));
        var mine = SignedReports.Create(a.WorkOrderId, alpha.Technician.Id, new Random(6));

        var asSomeoneElse = await technician.PushAsync(unassigned.Document, unassigned.Hash);
        var problem = await asSomeoneElse.ReadJsonAsync();
        var elsewhere = await technician.PushAsync(otherCompany.Document, otherCompany.Hash);
        var byOffice = await office.PushAsync(mine.Document, mine.Hash);
        var count = await app.InCompany(alpha.Id, (db, _) => db.Reports.CountAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, asSomeoneElse.StatusCode);
        Assert.Equal("Not assigned to this work order", problem.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOffice.StatusCode);
        Assert.Equal(0, count);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Files_are_checked_by_their_hash_their_content_and_their_size(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var technician = await company.TechnicianAsync();
        var random = new Random(7);
        var jpeg = SignedReports.Jpeg(random);
        var text = "not an image, whatever its name says"u8.ToArray();
        var huge = SignedReports.Jpeg(random, 9 * 1024 * 1024);

        var wrongHash = await technician.UploadAsync(PhotoHash.Compute(text), jpeg);
        var notImage = await technician.UploadAsync(PhotoHash.Compute(text), text, "image/jpeg");
        var tooLarge = await technician.UploadAsync(PhotoHash.Compute(huge), huge);
        var notAHash = await technician.UploadAsync("photo.jpg", jpeg);
        var count = await app.InCompany(company.Id, (db, _) => db.Files.CountAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongHash.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notImage.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notAHash.StatusCode);
        Assert.Equal(0, count);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task The_technician_pulls_todays_work_with_catalog_and_pricing_and_an_unchanged_token_gets_nothing(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var technician = await company.TechnicianAsync();
        var office = await company.OfficeAsync();

        var first = await technician.GetJsonAsync("/api/sync/changes");
        // On PostgreSQL the first token may still be held back by another test's open transaction: settle it first.
        // SQLite numbers every write in order, so there the very first token must already get nothing.
        var token = provider == DatabaseProvider.Postgres
            ? await DeltaPullTests.SettledAsync(technician, DeltaPullTests.Token(first))
            : DeltaPullTests.Token(first);
        var unchanged = await technician.GetJsonAsync($"/api/sync/changes?since={token}");
        var (moved, _) = await office.PutJsonAsync($"/api/work-orders/{data.WorkOrderId}", new
        {
            customerId = data.CustomerId, siteId = data.SiteId, description = "Verplaatst naar morgen",
            scheduledStart = "2026-03-11T08:00:00+01:00", scheduledEnd = "2026-03-11T10:00:00+01:00",
            technicianIds = new[] { company.Technician.Id }, version = 0,
        });
        var changed = await technician.GetJsonAsync($"/api/sync/changes?since={token}");

        var order = Assert.Single(first.GetProperty("workOrders").EnumerateArray());
        Assert.Equal(data.WorkOrderNumber, order.GetProperty("number").GetString());
        Assert.Equal("Alpha Gold", order.GetProperty("contract").GetProperty("name").GetString());
        Assert.Contains(first.GetProperty("articles").EnumerateArray(), a => a.GetProperty("code").GetString() == data.ArticleCode);
        Assert.Equal(60m, first.GetProperty("pricing").GetProperty("rateCard").GetProperty("hourlyRates").GetProperty("technician").GetDecimal());
        Assert.Empty(unchanged.GetProperty("workOrders").EnumerateArray());
        Assert.Equal(token, unchanged.GetProperty("changeToken").GetString());
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("Verplaatst naar morgen", changed.GetProperty("workOrders")[0].GetProperty("description").GetString());

        // The token moves past the change. On PostgreSQL it stops at the oldest transaction still open anywhere on the
        // server (another test's, here), so a pull may send the change again with the same token until that one ends.
        var next = changed.GetProperty("changeToken").GetString();
        for (var attempt = 0; next == token && attempt < 100; attempt++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            next = (await technician.GetJsonAsync($"/api/sync/changes?since={token}")).GetProperty("changeToken").GetString();
        }

        Assert.NotEqual(token, next);
    }
}
