namespace Werkbon.Server.Data;

/// <summary>
/// The company the current request or circuit acts for, taken from the signed-in user's claim.
/// Unset means no company: the company filter then matches no row (fail closed).
/// </summary>
public sealed class CurrentCompany
{
    public const string ClaimType = "werkbon:company";

    public Guid? Id { get; private set; }

    public Guid RequiredId => Id ?? throw new InvalidOperationException("No company is set for this operation.");

    public void Set(Guid companyId) => Id = companyId;

    public void SetFrom(System.Security.Claims.ClaimsPrincipal user)
    {
        if (Guid.TryParse(user.FindFirst(ClaimType)?.Value, out var id))
        {
            Id = id;
        }
    }
}
