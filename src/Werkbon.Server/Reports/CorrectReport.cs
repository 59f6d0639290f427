using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Werkbon.Core;
using Werkbon.Core.Pricing;
using Werkbon.Core.Review;
using Werkbon.Core.Vat;
using Werkbon.Server.Contracts;
using Werkbon.Server.Hosting;

namespace Werkbon.Server.Reports;

/// <summary>
/// One correction as the office sends it. <see cref="Line"/> is the 1-based line number in the current
/// list (the latest revision, else the signed pricing). With <see cref="ArticleCode"/>, a replaced or
/// added line is priced from the catalog under the report's contract; <see cref="UnitPrice"/> overrides it.
/// </summary>
public sealed record CorrectionInput(
    CorrectionKind Kind,
    int? Line = null,
    decimal? Quantity = null,
    decimal? UnitPrice = null,
    string? ArticleCode = null,
    string? Description = null,
    string? UnitCode = null);

public sealed record CorrectReportRequest(IReadOnlyList<CorrectionInput>? Corrections, string? Reason);

public sealed record RevisionView(int Number, DateTime At, string Reason, string UserName, RevisedReport Revised, IReadOnlyList<Correction> Corrections);

/// <summary>
/// <c>POST /api/reports/{id}/revisions</c>: the office corrects what a signed report feeds to the
/// invoice. Every correction needs a reason; the outcome is stored as a new revision beside the signed
/// report (which never changes) and audited with the lines before and after. Refused (409) once invoiced.
/// </summary>
public static class CorrectReport
{
    public static async Task<Results<Created<RevisionView>, ValidationProblem, NotFound<ProblemDetails>>> Handle(
        Guid id, CorrectReportRequest? request, ClaimsPrincipal user, AppDb db, Texts texts, TimeProvider clock, IReportFeed feed, CancellationToken ct)
    {
        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return Rows.Missing("report");
        }

        var me = Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var (revision, problems) = await CorrectAsync(report, request ?? new CorrectReportRequest(null, null), me, db, texts, clock, ct);
        if (revision is null)
        {
            return problems.Problem();
        }

        await feed.PublishAsync(new ReportChanged(report.CompanyId, report.Id), CancellationToken.None);
        var name = await db.Users.Where(u => u.Id == me).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        return TypedResults.Created(
            $"/api/reports/{id}",
            new RevisionView(revision.Number, revision.At, revision.Reason, name, revision.Revised, revision.Corrections));
    }

    /// <summary>
    /// Applies and saves the corrections as the next revision with its audit entry; returns the problems
    /// (nothing saved) when a correction cannot apply. Throws a 409 domain error for an invoiced report.
    /// </summary>
    public static async Task<(ReportRevision? Revision, Validation Problems)> CorrectAsync(
        InterventionReport report, CorrectReportRequest request, Guid userId, AppDb db, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        report.EnsureCorrectable();
        var v = new Validation(texts);
        var latest = await db.ReportRevisions.AsNoTracking()
            .Where(r => r.ReportId == report.Id)
            .OrderByDescending(r => r.Number)
            .FirstOrDefaultAsync(ct);
        var current = latest?.Revised ?? ReportCorrection.FromSigned(report.Pricing!);
        var inputs = request.Corrections ?? [];
        var corrections = new List<Correction>();
        for (var i = 0; i < inputs.Count; i++)
        {
            v.Field($"corrections[{i}].description", inputs[i]?.Description, Fields.Line);
            v.Field($"corrections[{i}].articleCode", inputs[i]?.ArticleCode, Fields.Code);
            v.Field($"corrections[{i}].unitCode", inputs[i]?.UnitCode, Fields.Code);
            corrections.Add(await ToCorrectionAsync(report, current, inputs[i], i, v, db, ct));
        }

        var result = ReportCorrection.Apply(current, corrections, request.Reason);
        foreach (var problem in result.Problems)
        {
            v.Add(problem.Index < 0 ? problem.Field : $"corrections[{problem.Index}].{problem.Field}", "Validation.Correction." + problem.Code);
        }

        if (!v.IsValid || result.Revised is null)
        {
            return (null, v);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var reason = request.Reason!.Trim();
        var revision = new ReportRevision(report.Id, (latest?.Number ?? 0) + 1, result.Revised, corrections, reason, userId, now);
        db.ReportRevisions.Add(revision);
        db.AuditEvents.Add(new AuditEvent
        {
            At = now,
            UserId = userId,
            Action = "report.corrected",
            Entity = nameof(InterventionReport),
            EntityId = report.Id,
            Before = JsonSerializer.Serialize(current, JsonColumns.Options),
            After = JsonSerializer.Serialize(result.Revised, JsonColumns.Options),
            Reason = reason,
        });

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The revision number is unique per report: someone else corrected it at the same moment.
            throw new DomainException("The report was corrected by someone else meanwhile; reload it and try again.", "revision", StatusCodes.Status409Conflict);
        }

        return (revision, v);
    }

    /// <summary>The Core correction for an input: catalog articles priced under the report's contract, free lines as typed.</summary>
    private static async Task<Correction> ToCorrectionAsync(
        InterventionReport report, RevisedReport current, CorrectionInput? input, int index, Validation v, AppDb db, CancellationToken ct)
    {
        if (input is null)
        {
            return null!;
        }

        if (input.Kind is not (CorrectionKind.ReplaceLine or CorrectionKind.AddLine))
        {
            return new Correction(input.Kind, input.Line, input.Quantity, input.UnitPrice);
        }

        var replaced = input.Kind == CorrectionKind.ReplaceLine && input.Line is { } n && n >= 1 && n <= current.Lines.Count
            ? current.Lines[n - 1].Line
            : null;
        if (input.Kind == CorrectionKind.ReplaceLine && replaced is null)
        {
            return new Correction(input.Kind, input.Line); // Core names the unknown line
        }

        var quantity = input.Quantity ?? replaced?.Quantity ?? 1m;
        PricedLine line;
        if (!string.IsNullOrWhiteSpace(input.ArticleCode))
        {
            var priced = await ArticleLineAsync(report, input.ArticleCode.Trim(), quantity, replaced?.IsExtra ?? false, db, ct);
            if (priced is null)
            {
                v.Add($"corrections[{index}].articleCode", "Validation.Correction.UnknownArticle");
                return new Correction(input.Kind, input.Line);
            }

            line = input.UnitPrice is { } price ? ReportCorrection.Reprice(priced, priced.Quantity, price) : priced;
        }
        else if (replaced is not null)
        {
            line = ReportCorrection.Reprice(
                replaced with { Description = string.IsNullOrWhiteSpace(input.Description) ? replaced.Description : input.Description.Trim(), UnitCode = input.UnitCode ?? replaced.UnitCode },
                quantity,
                input.UnitPrice ?? replaced.UnitPrice);
        }
        else
        {
            if (input.UnitPrice is null)
            {
                v.Add($"corrections[{index}].unitPrice", "Validation.Correction.PriceRequired");
            }

            var (category, percent) = VatOfNewLines(current);
            var unitPrice = input.UnitPrice ?? 0m;
            line = new PricedLine(LineKind.Material, input.Description?.Trim() ?? "", quantity, input.UnitCode ?? "C62", unitPrice, Money.Round(quantity * unitPrice), category, percent, "");
        }

        return new Correction(input.Kind, input.Line, Replacement: line);
    }

    /// <summary>An added line takes the VAT of the report's materials (the report's VAT regime decides it for all its lines).</summary>
    private static (VatCategory Category, decimal Percent) VatOfNewLines(RevisedReport current)
    {
        var like = current.Lines.Select(l => l.Line).FirstOrDefault(l => l.Kind == LineKind.Material) ?? current.Lines.Select(l => l.Line).FirstOrDefault();
        return like is null ? (VatCategory.S, 21m) : (like.VatCategory, like.VatPercent);
    }

    /// <summary>Prices one article as the engine would have on the report: same customer, site, contract, VAT regime and day.</summary>
    private static async Task<PricedLine?> ArticleLineAsync(InterventionReport report, string code, decimal quantity, bool isExtra, AppDb db, CancellationToken ct)
    {
        if (!await db.Articles.AnyAsync(a => a.Code == code && a.ArchivedAt == null, ct))
        {
            return null;
        }

        var order = await db.WorkOrders.AsNoTracking().FirstAsync(w => w.Id == report.WorkOrderId, ct);
        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == order.CustomerId, ct);
        var site = await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == order.SiteId, ct);
        var contract = report.ContractId is { } contractId ? await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contractId, ct) : null;
        var visit = new VisitReport(report.VisitDate, [], [new MaterialUse(code, quantity, null, null, isExtra)])
        {
            SixPercentStatementConfirmed = report.Document().SixPercentStatementConfirmed,
        };
        var priced = await ReportPricing.PriceAsync(
            db, new VisitContext(customer, site, contract, await ReportPricing.RateCardAsync(db, ct)), visit, worksOnImmovableProperty: true, Languages.FromCode(customer.Language), ct);
        return priced.Lines.FirstOrDefault(l => l.Kind == LineKind.Material);
    }
}
