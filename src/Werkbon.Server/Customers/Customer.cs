using Werkbon.Core.Vat;
using Werkbon.Server.Data;

namespace Werkbon.Server.Customers;

public enum CustomerKind
{
    Business,
    Private,
}

/// <summary>Someone the company works for and invoices.</summary>
public sealed class Customer : CompanyEntity
{
    public CustomerKind Kind { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Belgian enterprise number, ten digits, or empty.</summary>
    public string EnterpriseNumber { get; set; } = "";

    /// <summary>VAT number, country prefix + number without separators, or empty.</summary>
    public string VatNumber { get; set; } = "";

    /// <summary>Peppol participant id as <c>scheme:id</c>, e.g. <c>0208:0403170701</c>.</summary>
    public string PeppolEndpoint { get; set; } = "";

    /// <summary>Language of documents: nl, fr, en or de.</summary>
    public string Language { get; set; } = "nl";

    public Address BillingAddress { get; set; } = Address.Empty;

    public string Email { get; set; } = "";

    public string Phone { get; set; } = "";

    public int PaymentTermDays { get; set; } = 30;

    /// <summary>Files periodic VAT returns: works on immovable property are then reverse-charged.</summary>
    public bool FilesPeriodicVatReturns { get; set; }

    public string Notes { get; set; } = "";

    /// <summary>Invoices that go over Peppol are mailed too (an e-mail address is always used when Peppol is not).</summary>
    public bool AlsoEmailInvoices { get; set; }

    public List<CustomerContact> Contacts { get; set; } = [];

    /// <summary>The accounts the customer pays from, compact IBANs; statement matching recognises the payer by them.</summary>
    public List<string> BankAccounts { get; set; } = [];

    /// <summary>
    /// What the VAT decision needs to know about this customer for work at <paramref name="site"/>: a business by
    /// its VAT returns, a private customer by the dwelling (no site: nothing known about one).
    /// </summary>
    public VatContext VatFacts(Site? site, bool worksOnImmovableProperty = true) => Kind == CustomerKind.Business
        ? VatContext.Business(FilesPeriodicVatReturns, worksOnImmovableProperty)
        : VatContext.Private(site?.FirstOccupiedYear, site?.IsPrivateHome ?? false);
}

public sealed class CustomerContact
{
    public string Name { get; set; } = "";

    public string Role { get; set; } = "";

    public string Email { get; set; } = "";

    public string Phone { get; set; } = "";
}
