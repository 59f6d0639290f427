using Werkbon.Server.Data;

namespace Werkbon.Server.Companies;

/// <summary>The tenant: the service company using Werkbon.</summary>
public sealed class Company
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public required string LegalName { get; set; }

    public required string EnterpriseNumber { get; set; }

    public required string VatNumber { get; set; }

    public required Address Address { get; set; }

    public string Iban { get; set; } = "";

    public string Bic { get; set; } = "";

    public string PeppolId { get; set; } = "";

    public string Email { get; set; } = "";

    public string Phone { get; set; } = "";

    public int DefaultPaymentTermDays { get; set; } = 30;

    /// <summary>The company's time zone (IANA id), the one source of its clock (<see cref="CompanyClock"/>).</summary>
    public string TimeZone { get; set; } = Core.Calendar.WallClock.DefaultZoneId;

    public string DefaultLanguage { get; set; } = "nl";

    /// <summary>Last work-order number handed out this year; numbers are <c>WO-yyyy-nnnn</c>.</summary>
    public int WorkOrderSequence { get; set; }

    public int WorkOrderSequenceYear { get; set; }

    /// <summary>How approved reports are gathered into draft invoices.</summary>
    public Invoicing.InvoiceGrouping InvoiceGrouping { get; set; } = Invoicing.InvoiceGrouping.PerWorkOrder;

    public int Version { get; internal set; }
}
