namespace Werkbon.Server.Hosting;

/// <summary>One page of a list; <c>Total</c> counts every match, not just this page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);

public static class Paging
{
    public const int MaxPageSize = 200;

    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> query, int? page, int? pageSize, CancellationToken ct)
    {
        var size = Math.Clamp(pageSize ?? 25, 1, MaxPageSize);
        var number = Math.Max(page ?? 1, 1);
        var total = await query.CountAsync(ct);
        var items = await query.Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return new Page<T>(items, total, number, size);
    }

    /// <summary>A search term as a LIKE pattern, matched case-insensitively by the callers.</summary>
    public static string? Pattern(string? search) =>
        string.IsNullOrWhiteSpace(search) ? null : $"%{search.Trim().ToLowerInvariant().Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)}%";
}
