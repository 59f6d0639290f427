using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;

namespace Werkbon.Core.Tests.Reports;

/// <summary>
/// The golden werkbon: a radiator valve replaced in a Ghent terraced house, with an extra the customer
/// asked for and a thermostatic head that is not in the catalog. docs/report-canonical-form.md shows it.
/// </summary>
internal static class Samples
{
    public static readonly TimeSpan Winter = TimeSpan.FromHours(1);

    public static readonly string Photo1Hash = PhotoHash.Compute("werkbon example photo 1"u8);
    public static readonly string Photo2Hash = PhotoHash.Compute("werkbon example photo 2"u8);
    public static readonly string SignatureHash = PhotoHash.Compute("werkbon example signature"u8);

    public static ReportDocument Golden() => new(
        ProtocolVersion: 1,
        ReportId: Guid.Parse("019c6a3e-5b10-7d2a-9c41-3f8e2a6b7c01"),
        WorkOrderId: Guid.Parse("019c5f12-0a44-7e3b-8d21-6b9f0c3d4e02"),
        TechnicianId: Guid.Parse("0195e2b7-4c8d-7a10-b3f2-9e1d5c7a8b03"),
        TechnicianClass: "technician",
        VisitDate: new DateOnly(2026, 2, 17),
        Time:
        [
            new(Guid.Parse("019c6a3e-5b11-7000-8000-000000000011"), new(2026, 2, 17, 7, 42, 10, Winter), new(2026, 2, 17, 8, 9, 55, Winter), TimeEntryKind.Travel, false, null),
            new(Guid.Parse("019c6a3e-5b12-7000-8000-000000000012"), new(2026, 2, 17, 8, 9, 55, Winter), new(2026, 2, 17, 10, 21, 30, Winter), TimeEntryKind.Work, false, "Radiator badkamer: kraan vervangen, installatie ontlucht"),
        ],
        DistanceKm: 23.50m,
        Materials:
        [
            new(Guid.Parse("019c6a3e-5b13-7000-8000-000000000013"), "VALVE-RAD", "Radiatorkraan", 2m, "C62", false, null, false),
            new(Guid.Parse("019c6a3e-5b14-7000-8000-000000000014"), null, "Thermostatische kop Danfoss RA 2000", 1.0m, "C62", false, 28.50m, true),
            new(Guid.Parse("019c6a3e-5b15-7000-8000-000000000015"), "PIPE-CU", "Koperen buis 15 mm", 1.50m, "MTR", true, null, false),
        ],
        WorkDone: "Radiatorkraan in de badkamer vervangen; cliënt vroeg ter plaatse om de leiding naar de handdoekdroger te verlengen.",
        Remarks: "Klant vraagt \"offerte\" voor een nieuwe ketel.\nToegang via de garage (code 4711).",
        Checklist: [new("pressure-ok", "Druk na ontluchten ≥ 1,5 bar?", "Ja, 1,8 bar")],
        Photos:
        [
            new(Photo1Hash, "Oude kraan, lekt aan de wartel", 1600, 1200, 284_513),
            new(Photo2Hash, "Nieuwe kraan en verlengde leiding", 1200, 1600, 301_877),
        ],
        WarrantyRepair: false,
        AssetId: Guid.Parse("0194aa10-2b3c-7d4e-8f50-617283940516"),
        SixPercentStatementConfirmed: true,
        Signature: new("Anaïs Peeters", new(2026, 2, 17, 10, 24, 37, Winter), SignatureHash, false, null));
}
