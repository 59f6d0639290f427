using Werkbon.Server.Hosting;

namespace Werkbon.Server.Customers;

public sealed record CustomerListItem(Guid Id, CustomerKind Kind, string Name, string VatNumber, string City, string Email, string Language, bool Archived);

/// <summary>Finds customers by name, number, e-mail or city, a page at a time.</summary>
public static class SearchCustomers
{
    public static async Task<Ok<Page<CustomerListItem>>> Handle(
        AppDb db, string? search, CustomerKind? kind, bool? includeArchived, int? page, int? pageSize, CancellationToken ct)
    {
        var query = db.Customers.AsNoTracking();
        if (includeArchived != true)
        {
            query = query.Where(c => c.ArchivedAt == null);
        }

        if (kind is not null)
        {
            query = query.Where(c => c.Kind == kind);
        }

        if (Paging.Pattern(search) is { } pattern)
        {
            var digits = new string([.. search!.Where(char.IsAsciiDigit)]);
            query = query.Where(c =>
                EF.Functions.Like(c.Name.ToLower(), pattern)
                || EF.Functions.Like(c.Email.ToLower(), pattern)
                || EF.Functions.Like(c.BillingAddress.City.ToLower(), pattern)
                || (digits.Length >= 4 && c.EnterpriseNumber.Contains(digits)));
        }

        var result = await query
            .OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Select(c => new CustomerListItem(c.Id, c.Kind, c.Name, c.VatNumber, c.BillingAddress.City, c.Email, c.Language, c.ArchivedAt != null))
            .ToPageAsync(page, pageSize, ct);
        return TypedResults.Ok(result);
    }
}
