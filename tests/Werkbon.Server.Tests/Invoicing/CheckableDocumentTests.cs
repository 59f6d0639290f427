using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Werkbon.Core.Invoicing;
using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;
using Werkbon.Server.Data;
using Werkbon.Server.Hosting;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Invoicing;

/// <summary>
/// Issued documents read back as a customer reads them, in Dutch, French and English: every line multiplies out,
/// units are words, the technician's class, the payment terms and the numbers are in the customer's language,
/// and no raw unit code, missing text key or English text shows in a Dutch or French document or screen.
/// </summary>
public partial class CheckableDocumentTests
{
    private static readonly XNamespace Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    private static readonly XNamespace Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

    /// <summary>UN/ECE codes a person must never read; they belong in the UBL file only.</summary>
    private static readonly string[] RawUnitCodes = ["HUR", "C62", "MTR", "KMT", "MIN", "H87", "LTR", "KGM", "MTK", "MTQ", "XBX", "XRO", "DAY"];

    private static readonly Texts Texts = new();

    [GeneratedRegex(@"\b(?:Pdf|Invoices|Review|Inbox|Preview|Unit|UnitShort|Reason|ReportStatus|InvoiceStatus|InvoiceKind|Form|List|Validation)\.[A-Z][A-Za-z]+\b")]
    private static partial Regex TextKey();

    private sealed record Issued(string Language, Guid InvoiceId, Guid ReportId, string Number, string PdfText, IReadOnlyList<string> PdfWords, XDocument Ubl);

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Invoices_in_dutch_french_and_english_multiply_out_in_minutes_and_read_in_the_customers_words(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Checkable");
        var office = await company.OfficeAsync();

        var issued = await IssueOneInEachLanguageAsync(app, company, office);

        foreach (var invoice in issued)
        {
            var (perHour, minutesWord, payment, technician, pipe) = invoice.Language switch
            {
                "nl" => ("60,00 €/u", "min", "30 dagen", "technieker", "1,5"),
                "fr" => ("60,00 €/h", "min", "30 jours", "technicien", "1,5"),
                _ => ("€60.00/h", "min", "30 days", "technician", "1.5"),
            };
            var what = $"{invoice.Language}: {invoice.PdfText}";

            // 16:20–17:50 on a Thursday: 40 normal minutes at 60.00/h = 40.00 and 50 evening minutes at 90.00/h = 75.00.
            Assert.True(invoice.PdfText.Contains(perHour, StringComparison.Ordinal), what);
            Assert.True(invoice.PdfWords.Contains("40") && invoice.PdfWords.Contains("50") && invoice.PdfWords.Contains(minutesWord), what);
            Assert.DoesNotContain("0,83", invoice.PdfText, StringComparison.Ordinal);
            Assert.DoesNotContain("0.83", invoice.PdfText, StringComparison.Ordinal);
            Assert.DoesNotContain("0,67", invoice.PdfText, StringComparison.Ordinal);
            Assert.Contains(technician, invoice.PdfText, StringComparison.Ordinal);
            Assert.Contains(payment, invoice.PdfText, StringComparison.Ordinal);
            Assert.Contains(pipe, invoice.PdfWords);
            Assert.DoesNotContain(invoice.PdfWords, w => RawUnitCodes.Contains(w.Trim('.', ',', ':', ';', '(', ')')));
            Assert.Empty(TextKey().Matches(invoice.PdfText).Select(m => m.Value));

            // The UBL sends the same minutes at the hourly price per 60 minutes, and passes the rules.
            var labour = invoice.Ubl.Root!.Elements(Cac + "InvoiceLine").Take(2).ToList();
            Assert.Equal(["40", "50"], labour.Select(l => l.Element(Cbc + "InvoicedQuantity")!.Value));
            Assert.All(labour, l => Assert.Equal("MIN", l.Element(Cbc + "InvoicedQuantity")!.Attribute("unitCode")!.Value));
            Assert.All(labour, l => Assert.Equal("60", l.Element(Cac + "Price")!.Element(Cbc + "BaseQuantity")!.Value));
            Assert.Equal(["40.00", "75.00"], labour.Select(l => l.Element(Cbc + "LineExtensionAmount")!.Value));
            Assert.Equal(
                invoice.Language switch { "nl" => "30 dagen", "fr" => "30 jours", _ => "30 days" },
                invoice.Ubl.Root.Element(Cac + "PaymentTerms")!.Element(Cbc + "Note")!.Value);
            Assert.Empty(PeppolRules.Check(invoice.Ubl));
            Assert.Empty(PeppolSchemas.XsdErrors(invoice.Ubl));
        }

        // No English in a Dutch or French document: no text of the English document that the language has its own words for.
        foreach (var invoice in issued.Where(i => i.Language != "en"))
        {
            var english = Texts.Keys("en").Where(k => k.StartsWith("Pdf.", StringComparison.Ordinal))
                .Select(k => (Key: k, En: Texts.In("en", k).Split('{')[0].Trim(), Own: Texts.In(invoice.Language, k)))
                // Phrases only: a single word may be a name ("Technician Checkable" is the technician's).
                .Where(t => t.En.Length >= 8 && t.En.Contains(' ', StringComparison.Ordinal) && !t.Own.Contains(t.En, StringComparison.Ordinal));
            Assert.Empty(english.Where(t => invoice.PdfText.Contains(t.En, StringComparison.Ordinal)).Select(t => $"{invoice.Language}: {t.Key} \"{t.En}\""));
        }
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_credit_note_refuses_fractions_of_a_cent_keeps_a_truthful_line_names_the_invoice_and_prints_the_reason(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Credit words");
        var office = await company.OfficeAsync();
        var dutch = (await IssueOneInEachLanguageAsync(app, company, office, ["nl"]))[0];

        // 20.005 is no amount of money: refused with a message, nothing is made.
        var (refused, problem) = await office.PostJsonAsync($"/api/invoices/{dutch.InvoiceId}/credit-notes", new { reason = "Avondtarief te veel", lines = new[] { new { index = 1, amount = 20.005m } } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("twee decimalen", problem.GetProperty("errors").GetProperty("lines[0].amount")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.InCompany(company.Id, (db, _) => db.Invoices.CountAsync(i => i.Kind == InvoiceKind.CreditNote, TestContext.Current.CancellationToken)));

        // 20.00 off the evening labour line, and 30 of its minutes (0.5 h) off the normal one.
        var (created, note) = await office.PostJsonAsync($"/api/invoices/{dutch.InvoiceId}/credit-notes", new
        {
            reason = "Avondtarief te veel aangerekend",
            lines = new object[] { new { index = 1, amount = 20.00m }, new { index = 0, quantity = 0.5m } },
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, note.ToString());
        var lines = note.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(("LS", 1m, 20.00m, 20.00m), (lines[0].GetProperty("unitCode").GetString(), lines[0].GetProperty("quantity").GetDecimal(), lines[0].GetProperty("unitPrice").GetDecimal(), lines[0].GetProperty("amount").GetDecimal()));
        Assert.Contains("avond", lines[0].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(("HUR", 0.5m, 60m, 30.00m), (lines[1].GetProperty("unitCode").GetString(), lines[1].GetProperty("quantity").GetDecimal(), lines[1].GetProperty("unitPrice").GetDecimal(), lines[1].GetProperty("amount").GetDecimal()));

        var noteId = note.GetProperty("id").GetGuid();
        var (text, words) = await PdfAsync(office, noteId);
        Assert.Contains($"Uw referentie{dutch.Number}", text, StringComparison.Ordinal);
        Assert.Contains("Reden: Avondtarief te veel aangerekend", text, StringComparison.Ordinal);
        Assert.Contains("forfait", words);
        Assert.Contains("Bedrag gecrediteerd op 50 min", text, StringComparison.Ordinal);
        Assert.Contains("30", words);
        Assert.DoesNotContain(words, w => RawUnitCodes.Contains(w.Trim('.', ',', ':', ';', '(', ')')));

        var ubl = await UblAsync(office, noteId);
        Assert.Equal(dutch.Number, ubl.Root!.Element(Cbc + "BuyerReference")!.Value);
        Assert.Contains("Avondtarief te veel aangerekend", ubl.Root.Element(Cbc + "Note")!.Value, StringComparison.Ordinal);
        var credited = ubl.Root.Elements(Cac + "CreditNoteLine").Select(l => l.Element(Cbc + "CreditedQuantity")!).ToList();
        Assert.Equal([("LS", "1"), ("MIN", "30")], credited.Select(q => (q.Attribute("unitCode")!.Value, q.Value)));
        Assert.Empty(PeppolRules.Check(ubl));
        Assert.Empty(PeppolSchemas.XsdErrors(ubl));
        Assert.True((await office.GetJsonAsync("/api/invoices/verification")).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task Dutch_and_french_screens_show_no_unit_code_no_text_key_and_no_english_warning()
    {
        using var app = await WerkbonApp.StartAsync(DatabaseProvider.Sqlite);
        var company = await app.CreateCompanyAsync("Screens");
        var office = await company.OfficeAsync();
        var english = (await IssueOneInEachLanguageAsync(app, company, office, ["en"]))[0];

        foreach (var language in new[] { "nl", "fr" })
        {
            foreach (var page in new[] { $"/invoices/{english.InvoiceId}", $"/reports/{english.ReportId}" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, page);
                request.Headers.Add("Cookie", $".AspNetCore.Culture={Uri.EscapeDataString(Texts.CookieValue(language).Split(';')[0])}");
                var response = await office.SendAsync(request, TestContext.Current.CancellationToken);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                var body = html[html.IndexOf("<body", StringComparison.Ordinal)..];
                var visible = WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(body, "<script.*?</script>", " ", RegexOptions.Singleline), "<[^>]+>", " "));
                var words = Regex.Split(visible, @"\s+").Where(w => w.Length > 0).ToList();
                var what = $"{language} {page}";

                Assert.True(words.Count > 20, $"{what}: the page shows nothing: {visible}");
                Assert.True(visible.Contains("min", StringComparison.Ordinal), $"{what}: {visible}");
                Assert.Empty(words.Where(w => RawUnitCodes.Contains(w.Trim('.', ',', ':', ';', '(', ')'))).Select(w => $"{what}: {w}"));
                Assert.Empty(TextKey().Matches(visible).Select(m => $"{what}: {m.Value}"));
                // The lines are the English customer's; the office's warnings are in the reader's language.
                if (page.StartsWith("/reports/", StringComparison.Ordinal))
                {
                    var warnings = Regex.Matches(body, @"data-testid=""warning"".*?mud-alert-message[^>]*>(.*?)</div>", RegexOptions.Singleline)
                        .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
                    Assert.Contains(warnings, w => w.Contains(language == "nl" ? "ter plaatse gevraagd" : "demandé(s) sur place", StringComparison.Ordinal));
                    Assert.DoesNotContain(warnings, w => w.Contains("asked on site", StringComparison.Ordinal));
                }

                // A line's description and its explanation are apart, also as text is copied: "avond 50 min", never "avond50 min".
                var rows = Regex.Matches(body, @"<tr[^>]*data-testid=""(priced-line|invoice-line)"".*?</tr>", RegexOptions.Singleline).Select(m => m.Value).ToList();
                Assert.NotEmpty(rows);
                foreach (var row in rows)
                {
                    Assert.DoesNotMatch(@"[a-zà-ÿ]\d+(,\d+)? (min|km)\b", WebUtility.HtmlDecode(Regex.Replace(row, "<[^>]+>", "")));
                }
            }
        }
    }

    [Fact]
    public async Task An_english_screen_writes_numbers_with_a_decimal_point()
    {
        using var app = await WerkbonApp.StartAsync(DatabaseProvider.Sqlite);
        var company = await app.CreateCompanyAsync("English screen");
        var office = await company.OfficeAsync();
        var dutch = (await IssueOneInEachLanguageAsync(app, company, office, ["nl"]))[0];

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/invoices/{dutch.InvoiceId}");
        request.Headers.Add("Cookie", $".AspNetCore.Culture={Uri.EscapeDataString(Texts.CookieValue("en").Split(';')[0])}");
        var response = await office.SendAsync(request, TestContext.Current.CancellationToken);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        // The evening line: 50 min at 90.00/h = 75.00; the pipe: 1.5 m.
        Assert.Contains("€75.00", html, StringComparison.Ordinal);
        Assert.Contains("1.5 m", html, StringComparison.Ordinal);
        Assert.DoesNotContain("75,00", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// For each language, a business customer (30 days) whose technician worked Thursday 2026-03-12 16:20–17:50 at 22 km,
    /// fitted 2 hoses and 1.5 m of pipe (one hose an extra asked on site); the report approved and its invoice issued.
    /// </summary>
    private static async Task<List<Issued>> IssueOneInEachLanguageAsync(WerkbonApp app, TestCompany company, HttpClient office, string[]? languages = null)
    {
        var technician = await company.TechnicianAsync();
        (await office.PutJsonAsync("/api/invoices/settings", new { grouping = "PerReport", invoiceFormat = "{yyyy}/{n:000000}", creditNoteFormat = "CN{yyyy}/{n:000000}" })).Response.EnsureSuccessStatusCode();
        await Created(office.PostJsonAsync("/api/articles", new { code = "HOSE", nameNl = "Slang", nameFr = "Flexible", nameEn = "Hose", unit = "C62", listPrice = 8.40m, vatRate = 21m, kind = "Part", category = "parts" }));
        await Created(office.PostJsonAsync("/api/articles", new { code = "PIPE", nameNl = "Koperbuis", nameFr = "Tube cuivre", nameEn = "Copper pipe", unit = "MTR", listPrice = 3.20m, vatRate = 21m, kind = "Part", category = "parts" }));
        var address = new { street = "Straat 1", postalCode = "2800", city = "Mechelen", country = "BE" };
        var issued = new List<Issued>();
        var random = new Random(11);
        foreach (var language in languages ?? ["nl", "fr", "en"])
        {
            var customer = await Created(office.PostJsonAsync("/api/customers", new
            {
                kind = "Business", name = $"Klant {language}", enterpriseNumber = "0403170701", vatNumber = "BE0403170701", language, billingAddress = address, paymentTermDays = 30,
            }));
            var site = await Created(office.PostJsonAsync("/api/sites", new { customerId = customer, name = "Site", distanceKm = 22m, address }));
            var day = new DateOnly(2026, 3, 12);
            var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(16, 20)), TimeSpan.FromHours(1));
            var end = new DateTimeOffset(day.ToDateTime(new TimeOnly(17, 50)), TimeSpan.FromHours(1));
            var order = await Created(office.PostJsonAsync("/api/work-orders", new
            {
                customerId = customer, siteId = site, description = "Onderhoud", scheduledStart = start, scheduledEnd = end, technicianIds = new[] { company.Technician.Id },
            }));
            var signature = SignedReports.Png(random);
            var document = new ReportDocument(
                ReportDocument.CurrentVersion, Guid.CreateVersion7(), order, company.Technician.Id, "technician", day,
                [new(Guid.CreateVersion7(), start, end, TimeEntryKind.Work, false, null)],
                22m,
                [
                    new ReportMaterial(Guid.CreateVersion7(), "HOSE", "Slang", 1m, "C62", false, null, false),
                    new ReportMaterial(Guid.CreateVersion7(), "HOSE", "Slang", 1m, "C62", true, null, false),
                    new ReportMaterial(Guid.CreateVersion7(), "PIPE", "Koperbuis", 1.5m, "MTR", false, null, false),
                ],
                "Onderhoud", "", [], [], false, null, false,
                new ReportSignature("Els Janssens", end.AddMinutes(5), PhotoHash.Compute(signature), false, null));
            var pushed = await technician.PushAsync(document, ReportHash.Compute(document));
            Assert.True(pushed.IsSuccessStatusCode, await pushed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            var approved = await office.PostAsync($"/api/reports/{document.ReportId}/approve", null, TestContext.Current.CancellationToken);
            Assert.True(approved.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.Conflict);
            var draft = await app.InCompany(company.Id, (db, _) => db.InvoiceSources.Where(x => x.ReportId == document.ReportId).Select(x => x.InvoiceId).FirstAsync(TestContext.Current.CancellationToken));
            var (response, invoice) = await office.PostJsonAsync($"/api/invoices/{draft}/issue", new { });
            Assert.True(response.StatusCode == HttpStatusCode.OK, invoice.ToString());
            var (text, words) = await PdfAsync(office, draft);
            issued.Add(new Issued(language, draft, document.ReportId, invoice.GetProperty("number").GetString()!, text, words, await UblAsync(office, draft)));
        }

        return issued;
    }

    private static async Task<(string Text, IReadOnlyList<string> Words)> PdfAsync(HttpClient office, Guid id)
    {
        var pdf = await office.GetAsync($"/api/invoices/{id}/pdf", TestContext.Current.CancellationToken);
        pdf.EnsureSuccessStatusCode();
        using var read = UglyToad.PdfPig.PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        var pages = read.GetPages().ToList();
        return (string.Concat(pages.Select(p => p.Text)), [.. pages.SelectMany(p => p.GetWords()).Select(w => w.Text)]);
    }

    private static async Task<XDocument> UblAsync(HttpClient office, Guid id)
    {
        var ubl = await office.GetAsync($"/api/invoices/{id}/ubl", TestContext.Current.CancellationToken);
        ubl.EnsureSuccessStatusCode();
        return XDocument.Load(await ubl.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<Guid> Created(Task<(HttpResponseMessage Response, JsonElement Body)> call)
    {
        var (response, body) = await call;
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetGuid();
    }
}
