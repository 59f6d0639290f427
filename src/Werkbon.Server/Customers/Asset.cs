using Werkbon.Server.Data;

namespace Werkbon.Server.Customers;

/// <summary>Equipment installed at a site: a boiler, a heat pump, a lift.</summary>
public sealed class Asset : CompanyEntity
{
    public Guid SiteId { get; set; }

    public string Type { get; set; } = "";

    public string Brand { get; set; } = "";

    public string Model { get; set; } = "";

    public string SerialNumber { get; set; } = "";

    public DateOnly? InstalledOn { get; set; }

    public DateOnly? WarrantyUntil { get; set; }

    public bool IsUnderWarrantyOn(DateOnly day) => WarrantyUntil is { } until && day <= until;
}
