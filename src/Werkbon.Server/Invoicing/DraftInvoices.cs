using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Werkbon.Core.Invoicing;
using Werkbon.Core.Pricing;
using Werkbon.Server.Reports;

namespace Werkbon.Server.Invoicing;

/// <summary>What gathering did: how many approved reports went onto how many drafts, and the drafts there are now.</summary>
public sealed record DraftsResult(int ReportsGathered, int IntoDrafts, int Drafts);

/// <summary>Approved reports gathered, and the number of different drafts they went onto.</summary>
public sealed record Gathered(int Reports, int Drafts)
{
    public static readonly Gathered Nothing = new(0, 0);
}

/// <summary>Signed reports not on any invoice yet: those the office has still to approve, and those approved but on no draft.</summary>
public sealed record NotInvoiced(int AwaitingApproval, int ApprovedNotOnDraft);

public sealed record LineInput(string? Description, decimal? Quantity, decimal? UnitPrice, int? Version);

/// <summary>
/// Approved reports become draft invoices for their customer, gathered as the company's grouping says.
/// A draft has no number: its lines can change, and deleting it frees its reports for another draft.
/// </summary>
public static class DraftInvoices
{
    /// <summary>Puts every approved report that is on no invoice yet into the draft of its group (made when missing), in a transaction of its own.</summary>
    public static Task<Gathered> GatherAsync(AppDb db, TimeProvider clock, CancellationToken ct) =>
        SerialWrites.InTransactionAsync(
            db,
            async ct =>
            {
                await SerialWrites.LockDraftsAsync(db, null, ct);
                return await GatherInAsync(db, clock, null, ct);
            },
            ct);

    /// <summary>
    /// Puts every approved report of these customers (of every customer when null) that is on no invoice yet into the draft
    /// of its group, made when missing, and saves. Runs inside the caller's write transaction, which holds
    /// <see cref="SerialWrites.LockDraftsAsync"/> for the same customers: no other gathering for them runs until it ends,
    /// so each report lands on exactly one draft and gathering twice adds nothing.
    /// </summary>
    public static Task<Gathered> GatherInAsync(AppDb db, TimeProvider clock, IReadOnlyCollection<Guid>? customerIds, CancellationToken ct) =>
        GatherPendingAsync(db, clock, customerIds, ct);

    /// <summary>
    /// Puts a report approved on arrival on the draft of its group (added to the context, saved with the report), as
    /// <see cref="GatherInAsync"/> would, without reading anything back: the push already holds the report, its work order's
    /// customer and language and the company's grouping, and a report that just arrived has no revision and is on no invoice.
    /// Only the group's draft is looked up, so the push's time in the write lock stays short and does not grow with history.
    /// Runs under <see cref="SerialWrites.LockDraftsAsync"/> for the customer.
    /// </summary>
    public static async Task PutArrivalOnDraftAsync(
        AppDb db, TimeProvider clock, InvoiceGrouping grouping, InterventionReport report, Guid customerId, Guid workOrderId, string language, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Reports are gathered inside the write transaction that locks their drafts.");
        }

        var key = GroupKey(grouping, report.Id, workOrderId, customerId, report.VisitDate);
        var draft = await db.Invoices.FirstOrDefaultAsync(
            i => i.Status == InvoiceStatus.Draft && i.Kind == InvoiceKind.Invoice && i.GroupKey == key && i.CustomerId == customerId, ct);
        AddToDraft(db, draft, key, report, customerId, revision: null, language, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>How the company groups approved reports into drafts.</summary>
    public static Task<InvoiceGrouping> GroupingAsync(AppDb db, CancellationToken ct) =>
        db.Companies.Where(c => c.Id == db.CompanyId).Select(c => c.InvoiceGrouping).FirstAsync(ct);

    /// <summary>How many pending reports are held in memory at a time when many are gathered.</summary>
    private const int ReportsAtATime = 500;

    private static async Task<Gathered> GatherPendingAsync(AppDb db, TimeProvider clock, IReadOnlyCollection<Guid>? customerIds, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Reports are gathered inside the write transaction that locks their drafts.");
        }

        var grouping = await GroupingAsync(db, ct);
        // A large gathering is done a few hundred reports at a time, in visit order, inside the same transaction: each part is
        // saved and let go, and the next part finds the drafts the earlier ones made. Its memory does not grow with the
        // number of pending reports, only their ids are held throughout.
        var ids = await Pending(db, customerIds)
            .OrderBy(c => c.Report.VisitDate).ThenBy(c => c.Report.SignedAt).ThenBy(c => c.Report.Id)
            .Select(c => c.Report.Id).ToListAsync(ct);
        var into = new HashSet<Guid>();
        var parts = ids.Chunk(ReportsAtATime).ToList();
        for (var n = 0; n < parts.Count; n++)
        {
            var part = parts[n];
            await GatherPartAsync(db, clock, grouping, Pending(db, customerIds).Where(c => part.Contains(c.Report.Id)), into, ct);
            if (n < parts.Count - 1)
            {
                db.ChangeTracker.Clear();
            }
        }

        return new Gathered(ids.Count, into.Count);
    }

    /// <summary>The approved reports on no invoice yet, of these customers (every customer when null), with their work order's customer.</summary>
    private static IQueryable<PendingReport> Pending(AppDb db, IReadOnlyCollection<Guid>? customerIds)
    {
        var candidates =
            from r in db.Reports.AsNoTracking()
            join w in db.WorkOrders on r.WorkOrderId equals w.Id
            where r.Status == ReportStatus.Approved && !db.InvoiceSources.Any(s => s.ReportId == r.Id)
            select new PendingReport { Report = r, CustomerId = w.CustomerId, WorkOrderId = w.Id };
        return customerIds is null ? candidates : candidates.Where(c => customerIds.Contains(c.CustomerId));
    }

    /// <summary>Built with member initialisers, so queries can still filter and order on its members.</summary>
    private sealed class PendingReport
    {
        public required InterventionReport Report { get; init; }

        public required Guid CustomerId { get; init; }

        public required Guid WorkOrderId { get; init; }
    }

    /// <summary>Puts these pending reports on their drafts (made when missing) and saves; the drafts they went to are added to <paramref name="into"/>.</summary>
    private static async Task GatherPartAsync(
        AppDb db, TimeProvider clock, InvoiceGrouping grouping, IQueryable<PendingReport> candidates, HashSet<Guid> into, CancellationToken ct)
    {
        var pending = await candidates.OrderBy(c => c.Report.VisitDate).ThenBy(c => c.Report.SignedAt).ThenBy(c => c.Report.Id).ToListAsync(ct);
        if (pending.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var keys = pending.Select(p => GroupKey(grouping, p.Report.Id, p.WorkOrderId, p.CustomerId, p.Report.VisitDate)).Distinct().ToList();
        var drafts = (await db.Invoices
                .Where(i => i.Status == InvoiceStatus.Draft && i.Kind == InvoiceKind.Invoice && keys.Contains(i.GroupKey))
                .ToListAsync(ct))
            .GroupBy(d => (d.GroupKey, d.CustomerId))
            .ToDictionary(g => g.Key, g => g.First());
        // The office's latest correction of a report is what gets invoiced, never over the signed original.
        var reportIds = pending.Select(p => p.Report.Id).ToList();
        var revisions = (await db.ReportRevisions.AsNoTracking()
                .Where(r => reportIds.Contains(r.ReportId))
                .ToListAsync(ct))
            .GroupBy(r => r.ReportId)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.Number));
        var pendingCustomers = pending.Select(p => p.CustomerId).Distinct().ToList();
        var languages = await db.Customers.AsNoTracking().Where(c => pendingCustomers.Contains(c.Id)).Select(c => new { c.Id, c.Language }).ToDictionaryAsync(c => c.Id, c => c.Language, ct);
        foreach (var item in pending)
        {
            var key = GroupKey(grouping, item.Report.Id, item.WorkOrderId, item.CustomerId, item.Report.VisitDate);
            var draft = AddToDraft(db, drafts.GetValueOrDefault((key, item.CustomerId)), key, item.Report, item.CustomerId,
                revisions.GetValueOrDefault(item.Report.Id), languages.GetValueOrDefault(item.CustomerId), now);
            drafts[(key, item.CustomerId)] = draft;
            into.Add(draft.Id);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds a report's invoiceable lines (the office's latest revision over the signed original) to its group's draft, made when missing.</summary>
    private static Invoice AddToDraft(AppDb db, Invoice? draft, string key, InterventionReport report, Guid customerId, ReportRevision? revision, string? language, DateTime now)
    {
        if (draft is null)
        {
            draft = new Invoice(InvoiceKind.Invoice, customerId, key, [], now);
            db.Invoices.Add(draft);
        }

        var lines = InvoiceableLines.Of(report, revision, Werkbon.Core.Languages.FromCode(language));
        draft.AddReport(report.Id, lines, report.Pricing?.LegalTexts ?? [], report.VisitDate);
        db.InvoiceSources.Add(new InvoiceSource(draft.Id, report.Id));
        return draft;
    }

    /// <summary>Why reports are not on an invoice yet: still waiting for the office's approval, or approved and not gathered.</summary>
    public static async Task<NotInvoiced> NotInvoicedAsync(AppDb db, CancellationToken ct)
    {
        var awaiting = await db.Reports.CountAsync(r => r.Status == ReportStatus.Signed || r.Status == ReportStatus.InReview, ct);
        var approved = await db.Reports.CountAsync(r => r.Status == ReportStatus.Approved && !db.InvoiceSources.Any(s => s.ReportId == r.Id), ct);
        return new NotInvoiced(awaiting, approved);
    }

    public static string GroupKey(InvoiceGrouping grouping, Guid reportId, Guid workOrderId, Guid customerId, DateOnly visitDate) => grouping switch
    {
        InvoiceGrouping.PerReport => $"report:{reportId}",
        InvoiceGrouping.PerCustomerPerWeek => string.Create(CultureInfo.InvariantCulture, $"week:{customerId}:{ISOWeek.GetYear(visitDate.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(visitDate.ToDateTime(TimeOnly.MinValue)):00}"),
        InvoiceGrouping.PerCustomerPerMonth => string.Create(CultureInfo.InvariantCulture, $"month:{customerId}:{visitDate:yyyy-MM}"),
        _ => $"wo:{workOrderId}",
    };

    /// <summary>
    /// The last day of the period a report visited on <paramref name="visitDate"/> is gathered into; null when the
    /// grouping has no period (one invoice per report or per work order): such a draft is complete as soon as it is made.
    /// </summary>
    public static DateOnly? PeriodEnds(InvoiceGrouping grouping, DateOnly visitDate) => grouping switch
    {
        InvoiceGrouping.PerCustomerPerWeek => visitDate.AddDays((7 - (((int)visitDate.DayOfWeek + 6) % 7)) - 1),
        InvoiceGrouping.PerCustomerPerMonth => new DateOnly(visitDate.Year, visitDate.Month, 1).AddMonths(1).AddDays(-1),
        _ => null,
    };

    /// <summary><c>POST /api/invoices/drafts</c>: gathers pending approved reports; with <c>regroup</c>, first dissolves drafts nobody edited by hand.</summary>
    public static async Task<Ok<DraftsResult>> Gather(bool? regroup, AppDb db, TimeProvider clock, CancellationToken ct)
    {
        var gathered = await SerialWrites.InTransactionAsync(
            db,
            async ct =>
            {
                await SerialWrites.LockDraftsAsync(db, null, ct);
                if (regroup == true)
                {
                    // Deleted in the database, without reading them (their sources go with them, by cascade): regrouping
                    // thousands of drafts holds none of them in memory.
                    await db.Invoices
                        .Where(i => i.Status == InvoiceStatus.Draft && i.Kind == InvoiceKind.Invoice && !i.EditedByHand && i.SubscriptionKey == null)
                        .ExecuteDeleteAsync(ct);
                }

                return await GatherInAsync(db, clock, null, ct);
            },
            ct);
        var drafts = await db.Invoices.CountAsync(i => i.Status == InvoiceStatus.Draft, ct);
        return TypedResults.Ok(new DraftsResult(gathered.Reports, gathered.Drafts, drafts));
    }

    /// <summary>Deletes a draft; its reports wait for the next draft.</summary>
    public static async Task<Results<NoContent, NotFound<ProblemDetails>>> Delete(Guid id, AppDb db, CancellationToken ct)
    {
        var draft = await db.Invoices.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (draft is null)
        {
            return Rows.Missing("invoice");
        }

        draft.EnsureDraft();
        db.Invoices.Remove(draft);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<InvoiceDetails>, NotFound<ProblemDetails>, ValidationProblem, Conflict<ProblemDetails>>> ChangeLine(
        Guid id, int index, LineInput input, AppDb db, Hosting.Texts texts, CancellationToken ct)
    {
        var draft = await db.Invoices.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (draft is null)
        {
            return Rows.Missing("invoice");
        }

        draft.EnsureDraft();
        if (!db.IsCurrent(draft, input.Version))
        {
            return Hosting.Conflicts.Stale();
        }

        var v = new Hosting.Validation(texts);
        v.Field("description", input.Description, Hosting.Fields.Line);
        if (input.Quantity is { } quantity)
        {
            v.Range("quantity", quantity, 0, 1_000_000);
        }

        if (input.UnitPrice is { } price)
        {
            v.Range("unitPrice", price, -1_000_000, 1_000_000);
        }

        if (index < 0 || index >= draft.Lines.Count)
        {
            v.Add("index", "Validation.Invalid");
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        var line = draft.Lines[index];
        var changed = line with
        {
            Description = string.IsNullOrWhiteSpace(input.Description) ? line.Description : input.Description.Trim(),
            Quantity = input.Quantity ?? line.Quantity,
            UnitPrice = input.UnitPrice ?? line.UnitPrice,
            Amount = Core.Money.Round((input.Quantity ?? line.Quantity) * (input.UnitPrice ?? line.UnitPrice)),
        };
        draft.ChangeLine(index, changed);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await SearchInvoices.DetailsAsync(db, id, ct) ?? throw new InvalidOperationException());
    }

    public static async Task<Results<Ok<InvoiceDetails>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> RemoveLine(
        Guid id, int index, int? version, AppDb db, CancellationToken ct)
    {
        var draft = await db.Invoices.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (draft is null)
        {
            return Rows.Missing("invoice");
        }

        draft.EnsureDraft();
        if (version is not null && !db.IsCurrent(draft, version))
        {
            return Hosting.Conflicts.Stale();
        }

        draft.RemoveLine(index);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await SearchInvoices.DetailsAsync(db, id, ct) ?? throw new InvalidOperationException());
    }
}
