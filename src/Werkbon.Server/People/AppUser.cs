using Microsoft.AspNetCore.Identity;
using Werkbon.Server.Data;

namespace Werkbon.Server.People;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Office = "Office";
    public const string Technician = "Technician";

    public static readonly string[] All = [Admin, Office, Technician];
}

/// <summary>A person who signs in: office staff or a technician of one company.</summary>
public sealed class AppUser : IdentityUser<Guid>, ICompanyOwned
{
    public AppUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public Guid CompanyId { get; set; }

    public string DisplayName { get; set; } = "";

    /// <summary>Back-office language: nl (default), fr or en.</summary>
    public string Language { get; set; } = "nl";

    /// <summary>A technician's rate class in the rate card, e.g. <c>technician</c> or <c>senior</c>.</summary>
    public string? RateClass { get; set; }

    /// <summary>Where a technician starts the day from.</summary>
    public Address HomeBase { get; set; } = Address.Empty;

    public DateTime? ArchivedAt { get; set; }
}
