using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Browser;

/// <summary>
/// A report signed at 18:00 in Brussels reads 18:00 wherever a person reads it: the inbox, the review page
/// (its time line, signature and audit trail), the customer's timeline, the invoice lines and the signed-report
/// page of the invoice PDF; in winter (UTC+01:00) and in summer (UTC+02:00) alike.
/// </summary>
public class CompanyClockBrowserTests
{
    public static TheoryData<string, string> Seasons => new()
    {
        { "2026-01-15", "+01:00" },
        { "2026-07-15", "+02:00" },
    };

    [Theory]
    [MemberData(nameof(Seasons))]
    public async Task A_report_signed_at_six_in_the_evening_in_Brussels_reads_six_everywhere(string date, string offset)
    {
        var ct = TestContext.Current.CancellationToken;
        var day = DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var utcOffset = TimeSpan.Parse(offset.TrimStart('+'), CultureInfo.InvariantCulture);
        DateTimeOffset Local(int hour, int minute) => new(day.ToDateTime(new TimeOnly(hour, minute)), utcOffset);
        var signedAt = Local(18, 0);

        var (app, url) = await WerkbonApp.StartOnKestrelAsync(DatabaseProvider.Sqlite, seedDemo: false);
        using var _ = app;
        var company = await app.CreateCompanyAsync("Klok " + date);
        var master = await MasterData.CreateAsync(company, "KL" + day.Month);
        var office = await company.OfficeAsync();
        var (created, order) = await office.PostJsonAsync("/api/work-orders", new
        {
            customerId = master.CustomerId,
            siteId = master.SiteId,
            description = "Storing ketel",
            scheduledStart = Local(15, 30),
            scheduledEnd = Local(18, 30),
            assetIds = Array.Empty<Guid>(),
            technicianIds = new[] { company.Technician.Id },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var workOrderId = order.GetProperty("id").GetGuid();

        // As the device signs it: times in UTC in the signed document, the free-text extra keeps it for review.
        var template = SignedReports.Create(workOrderId, company.Technician.Id, new Random(day.DayNumber));
        var document = template.Document with
        {
            VisitDate = day,
            Time =
            [
                new(Guid.CreateVersion7(), Local(15, 50).ToUniversalTime(), Local(16, 10).ToUniversalTime(), TimeEntryKind.Travel, false, null),
                new(Guid.CreateVersion7(), Local(16, 10).ToUniversalTime(), Local(17, 45).ToUniversalTime(), TimeEntryKind.Work, false, "Brander vervangen"),
            ],
            Materials = [.. template.Document.Materials.Select(m => m.ArticleCode is null ? m : m with { ArticleCode = master.ArticleCode })],
            Signature = template.Document.Signature with { SignedAt = signedAt.ToUniversalTime() },
        };
        var technician = await company.TechnicianAsync();
        foreach (var (hash, bytes) in template.Files)
        {
            (await technician.UploadAsync(hash, bytes, hash == document.Signature.ImageSha256 ? "image/png" : "image/jpeg")).EnsureSuccessStatusCode();
        }

        (await technician.PushAsync(document, ReportHash.Compute(document))).EnsureSuccessStatusCode();

        // It reached the office the moment it was signed (the browser's sign-in cookie needs the real clock).
        await app.InCompany(company.Id, (db, _) => db.AuditEvents.Where(e => e.EntityId == document.ReportId)
            .ExecuteUpdateAsync(e => e.SetProperty(a => a.At, signedAt.UtcDateTime), ct));

        // On UTC the same moments read one or two hours earlier: none of those may show.
        var utcSigned = signedAt.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);
        var utcEnd = Local(17, 45).UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);

        await using var browser = await BrowserSession.StartAsync(url);
        var page = browser.Page;
        try
        {
            await browser.SignInAsync(company.Office.Email!, WerkbonApp.Password, "/inbox");
            var row = page.Locator($"[data-testid=report-row][data-id='{document.ReportId}']");
            await Assertions.Expect(row).ToContainTextAsync("18:00");
            await Assertions.Expect(row).Not.ToContainTextAsync(utcSigned);

            await browser.OpenAsync($"/reports/{document.ReportId}");
            var timeLine = page.Locator("[data-testid=time-line]");
            await Assertions.Expect(timeLine).ToContainTextAsync("15:50–16:10");
            await Assertions.Expect(timeLine).ToContainTextAsync("16:10–17:45");
            await Assertions.Expect(timeLine).Not.ToContainTextAsync(utcEnd);
            await Assertions.Expect(page.Locator("[data-testid=signed-by]")).ToContainTextAsync("18:00");
            await Assertions.Expect(page.Locator("[data-testid=signed-by]")).Not.ToContainTextAsync(utcSigned);
            var arrival = page.Locator("[data-testid=audit-entry]").First;
            await Assertions.Expect(arrival).ToContainTextAsync("18:00");
            await Assertions.Expect(arrival).Not.ToContainTextAsync(utcSigned);

            await browser.OpenAsync($"/customers/{master.CustomerId}/overview");
            var entries = page.Locator("[data-testid=timeline-entry]");
            await Assertions.Expect(entries.Filter(new() { HasText = "18:00" })).ToHaveCountAsync(1);
            await Assertions.Expect(entries.Filter(new() { HasText = utcSigned })).ToHaveCountAsync(0);

            var approved = await office.PostAsync($"/api/reports/{document.ReportId}/approve", null, ct);
            Assert.True(approved.IsSuccessStatusCode, $"approve answered {(int)approved.StatusCode}");
            var invoiceId = (await office.GetJsonAsync("/api/invoices")).GetProperty("items")[0].GetProperty("id").GetGuid();
            await browser.OpenAsync($"/invoices/{invoiceId}");
            var lines = page.Locator("[data-testid=invoice-line]");
            await Assertions.Expect(lines.Filter(new() { HasText = "17:45" })).Not.ToHaveCountAsync(0);
            await Assertions.Expect(lines.Filter(new() { HasText = utcEnd })).ToHaveCountAsync(0);

            var issued = await office.PostAsync($"/api/invoices/{invoiceId}/issue", null, ct);
            Assert.True(issued.IsSuccessStatusCode, $"issue answered {(int)issued.StatusCode}");
            var pdf = await office.GetAsync($"/api/invoices/{invoiceId}/pdf", ct);
            using var read = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync(ct));
            var reportPage = Regex.Replace(string.Concat(read.GetPages().Skip(1).Select(p => p.Text)), @"\s+", "");
            Assert.Contains("16:10–17:45", reportPage, StringComparison.Ordinal);
            Assert.Contains($"{day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}18:00(UTC{offset})", reportPage, StringComparison.Ordinal);
            Assert.DoesNotContain($"{utcSigned}(UTC", reportPage, StringComparison.Ordinal);
        }
        catch
        {
            await browser.ScreenshotAsync(nameof(A_report_signed_at_six_in_the_evening_in_Brussels_reads_six_everywhere) + date);
            throw;
        }
    }
}
