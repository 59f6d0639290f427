using Werkbon.Server.Data;

namespace Werkbon.Server.Customers;

/// <summary>Where the work happens: a home, a building, a plant room.</summary>
public sealed class Site : CompanyEntity
{
    public Guid CustomerId { get; set; }

    public string Name { get; set; } = "";

    public Address Address { get; set; } = Address.Empty;

    /// <summary>One-way distance from the company base in km, for travel zones.</summary>
    public decimal DistanceKm { get; set; }

    /// <summary>A private home (dwelling), as opposed to business premises.</summary>
    public bool IsPrivateHome { get; set; }

    /// <summary>For homes: the year the dwelling was first occupied (6 % VAT after ten years).</summary>
    public int? FirstOccupiedYear { get; set; }

    public string AccessNotes { get; set; } = "";
}
