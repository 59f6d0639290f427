using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Werkbon.Core.Reports;
using Werkbon.Server.Data;
using Werkbon.Server.Reports;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Reports;

/// <summary>Photos and signatures: only whole images of a sane size are kept, served as what the server read them to be, and files no report claims do not pile up.</summary>
public class UploadTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task An_image_signature_in_front_of_a_web_page_or_a_decompression_bomb_is_refused_and_nothing_is_stored(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var technician = await company.TechnicianAsync();
        var random = new Random(11);
        var html = "<html><body><script>fetch('/api/users').then(r => r.text()).then(alert)</script></body></html>"u8.ToArray();
        byte[] jpegPolyglot = [0xFF, 0xD8, 0xFF, 0xE0, .. html];
        byte[] pngPolyglot = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. html];
        byte[] jpegThenPage = [.. SignedReports.Jpeg(random), .. html];
        byte[] pngThenPage = [.. SignedReports.Png(random), .. html];
        var bomb = SignedReports.Png(random, width: 20_000, height: 20_000);
        var widePhoto = SignedReports.Jpeg(random, width: 60_000, height: 60_000);

        var answers = new List<HttpResponseMessage>();
        foreach (var bytes in new[] { jpegPolyglot, pngPolyglot, jpegThenPage, pngThenPage, bomb, widePhoto })
        {
            answers.Add(await technician.UploadAsync(PhotoHash.Compute(bytes), bytes, "image/jpeg"));
        }

        var stored = await app.InCompany(company.Id, (db, _) => db.Files.CountAsync(TestContext.Current.CancellationToken));

        Assert.All(answers.Take(4), a => Assert.Equal(HttpStatusCode.UnsupportedMediaType, a.StatusCode));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answers[4].StatusCode);
        Assert.Contains("20000 × 20000", (await answers[4].ReadJsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answers[5].StatusCode);
        Assert.Equal(0, stored);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_report_file_is_served_as_the_server_read_it_never_sniffed_and_anything_not_an_image_only_as_a_download(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var technician = await company.TechnicianAsync();
        var office = await company.OfficeAsync();
        var signed = SignedReports.Create(data.WorkOrderId, company.Technician.Id, new Random(3), photos: 2);
        var (photo, photoBytes) = signed.Files.First(f => f.Value[0] == 0xFF);
        var signatureHash = signed.Document.Signature.ImageSha256!;
        var otherPhoto = signed.Files.Keys.First(h => h != photo && h != signatureHash);
        foreach (var (hash, bytes) in signed.Files.Where(f => f.Key != otherPhoto))
        {
            Assert.Equal(HttpStatusCode.Created, (await technician.UploadAsync(hash, bytes, "text/html")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await technician.PushAsync(signed.Document, signed.Hash)).StatusCode);

        // A page stored under a report's photo before uploads were read whole (it began like a JPEG).
        byte[] page = [0xFF, 0xD8, 0xFF, .. "<html><script>alert(document.cookie)</script></html>"u8.ToArray()];
        await app.InCompany(company.Id, async (db, services) =>
        {
            await services.GetRequiredService<IFileStore>().WriteAsync(company.Id, otherPhoto, page, TestContext.Current.CancellationToken);
            db.Files.Add(new StoredFile { Sha256 = otherPhoto, ContentType = "image/jpeg", Length = page.Length, ReceivedAt = app.Clock.GetUtcNow().UtcDateTime });
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        var image = await office.GetAsync($"/api/reports/{signed.Document.ReportId}/files/{photo}", TestContext.Current.CancellationToken);
        var signature = await office.GetAsync($"/api/reports/{signed.Document.ReportId}/files/{signatureHash}", TestContext.Current.CancellationToken);
        var notAnImage = await office.GetAsync($"/api/reports/{signed.Document.ReportId}/files/{otherPhoto}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", image.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("inline", image.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"{photo[..16]}.jpg", image.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(photoBytes, await image.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal("image/png", signature.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", signature.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"{signatureHash[..16]}.png", signature.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(HttpStatusCode.OK, notAnImage.StatusCode);
        Assert.Equal("application/octet-stream", notAnImage.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", notAnImage.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"{otherPhoto[..16]}.bin", notAnImage.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("nosniff", notAnImage.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_technician_may_have_only_so_many_files_waiting_for_their_report_and_files_no_report_claims_are_removed_after_the_retention(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider, settings: new Dictionary<string, string>
        {
            ["Uploads:MaxUnreferencedFiles"] = "3",
            ["Uploads:OrphanRetentionDays"] = "7",
        });
        var ct = TestContext.Current.CancellationToken;
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var technician = await company.TechnicianAsync();
        var random = new Random(5);
        var signed = SignedReports.Create(data.WorkOrderId, company.Technician.Id, random, photos: 2);
        var stray = Enumerable.Range(0, 3).Select(_ => SignedReports.Jpeg(random)).ToArray();

        var reportUploads = new List<HttpStatusCode>();
        foreach (var (hash, bytes) in signed.Files)
        {
            reportUploads.Add((await technician.UploadAsync(hash, bytes)).StatusCode);
        }

        var overTheCap = await technician.UploadAsync(PhotoHash.Compute(stray[0]), stray[0]);
        var overTheCapProblem = await overTheCap.ReadJsonAsync();
        var push = await technician.PushAsync(signed.Document, signed.Hash);
        var afterThePush = await technician.UploadAsync(PhotoHash.Compute(stray[0]), stray[0]);

        app.Clock.Advance(TimeSpan.FromDays(6));
        technician = await company.TechnicianAsync(); // signed in again: a session does not last days
        var withinTheRetention = await technician.UploadAsync(PhotoHash.Compute(stray[1]), stray[1]);
        var keptWithinTheRetention = await app.InCompany(company.Id, (db, _) => db.Files.CountAsync(ct));

        app.Clock.Advance(TimeSpan.FromDays(2));
        technician = await company.TechnicianAsync();
        var pastTheRetention = await technician.UploadAsync(PhotoHash.Compute(stray[2]), stray[2]);
        var kept = await app.InCompany(company.Id, (db, _) => db.Files.Select(f => f.Sha256).ToListAsync(ct));
        var bytesOfTheOrphan = await app.InCompany(company.Id, (_, services) => services.GetRequiredService<IFileStore>().ReadAsync(company.Id, PhotoHash.Compute(stray[0]), ct));
        var bytesOfTheReport = await app.InCompany(company.Id, (_, services) => services.GetRequiredService<IFileStore>().ReadAsync(company.Id, signed.Files.First().Key, ct));

        Assert.All(reportUploads, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, overTheCap.StatusCode);
        Assert.Equal("Too many files waiting for their report", overTheCapProblem.GetProperty("title").GetString());
        Assert.Contains("3 files", overTheCapProblem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, push.StatusCode);
        Assert.Equal(HttpStatusCode.Created, afterThePush.StatusCode);
        Assert.Equal(HttpStatusCode.Created, withinTheRetention.StatusCode);
        Assert.Equal(5, keptWithinTheRetention);
        Assert.Equal(HttpStatusCode.Created, pastTheRetention.StatusCode);
        Assert.Equal(signed.Files.Keys.Append(PhotoHash.Compute(stray[1])).Append(PhotoHash.Compute(stray[2])).Order(StringComparer.Ordinal).ToList(), kept.Order(StringComparer.Ordinal).ToList());
        Assert.Null(bytesOfTheOrphan);
        Assert.NotNull(bytesOfTheReport);
    }
}
