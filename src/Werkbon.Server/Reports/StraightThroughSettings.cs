using Microsoft.AspNetCore.Mvc;
using Werkbon.Core.Review;
using Werkbon.Server.Hosting;

namespace Werkbon.Server.Reports;

/// <summary>A company's straight-through rules; the defaults apply until an admin saves its own.</summary>
public sealed class StraightThroughSettings : CompanyEntity
{
    public StraightThroughRules Rules { get; set; } = StraightThroughRules.Default;
}

public sealed record StraightThroughInput(StraightThroughRules Rules, int? Version);

public sealed record StraightThroughDetails(StraightThroughRules Rules, int Version);

/// <summary><c>GET/PUT /api/straight-through-rules</c>: read by the office, changed by an admin.</summary>
public static class SaveStraightThroughRules
{
    public static async Task<StraightThroughRules> RulesAsync(AppDb db, CancellationToken ct) =>
        (await db.Set<StraightThroughSettings>().AsNoTracking().FirstOrDefaultAsync(ct))?.Rules ?? StraightThroughRules.Default;

    public static async Task<Ok<StraightThroughDetails>> Get(AppDb db, CancellationToken ct)
    {
        var settings = await db.Set<StraightThroughSettings>().AsNoTracking().FirstOrDefaultAsync(ct) ?? new StraightThroughSettings();
        return TypedResults.Ok(new StraightThroughDetails(settings.Rules, settings.Version));
    }

    public static async Task<Results<Ok<StraightThroughDetails>, ValidationProblem, Conflict<ProblemDetails>>> Update(
        StraightThroughInput input, AppDb db, Texts texts, Invoicing.StraightThroughIssuing issuing, CancellationToken ct)
    {
        var settings = await db.Set<StraightThroughSettings>().FirstOrDefaultAsync(ct);
        if (settings is not null && !db.IsCurrent(settings, input.Version))
        {
            return Conflicts.Stale();
        }

        var v = new Validation(texts);
        if (input.Rules is null)
        {
            return v.Add("rules", "Validation.Required").Problem();
        }

        v.Range("rules.extrasThreshold", input.Rules.ExtrasThreshold, 0, 1_000_000);
        v.Range("rules.maxTotal", input.Rules.MaxTotal, 0, 10_000_000);
        v.Range("rules.maxSurchargedMinutes", input.Rules.MaxSurchargedMinutes, 0, 24 * 60);
        v.Range("rules.issueLimit", input.Rules.IssueLimit, 0, 10_000_000);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        if (settings is null)
        {
            settings = new StraightThroughSettings();
            db.Add(settings);
        }

        settings.Rules = input.Rules;
        await db.SaveChangesAsync(ct);
        issuing.Wake(settings.CompanyId);
        return TypedResults.Ok(new StraightThroughDetails(settings.Rules, settings.Version));
    }
}
