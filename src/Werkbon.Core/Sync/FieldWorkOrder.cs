using Werkbon.Core.Vat;

namespace Werkbon.Core.Sync;

/// <summary>
/// A work order as the technician's app keeps it offline: what to do, where, for whom, on which
/// equipment, under which contract, and what happened at this site before. <see cref="Status"/> is the
/// server's status name (Planned, InProgress, Completed, Cancelled); an older app shows a new one as is.
/// <see cref="Vat"/> is what the VAT decision needs, so the device prices exactly as the server will.
/// </summary>
public sealed record FieldWorkOrder(
    Guid Id,
    string Number,
    string Status,
    string CustomerName,
    string CustomerLanguage,
    FieldSite Site,
    string? AccessNotes,
    string Description,
    DateTimeOffset ScheduledStartUtc,
    DateTimeOffset ScheduledEndUtc,
    IReadOnlyList<FieldAsset> Assets,
    FieldContractSummary? Contract,
    IReadOnlyList<FieldVisit> PreviousVisits,
    IReadOnlyList<FieldChecklistQuestion> Checklist,
    VatContext Vat)
{
    /// <summary>The customer the work is for: the device picks its contract among this customer's only (empty when stored from a server that did not send it).</summary>
    public Guid CustomerId { get; init; }
}

/// <summary>
/// Where the work happens. <see cref="DistanceKm"/> is one way from the company base (priced when the
/// technician records no distance); <see cref="IsPrivateHome"/> and <see cref="FirstOccupiedYear"/>
/// decide whether the customer is asked to confirm the 6 % statement.
/// </summary>
public sealed record FieldSite(
    Guid Id,
    string Name,
    IReadOnlyList<string> AddressLines,
    decimal? DistanceKm,
    bool IsPrivateHome,
    int? FirstOccupiedYear);

/// <summary>Installed equipment; a repair is a warranty repair while <see cref="WarrantyUntil"/> has not passed.</summary>
public sealed record FieldAsset(
    Guid Id,
    string Type,
    string? Brand,
    string? Model,
    string? Serial,
    DateOnly? WarrantyUntil);

/// <summary>
/// The contract that covers the work order on its planned day: its terms are in <see cref="FieldPricing.Contracts"/>
/// under <see cref="Id"/>; the visit is priced under the contract covering the day it happens
/// (<see cref="FieldPricing.ContractFor"/>). With <see cref="HidePrices"/> the app prices the visit but shows the customer no amounts.
/// </summary>
public sealed record FieldContractSummary(Guid Id, string Name, bool HidePrices);

/// <summary>An earlier visit at the same site, newest first, so the technician knows the history.</summary>
public sealed record FieldVisit(DateOnly Date, string TechnicianName, string WorkDoneSummary);

/// <summary>A question of the work order's checklist; the answer goes into the report under <see cref="Key"/>.</summary>
public sealed record FieldChecklistQuestion(string Key, string Question);
