using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Werkbon.Core.Invoicing;
using Werkbon.Server.Companies;
using Werkbon.Server.Customers;
using Werkbon.Server.Hosting;
using Werkbon.Server.Reports;

namespace Werkbon.Server.Invoicing;

public sealed record IssueMany(IReadOnlyList<Guid>? Ids);

public sealed record IssuedNumber(Guid Id, string Number, DateOnly IssueDate);

/// <summary>A seam to fail an issue after its number was taken and before it commits (tests prove nothing of it survives).</summary>
public sealed class InvoiceIssueHooks
{
    public Func<Invoice, CancellationToken, Task>? BeforeCommit { get; set; }
}

/// <summary>
/// Issuing: in one transaction that holds the company's chain, take the next number of the series, date the
/// document, freeze its snapshot, link it into the hash chain, render and store its PDF and UBL once, and mark
/// its reports invoiced. Either all of it commits or none of it, and the number goes to the next issue.
/// </summary>
public static class IssueInvoice
{
    public static async Task<Results<Ok<InvoiceDetails>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Issue(
        Guid id, ClaimsPrincipal user, AppDb db, TimeProvider clock, InvoiceIssueHooks hooks, InvoiceRendering rendering, CancellationToken ct)
    {
        if (!await db.Invoices.AnyAsync(i => i.Id == id, ct))
        {
            return Rows.Missing("invoice");
        }

        await IssueAsync(id, UserId(user), db, clock, hooks, rendering, ct);
        return TypedResults.Ok((await SearchInvoices.DetailsAsync(db, id, ct))!);
    }

    /// <summary>Issues several drafts in the order given, each in its own transaction; unknown ids or issued ones refuse the whole request up-front.</summary>
    public static async Task<Results<Ok<IReadOnlyList<IssuedNumber>>, ValidationProblem>> IssueAll(
        IssueMany request, ClaimsPrincipal user, AppDb db, Texts texts, TimeProvider clock, InvoiceIssueHooks hooks, InvoiceRendering rendering, CancellationToken ct)
    {
        var ids = (request.Ids ?? []).Distinct().ToList();
        var drafts = await db.Invoices.AsNoTracking()
            .Where(i => ids.Contains(i.Id) && i.Status == InvoiceStatus.Draft)
            .Select(i => new { i.Id, Lines = i.Lines.Count })
            .ToListAsync(ct);
        if (ids.Count == 0 || drafts.Count != ids.Count)
        {
            return new Validation(texts).Add("ids", "Invoices.NotDrafts").Problem();
        }

        if (drafts.Any(d => d.Lines == 0))
        {
            return new Validation(texts).Add("ids", "Invoices.NoLines").Problem();
        }

        var issued = new List<IssuedNumber>(ids.Count);
        foreach (var id in ids)
        {
            var invoice = await IssueAsync(id, UserId(user), db, clock, hooks, rendering, ct);
            issued.Add(new IssuedNumber(invoice.Id, invoice.Number!, invoice.IssueDate!.Value));
        }

        return TypedResults.Ok<IReadOnlyList<IssuedNumber>>(issued);
    }

    public static async Task<Invoice> IssueAsync(Guid id, Guid? userId, AppDb db, TimeProvider clock, InvoiceIssueHooks hooks, InvoiceRendering rendering, CancellationToken ct)
    {
        // Rows read before the lock may be stale; everything is read again inside the transaction.
        db.ChangeTracker.Clear();
        var ledgerId = await EnsureNumberingAsync(db, ct);
        await using var transaction = await SerialWrites.BeginInvoiceChainAsync(db, ledgerId, ct);
        try
        {
            var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.Id == id, ct)
                ?? throw new DomainException("The invoice does not exist.", "id", StatusCodes.Status404NotFound);
            invoice.EnsureDraft();
            var ledger = await db.InvoiceLedgers.FirstAsync(ct);
            var series = await db.InvoiceSeries.FirstAsync(s => s.Kind == invoice.Kind, ct);
            var company = await db.Companies.FirstAsync(c => c.Id == db.CompanyId, ct);
            var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == invoice.CustomerId, ct);
            var now = clock.GetUtcNow();
            var (sequence, number, issueDate) = series.Take(Today(company, now));
            var corrected = invoice.CorrectsInvoiceId is { } correctedId
                ? await db.Invoices.AsNoTracking().Where(i => i.Id == correctedId).Select(i => new { i.Number, i.IssueDate }).FirstAsync(ct)
                : null;
            var reports = invoice.Kind == InvoiceKind.Invoice ? await ReportsAsync(db, invoice.ReportIds, ct) : [];
            var document = new InvoiceDocument(
                invoice.Kind,
                number,
                issueDate,
                invoice.Kind == InvoiceKind.CreditNote ? issueDate : issueDate.AddDays(customer.PaymentTermDays),
                customer.Language,
                Seller(company),
                Buyer(customer),
                invoice.Lines,
                InvoiceTotals.Compute(invoice.Lines).VatBreakdown,
                invoice.Net,
                invoice.Vat,
                invoice.Total,
                invoice.Kind == InvoiceKind.CreditNote ? "" : StructuredCommunication.ForInvoice(issueDate.Year, sequence).ToString(),
                company.Iban,
                company.Bic,
                invoice.LegalTexts)
            {
                BuyerReference = await BuyerReferenceAsync(db, invoice, number, ct),
                PeriodStart = invoice.PeriodStart,
                PeriodEnd = invoice.PeriodEnd,
                PrecedingInvoiceNumber = corrected?.Number,
                PrecedingInvoiceIssueDate = corrected?.IssueDate,
                Reports = [.. reports.Select(r => r.Reference)],
                PaymentTerms = invoice.Kind == InvoiceKind.Invoice ? $"{customer.PaymentTermDays}" : "",
            };

            var snapshot = InvoiceHashes.Snapshot(document);
            var hash = InvoiceHashes.Link(document, ledger.LastHash);
            var files = await rendering.RenderAsync(invoice.CompanyId, document, [.. reports.Select(r => r.Pdf)], ct);
            var pdf = new InvoiceFile(invoice.Id, InvoiceFile.Pdf, "application/pdf", files.Pdf);
            var ubl = new InvoiceFile(invoice.Id, InvoiceFile.Ubl, "application/xml", files.Ubl);
            db.InvoiceFiles.AddRange(pdf, ubl);
            var previous = ledger.LastHash;
            ledger.Append(hash);
            invoice.Issue(series, sequence, number, new IssuedDocument(document, snapshot, ledger.Position, previous, hash, pdf.Sha256, ubl.Sha256), now.UtcDateTime);

            if (invoice.Kind == InvoiceKind.Invoice && invoice.ReportIds.Count > 0)
            {
                var invoiced = await db.Reports.Where(r => invoice.ReportIds.Contains(r.Id) && r.Status == ReportStatus.Approved).ToListAsync(ct);
                foreach (var report in invoiced)
                {
                    report.MarkInvoiced(now.UtcDateTime);
                }
            }

            db.AuditEvents.Add(new AuditEvent
            {
                At = now.UtcDateTime,
                UserId = userId,
                Action = invoice.Kind == InvoiceKind.CreditNote ? "credit-note.issued" : "invoice.issued",
                Entity = nameof(Invoice),
                EntityId = invoice.Id,
                Before = nameof(InvoiceStatus.Draft),
                After = number,
                Reason = hash,
            });
            await db.SaveChangesAsync(ct);
            if (hooks.BeforeCommit is { } hook)
            {
                await hook(invoice, ct);
            }

            await transaction.CommitAsync(ct);
            return invoice;
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }

    /// <summary>Today in the company's time zone.</summary>
    public static DateOnly Today(Company company, DateTimeOffset now)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(company.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
    }

    public static async Task<DateOnly> TodayAsync(AppDb db, TimeProvider clock, CancellationToken ct) =>
        Today(await db.Companies.AsNoTracking().FirstAsync(c => c.Id == db.CompanyId, ct), clock.GetUtcNow());

    /// <summary>The chain head and both series exist before anyone locks them; a racing creator's row is as good as ours.</summary>
    public static async Task<Guid> EnsureNumberingAsync(AppDb db, CancellationToken ct)
    {
        if (await db.InvoiceLedgers.AsNoTracking().Select(l => (Guid?)l.Id).FirstOrDefaultAsync(ct) is { } existing
            && await db.InvoiceSeries.CountAsync(ct) == 2)
        {
            return existing;
        }

        try
        {
            if (!await db.InvoiceLedgers.AnyAsync(ct))
            {
                db.InvoiceLedgers.Add(new InvoiceLedger());
            }

            if (!await db.InvoiceSeries.AnyAsync(s => s.Kind == InvoiceKind.Invoice, ct))
            {
                db.InvoiceSeries.Add(new InvoiceSeries(InvoiceKind.Invoice, InvoiceSeries.DefaultInvoiceFormat));
            }

            if (!await db.InvoiceSeries.AnyAsync(s => s.Kind == InvoiceKind.CreditNote, ct))
            {
                db.InvoiceSeries.Add(new InvoiceSeries(InvoiceKind.CreditNote, InvoiceSeries.DefaultCreditNoteFormat));
            }

            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (SerialWrites.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return await EnsureNumberingAsync(db, ct);
        }

        db.ChangeTracker.Clear();
        return await db.InvoiceLedgers.AsNoTracking().Select(l => l.Id).FirstAsync(ct);
    }

    private static InvoiceParty Seller(Company company) => new(
        company.LegalName,
        new PostalAddress(company.Address.Street, company.Address.PostalCode, company.Address.City, company.Address.Country),
        company.VatNumber,
        company.EnterpriseNumber,
        company.PeppolId,
        company.Email,
        company.Phone);

    /// <summary>A private customer without a Peppol id or enterprise number is addressed by e-mail (EAS code EM).</summary>
    private static InvoiceParty Buyer(Customer customer) => new(
        customer.Name,
        new PostalAddress(customer.BillingAddress.Street, customer.BillingAddress.PostalCode, customer.BillingAddress.City, customer.BillingAddress.Country),
        customer.VatNumber,
        customer.EnterpriseNumber,
        customer.PeppolEndpoint.Length == 0 && customer.EnterpriseNumber.Length == 0 && customer.Email.Length > 0 ? $"EM:{customer.Email}" : customer.PeppolEndpoint,
        customer.Email,
        customer.Phone);

    /// <summary>The work orders' numbers (what the customer's purchasing knows), else the document's own number.</summary>
    private static async Task<string> BuyerReferenceAsync(AppDb db, Invoice invoice, string number, CancellationToken ct)
    {
        if (invoice.ReportIds.Count == 0)
        {
            return number;
        }

        var orders = await (from r in db.Reports.AsNoTracking()
                            join w in db.WorkOrders on r.WorkOrderId equals w.Id
                            where invoice.ReportIds.Contains(r.Id)
                            select w.Number).Distinct().ToListAsync(ct);
        var reference = string.Join(", ", orders.Order(StringComparer.Ordinal));
        return reference.Length is > 0 and <= 200 ? reference : number;
    }

    private static async Task<IReadOnlyList<(InvoiceReportReference Reference, ReportForPdf Pdf)>> ReportsAsync(AppDb db, IReadOnlyList<Guid> reportIds, CancellationToken ct)
    {
        if (reportIds.Count == 0)
        {
            return [];
        }

        var rows = await (from r in db.Reports.AsNoTracking()
                          join w in db.WorkOrders on r.WorkOrderId equals w.Id
                          join s in db.Sites on w.SiteId equals s.Id
                          join u in db.Users on r.TechnicianId equals u.Id
                          where reportIds.Contains(r.Id)
                          orderby r.VisitDate, r.SignedAt
                          select new { Report = r, w.Number, s.Address, u.DisplayName })
                         .ToListAsync(ct);
        return [.. rows.Select(x =>
        {
            var document = x.Report.Document();
            var reference = new InvoiceReportReference(
                x.Report.Id, x.Number, x.Report.VisitDate, x.DisplayName, x.Address.ToString(), document.Signature.SignerName, document.Signature.SignedAt, x.Report.Hash);
            return (reference, new ReportForPdf(document, x.Report.Hash, x.DisplayName, x.Address.ToString(), x.Number));
        })];
    }

    private static Guid? UserId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
