using System.Net;
using Microsoft.EntityFrameworkCore;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Invoicing;

/// <summary>Any change to the issued invoices behind the application's back is found, and named.</summary>
public class InvoiceChainTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Verification_names_the_first_invoice_changed_deleted_or_swapped_behind_the_applications_back(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var ct = TestContext.Current.CancellationToken;

        async Task<(TestCompany Company, HttpClient Office)> IssuedSix(string name)
        {
            var company = await app.CreateCompanyAsync(name);
            var customer = await Invoices.CustomerAsync(company);
            var office = await company.OfficeAsync();
            var drafts = await Invoices.DraftsAsync(company, customer, 6);
            var (issued, _) = await office.PostJsonAsync("/api/invoices/issue", new { ids = drafts });
            Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
            var verification = await office.GetJsonAsync("/api/invoices/verification");
            Assert.True(verification.GetProperty("intact").GetBoolean());
            Assert.Equal(6, verification.GetProperty("checked").GetInt32());
            return (company, office);
        }

        Task Sql(TestCompany company, FormattableString sql) => app.InCompany(company.Id, (db, _) => db.Database.ExecuteSqlAsync(sql, ct));

        async Task<(string? Number, string? Problem)> Broken(HttpClient office)
        {
            var verification = await office.GetJsonAsync("/api/invoices/verification");
            Assert.False(verification.GetProperty("intact").GetBoolean());
            return (verification.GetProperty("firstBrokenNumber").GetString(), verification.GetProperty("problem").GetString());
        }

        // A hashed field: the total of the third invoice.
        var (changed, changedOffice) = await IssuedSix("Changed");
        await Sql(changed, $"UPDATE \"Invoices\" SET \"Total\" = {999.99m} WHERE \"Number\" = {"2026/000003"} AND \"CompanyId\" = {changed.Id}");
        Assert.Equal("2026/000003", (await Broken(changedOffice)).Number);

        // The issued snapshot itself: a line's amount rewritten in the stored JSON of the second invoice.
        var (rewritten, rewrittenOffice) = await IssuedSix("Rewritten");
        await Sql(rewritten, $"UPDATE \"Invoices\" SET \"Snapshot\" = REPLACE(\"Snapshot\", {"\"amount\":100"}, {"\"amount\":90"}) WHERE \"Number\" = {"2026/000002"} AND \"CompanyId\" = {rewritten.Id}");
        Assert.Equal("2026/000002", (await Broken(rewrittenOffice)).Number);

        // A deleted issued invoice: the fourth; the break shows at the fifth.
        var (deleted, deletedOffice) = await IssuedSix("Deleted");
        await Sql(deleted, $"DELETE FROM \"Invoices\" WHERE \"Number\" = {"2026/000004"} AND \"CompanyId\" = {deleted.Id}");
        var (afterGap, gapProblem) = await Broken(deletedOffice);
        Assert.Equal("2026/000005", afterGap);
        Assert.Contains("2026/000003", gapProblem, StringComparison.Ordinal);

        // The last issued invoice deleted: the chain head still counts it.
        var (lastDeleted, lastDeletedOffice) = await IssuedSix("LastDeleted");
        await Sql(lastDeleted, $"DELETE FROM \"Invoices\" WHERE \"Number\" = {"2026/000006"} AND \"CompanyId\" = {lastDeleted.Id}");
        var (last, lastProblem) = await Broken(lastDeletedOffice);
        Assert.Equal("2026/000005", last);
        Assert.Contains("missing", lastProblem, StringComparison.Ordinal);

        // Two swapped in the chain: the fifth now stands where the fourth was.
        var (swapped, swappedOffice) = await IssuedSix("Swapped");
        await Sql(swapped, $"UPDATE \"Invoices\" SET \"ChainPosition\" = -4 WHERE \"Number\" = {"2026/000004"} AND \"CompanyId\" = {swapped.Id}");
        await Sql(swapped, $"UPDATE \"Invoices\" SET \"ChainPosition\" = 4 WHERE \"Number\" = {"2026/000005"} AND \"CompanyId\" = {swapped.Id}");
        await Sql(swapped, $"UPDATE \"Invoices\" SET \"ChainPosition\" = 5 WHERE \"Number\" = {"2026/000004"} AND \"CompanyId\" = {swapped.Id}");
        Assert.Equal("2026/000005", (await Broken(swappedOffice)).Number);

        // Two numbers swapped between invoices: the first of them no longer says what was issued.
        var (renumbered, renumberedOffice) = await IssuedSix("Renumbered");
        await Sql(renumbered, $"UPDATE \"Invoices\" SET \"Number\" = {"X"} WHERE \"Number\" = {"2026/000002"} AND \"CompanyId\" = {renumbered.Id}");
        await Sql(renumbered, $"UPDATE \"Invoices\" SET \"Number\" = {"2026/000002"} WHERE \"Number\" = {"2026/000005"} AND \"CompanyId\" = {renumbered.Id}");
        await Sql(renumbered, $"UPDATE \"Invoices\" SET \"Number\" = {"2026/000005"} WHERE \"Number\" = {"X"} AND \"CompanyId\" = {renumbered.Id}");
        Assert.Equal("2026/000005", (await Broken(renumberedOffice)).Number);

        // A stored PDF replaced: its bytes no longer match the hash issued with it.
        var (pdf, pdfOffice) = await IssuedSix("Pdf");
        var third = (await Invoices.IssuedAsync(pdf))[2].Id;
        await app.InCompany(pdf.Id, async (db, _) =>
        {
            var stored = await db.InvoiceFiles.AsNoTracking().FirstAsync(f => f.InvoiceId == third && f.Kind == Server.Invoicing.InvoiceFile.Pdf, ct);
            var bytes = stored.Content.ToArray();
            bytes[^10] ^= 0x20;
            return await db.Database.ExecuteSqlAsync($"UPDATE \"InvoiceFiles\" SET \"Content\" = {bytes} WHERE \"Id\" = {stored.Id}", ct);
        });
        Assert.Equal("2026/000003", (await Broken(pdfOffice)).Number);

        // The untouched companies stay intact: each company has its own chain.
        var (intact, intactOffice) = await IssuedSix("Intact");
        Assert.True((await intactOffice.GetJsonAsync("/api/invoices/verification")).GetProperty("intact").GetBoolean());
        Assert.NotNull(intact);
    }
}
