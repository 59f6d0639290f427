using Werkbon.Core;
using Werkbon.Core.Invoicing;
using Werkbon.Core.Pricing;

namespace Werkbon.Server.Invoicing;

public enum InvoiceStatus
{
    Draft,
    Issued,
}

/// <summary>How approved reports are gathered into draft invoices (a company setting).</summary>
public enum InvoiceGrouping
{
    PerReport,
    PerWorkOrder,
    PerCustomerPerWeek,
    PerCustomerPerMonth,
}

/// <summary>
/// An invoice or credit note. A draft has no number and can still change; issuing gives it the next
/// number of its series, freezes its <see cref="InvoiceDocument"/> snapshot, links it into the company's
/// hash chain and stores its PDF and UBL. An issued document never changes: a credit note corrects it.
/// </summary>
public sealed class Invoice : CompanyEntity
{
    private Invoice()
    {
    }

    public Invoice(InvoiceKind kind, Guid customerId, string groupKey, IEnumerable<InvoiceLine> lines, DateTime now)
    {
        Kind = kind;
        CustomerId = customerId;
        GroupKey = groupKey;
        CreatedAt = now;
        Lines = [.. lines];
        Recalculate();
    }

    public InvoiceKind Kind { get; private set; }

    public InvoiceStatus Status { get; private set; } = InvoiceStatus.Draft;

    public Guid CustomerId { get; private set; }

    /// <summary>What the draft gathers ("wo:{id}", "month:{customer}:2026-03", "sub:{contract}:2026-03"); reports with the same key join it.</summary>
    public string GroupKey { get; private set; } = "";

    /// <summary>Set once per subscription period, so the period is invoiced once (unique).</summary>
    public string? SubscriptionKey { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>True once someone changed the draft by hand; regrouping leaves it alone.</summary>
    public bool EditedByHand { get; private set; }

    public List<InvoiceLine> Lines { get; private set; } = [];

    /// <summary>The legal statements the lines need (6 % renovation, reverse charge), printed on the document.</summary>
    public List<LegalText> LegalTexts { get; private set; } = [];

    /// <summary>The signed reports whose lines are on this document.</summary>
    public List<Guid> ReportIds { get; private set; } = [];

    public DateOnly? PeriodStart { get; private set; }

    public DateOnly? PeriodEnd { get; private set; }

    public decimal Net { get; private set; }

    public decimal Vat { get; private set; }

    public decimal Total { get; private set; }

    /// <summary>For a credit note: the invoice it corrects.</summary>
    public Guid? CorrectsInvoiceId { get; private set; }

    public string? CreditReason { get; private set; }

    public Guid? SeriesId { get; private set; }

    public string? Number { get; private set; }

    /// <summary>Position in the series, 1, 2, 3… without gaps.</summary>
    public long? Sequence { get; private set; }

    public DateOnly? IssueDate { get; private set; }

    public DateOnly? DueDate { get; private set; }

    public DateTime? IssuedAt { get; private set; }

    public string? StructuredCommunication { get; private set; }

    /// <summary>The issued document exactly as hashed (canonical JSON of <see cref="InvoiceDocument"/>).</summary>
    public string? Snapshot { get; private set; }

    /// <summary>Position in the company's chain of issued documents (invoices and credit notes), 1, 2, 3…</summary>
    public long? ChainPosition { get; private set; }

    public string? PreviousHash { get; private set; }

    public string? ChainHash { get; private set; }

    public string? PdfSha256 { get; private set; }

    public string? UblSha256 { get; private set; }

    public bool IsIssued => Status == InvoiceStatus.Issued;

    public void AddReport(Guid reportId, IEnumerable<InvoiceLine> lines, IEnumerable<LegalText> legalTexts, DateOnly visitDate)
    {
        EnsureDraft();
        if (ReportIds.Contains(reportId))
        {
            return;
        }

        ReportIds = [.. ReportIds, reportId];
        Lines = [.. Lines, .. lines];
        LegalTexts = [.. LegalTexts.Concat(legalTexts).DistinctBy(t => t.Kind)];
        PeriodStart = PeriodStart is { } start && start < visitDate ? start : visitDate;
        PeriodEnd = PeriodEnd is { } end && end > visitDate ? end : visitDate;
        Recalculate();
    }

    public void ForSubscription(string subscriptionKey, DateOnly start, DateOnly end, IEnumerable<LegalText> legalTexts)
    {
        EnsureDraft();
        SubscriptionKey = subscriptionKey;
        LegalTexts = [.. LegalTexts.Concat(legalTexts).DistinctBy(t => t.Kind)];
        PeriodStart = start;
        PeriodEnd = end;
    }

    public void ForCreditNote(Invoice corrected, string reason)
    {
        EnsureDraft();
        CorrectsInvoiceId = corrected.Id;
        CreditReason = reason;
        ReportIds = [.. corrected.ReportIds];
        LegalTexts = [.. corrected.LegalTexts];
        PeriodStart = corrected.PeriodStart;
        PeriodEnd = corrected.PeriodEnd;
    }

    /// <summary>The office replaces a line of the draft (quantity, price or text).</summary>
    public void ChangeLine(int index, InvoiceLine line)
    {
        EnsureDraft();
        EnsureLine(index);
        Lines = [.. Lines.Select((l, i) => i == index ? line : l)];
        EditedByHand = true;
        Recalculate();
    }

    public void RemoveLine(int index)
    {
        EnsureDraft();
        EnsureLine(index);
        Lines = [.. Lines.Where((_, i) => i != index)];
        EditedByHand = true;
        Recalculate();
    }

    public void EnsureDraft()
    {
        if (Status != InvoiceStatus.Draft)
        {
            throw new DomainException($"Invoice {Number} is issued and can no longer change; correct it with a credit note.", nameof(Status), StatusCodes.Status409Conflict);
        }
    }

    /// <summary>
    /// Freezes the draft as issued: number, dates, communication, the snapshot and its place in the chain.
    /// Called once, inside the transaction that took the number.
    /// </summary>
    public void Issue(InvoiceSeries series, long sequence, string number, IssuedDocument issued, DateTime now)
    {
        EnsureDraft();
        if (Lines.Count == 0)
        {
            throw new DomainException("An invoice without lines cannot be issued.", nameof(Lines), StatusCodes.Status422UnprocessableEntity);
        }

        Status = InvoiceStatus.Issued;
        SeriesId = series.Id;
        Sequence = sequence;
        Number = number;
        IssueDate = issued.Document.IssueDate;
        DueDate = issued.Document.DueDate;
        StructuredCommunication = issued.Document.StructuredCommunication;
        IssuedAt = now;
        Snapshot = issued.Snapshot;
        ChainPosition = issued.ChainPosition;
        PreviousHash = issued.PreviousHash;
        ChainHash = issued.ChainHash;
        PdfSha256 = issued.PdfSha256;
        UblSha256 = issued.UblSha256;
    }

    private void EnsureLine(int index)
    {
        if (index < 0 || index >= Lines.Count)
        {
            throw new DomainException($"The draft has no line {index}.", "index", StatusCodes.Status422UnprocessableEntity);
        }
    }

    private void Recalculate()
    {
        var totals = InvoiceTotals.Compute(Lines);
        Net = totals.Net;
        Vat = totals.Vat;
        Total = totals.Total;
    }
}

/// <summary>What issuing produced, to be frozen on the invoice.</summary>
public sealed record IssuedDocument(
    InvoiceDocument Document, string Snapshot, long ChainPosition, string PreviousHash, string ChainHash, string? PdfSha256, string? UblSha256);

/// <summary>The numbering of one kind of document in a company: continuous, without gaps, in issue order.</summary>
public sealed class InvoiceSeries : CompanyEntity
{
    public const string DefaultInvoiceFormat = "{yyyy}/{n:000000}";

    public const string DefaultCreditNoteFormat = "CN{yyyy}/{n:000000}";

    private InvoiceSeries()
    {
    }

    public InvoiceSeries(InvoiceKind kind, string format)
    {
        Kind = kind;
        Format = format;
    }

    public InvoiceKind Kind { get; private set; }

    /// <summary><c>{yyyy}</c> is the issue year, <c>{n:000000}</c> the sequence with its padding.</summary>
    public string Format { get; private set; } = DefaultInvoiceFormat;

    public long NextNumber { get; private set; } = 1;

    public DateOnly? LastIssueDate { get; private set; }

    /// <summary>Takes the next number for a document issued on <paramref name="issueDate"/>; never goes back in time.</summary>
    public (long Sequence, string Number, DateOnly IssueDate) Take(DateOnly today)
    {
        var issueDate = LastIssueDate is { } last && last > today ? last : today;
        var sequence = NextNumber;
        NextNumber++;
        LastIssueDate = issueDate;
        return (sequence, NumberFormat.Apply(Format, sequence, issueDate), issueDate);
    }

    public void ChangeFormat(string format)
    {
        NumberFormat.Check(format);
        Format = format;
    }
}

/// <summary>
/// The head of the company's chain of issued documents. Every issue locks this row first, so
/// invoices and credit notes of one company are issued one after the other, in one chain.
/// </summary>
public sealed class InvoiceLedger : CompanyEntity
{
    public long Position { get; private set; }

    /// <summary>The hash of the last issued document; empty before the first.</summary>
    public string LastHash { get; private set; } = "";

    public void Append(string hash)
    {
        Position++;
        LastHash = hash;
    }
}

/// <summary>The PDF or UBL of an issued document, stored once, byte-exact.</summary>
public sealed class InvoiceFile : CompanyEntity
{
    private InvoiceFile()
    {
    }

    public InvoiceFile(Guid invoiceId, string kind, string contentType, byte[] content)
    {
        InvoiceId = invoiceId;
        Kind = kind;
        ContentType = contentType;
        Content = content;
        Sha256 = InvoiceHashes.Sha256(content);
    }

    public const string Pdf = "pdf";

    public const string Ubl = "ubl";

    public Guid InvoiceId { get; private set; }

    public string Kind { get; private set; } = "";

    public string ContentType { get; private set; } = "";

    public byte[] Content { get; private set; } = [];

    public string Sha256 { get; private set; } = "";
}
