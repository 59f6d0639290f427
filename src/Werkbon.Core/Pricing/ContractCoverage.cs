namespace Werkbon.Core.Pricing;

/// <summary>
/// What a service contract covers: one customer, the days from <see cref="StartsOn"/> to
/// <see cref="EndsOn"/> (both included, open-ended without an end), and that customer's sites in
/// <see cref="SiteIds"/> (empty: every site of that customer). An archived contract covers nothing.
/// </summary>
public sealed record ContractCoverage(
    Guid ContractId,
    Guid CustomerId,
    DateOnly StartsOn,
    DateOnly? EndsOn,
    IReadOnlyList<Guid> SiteIds,
    bool IsArchived = false)
{
    public bool IsActiveOn(DateOnly day) => !IsArchived && day >= StartsOn && (EndsOn is null || day <= EndsOn);

    /// <summary>Whether this contract covers a visit of <paramref name="customerId"/> at <paramref name="siteId"/> on <paramref name="day"/>; a visit at no known site is covered only by a contract for every site.</summary>
    public bool Covers(Guid customerId, Guid? siteId, DateOnly day) =>
        CustomerId == customerId
        && IsActiveOn(day)
        && ((SiteIds ?? []).Count == 0 || (siteId is { } site && SiteIds!.Contains(site)));

    /// <summary>
    /// The contract a visit is priced under, the one rule every surface uses (the device's pull and
    /// pricing, the server's pricing on arrival, the price preview, the invoice): among the contracts
    /// that cover the visit, the one naming the site before one for every site, then the latest start,
    /// then the lowest id, so the answer never depends on the order the candidates come in. Null: the
    /// visit is priced with the rate card alone.
    /// </summary>
    public static T? For<T>(IEnumerable<T> candidates, Func<T, ContractCoverage?> coverage, Guid customerId, Guid? siteId, DateOnly day)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(coverage);
        T? best = null;
        ContractCoverage? bestCoverage = null;
        foreach (var candidate in candidates)
        {
            if (coverage(candidate) is not { } c || !c.Covers(customerId, siteId, day))
            {
                continue;
            }

            if (bestCoverage is null || Precedes(c, bestCoverage))
            {
                best = candidate;
                bestCoverage = c;
            }
        }

        return best;
    }

    private static bool Precedes(ContractCoverage a, ContractCoverage b)
    {
        var aNamesSite = (a.SiteIds ?? []).Count > 0;
        var bNamesSite = (b.SiteIds ?? []).Count > 0;
        if (aNamesSite != bNamesSite)
        {
            return aNamesSite;
        }

        return a.StartsOn != b.StartsOn ? a.StartsOn > b.StartsOn : a.ContractId.CompareTo(b.ContractId) < 0;
    }
}
