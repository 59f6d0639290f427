using Werkbon.Server.Catalog;
using Werkbon.Server.Customers;
using Werkbon.Server.WorkOrders;

namespace Werkbon.Server.Demo;

/// <summary>
/// The demo rows in the making. Sites and assets get a short key so the schedule can point at them; dates
/// are relative to the company's today, so a demo started in any year has fresh and expired warranties alike.
/// </summary>
internal sealed class DemoBook(DateOnly today)
{
    private readonly Dictionary<string, Site> _sitesByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Asset> _assetsByKey = new(StringComparer.Ordinal);

    public DateOnly Today => today;

    public List<Customer> Customers { get; } = [];

    public List<Site> Sites { get; } = [];

    public List<Asset> Assets { get; } = [];

    public List<Article> Articles { get; } = [];

    public List<WorkOrder> WorkOrders { get; } = [];

    /// <summary>A Belgian business; its VAT number (when VAT-registered) and Peppol id follow from the enterprise number.</summary>
    public Customer Business(
        string name,
        string enterpriseNumber,
        string language,
        Address billingAddress,
        string email,
        string phone,
        int paymentTermDays,
        bool filesVatReturns,
        CustomerContact[] contacts,
        bool vatRegistered = true) =>
        Add(new Customer
        {
            Kind = CustomerKind.Business,
            Name = name,
            EnterpriseNumber = enterpriseNumber,
            VatNumber = vatRegistered ? "BE" + enterpriseNumber : "",
            PeppolEndpoint = "0208:" + enterpriseNumber,
            Language = language,
            BillingAddress = billingAddress,
            Email = email,
            Phone = phone,
            PaymentTermDays = paymentTermDays,
            FilesPeriodicVatReturns = filesVatReturns,
            Contacts = [.. contacts],
        });

    /// <summary>A business from abroad: no Belgian enterprise number, its own VAT number and Peppol id.</summary>
    public Customer ForeignBusiness(
        string name, string vatNumber, string peppolEndpoint, string language, Address billingAddress, string email, string phone,
        int paymentTermDays, CustomerContact[] contacts) =>
        Add(new Customer
        {
            Kind = CustomerKind.Business,
            Name = name,
            VatNumber = vatNumber,
            PeppolEndpoint = peppolEndpoint,
            Language = language,
            BillingAddress = billingAddress,
            Email = email,
            Phone = phone,
            PaymentTermDays = paymentTermDays,
            Contacts = [.. contacts],
        });

    public Customer Private(string name, string language, Address billingAddress, string email, string phone, int paymentTermDays = 14) =>
        Add(new Customer
        {
            Kind = CustomerKind.Private,
            Name = name,
            Language = language,
            BillingAddress = billingAddress,
            Email = email,
            Phone = phone,
            PaymentTermDays = paymentTermDays,
        });

    public static CustomerContact Contact(string name, string role, string email, string phone) =>
        new() { Name = name, Role = role, Email = email, Phone = phone };

    /// <summary>Business premises, a building site or a block of flats.</summary>
    public Site Premises(Customer customer, string key, string name, Address address, decimal distanceKm, string accessNotes = "") =>
        AddSite(key, new Site
        {
            CustomerId = customer.Id,
            Name = name,
            Address = address,
            DistanceKm = distanceKm,
            AccessNotes = accessNotes,
        });

    /// <summary>A dwelling; <paramref name="occupiedYearsAgo"/> decides whether renovation work qualifies for 6 % VAT.</summary>
    public Site Home(Customer customer, string key, string name, Address address, decimal distanceKm, int occupiedYearsAgo, string accessNotes = "") =>
        AddSite(key, new Site
        {
            CustomerId = customer.Id,
            Name = name,
            Address = address,
            DistanceKm = distanceKm,
            IsPrivateHome = true,
            FirstOccupiedYear = today.Year - occupiedYearsAgo,
            AccessNotes = accessNotes,
        });

    public Asset Asset(Site site, string key, string type, string brand, string model, string serialNumber, int installedMonthsAgo, int warrantyMonths)
    {
        var installedOn = today.AddMonths(-installedMonthsAgo);
        var asset = new Asset
        {
            SiteId = site.Id,
            Type = type,
            Brand = brand,
            Model = model,
            SerialNumber = serialNumber,
            InstalledOn = installedOn,
            WarrantyUntil = installedOn.AddMonths(warrantyMonths).AddDays(-1),
        };
        _assetsByKey.Add(key, asset);
        Assets.Add(asset);
        return asset;
    }

    public Site Site(string key) => _sitesByKey[key];

    public Asset AssetOf(string key) => _assetsByKey[key];

    private Customer Add(Customer customer)
    {
        Customers.Add(customer);
        return customer;
    }

    private Site AddSite(string key, Site site)
    {
        _sitesByKey.Add(key, site);
        Sites.Add(site);
        return site;
    }
}
