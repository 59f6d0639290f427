using System.Text.Json;
using Werkbon.Core.Calendar;
using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;
using Werkbon.Core.Sync;
using Werkbon.Core.Tests.Reports;
using Werkbon.Core.Vat;

namespace Werkbon.Core.Tests.Sync;

/// <summary>The pull's records travel as JSON and still price a visit on the device exactly as on the server.</summary>
public class SyncRecordTests
{
    private static readonly Guid ContractId = Guid.Parse("0194aa10-0000-7000-8000-00000000c001");

    private static readonly ContractTerms Care = new("Care Plus")
    {
        HourlyRates = new Dictionary<string, decimal> { ["technician"] = 55.00m },
        MinimumMinutes = 0,
        Travel = TravelPolicy.ByZones([new(10m, 20.00m), new(40m, 35.00m)], 0.35m),
        PartsDiscountPercent = 10m,
        CoveredCategories = ["filters"],
        IncludedHours = new(120, new DateOnly(2025, 9, 1)),
        FixedPriceTasks = [new("SERVICE-BOILER", 99.00m, 45)],
    };

    private static readonly FieldArticle[] Articles =
    [
        FieldArticle.From(new("VALVE-RAD", new("Radiator valve", "Radiatorkraan", "Robinet de radiateur"), "C62", 42.50m, 21m, "fittings"), ean: "5412345000013"),
        FieldArticle.From(new("PIPE-CU", new("Copper pipe 15 mm", "Koperen buis 15 mm", "Tube cuivre 15 mm"), "MTR", 6.20m, 21m, "pipes")),
        FieldArticle.From(new("SERVICE-BOILER", new("Annual boiler service", "Jaarlijks ketelonderhoud"), "C62", 120.00m, 21m, "services", ArticleKind.FixedPriceTask) { IncludedMinutes = 60, IncludesTravel = true }),
    ];

    private static PullResponse Pull() => new(
        SyncProtocol.Version,
        ChangeToken.Encode(1_207),
        [
            new FieldWorkOrder(
                Guid.Parse("019c5f12-0a44-7e3b-8d21-6b9f0c3d4e02"),
                "WO-2026-0142",
                "Planned",
                "Anaïs Peeters",
                "nl",
                new FieldSite(Guid.Parse("0194aa10-0000-7000-8000-00000000d001"), "Woning Peeters", ["Kortrijksesteenweg 112", "9000 Gent"], 23.5m, IsPrivateHome: true, FirstOccupiedYear: 1978),
                "Sleutel bij de buren (nr. 114)",
                "Radiatorkraan badkamer lekt",
                new DateTimeOffset(2026, 2, 17, 7, 30, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 2, 17, 9, 30, 0, TimeSpan.Zero),
                [new FieldAsset(Guid.Parse("0194aa10-2b3c-7d4e-8f50-617283940516"), "Boiler", "Vaillant", "ecoTEC plus", "21204500100", new DateOnly(2027, 5, 31))],
                new FieldContractSummary(ContractId, "Care Plus", HidePrices: false),
                [new FieldVisit(new DateOnly(2025, 10, 2), "Jonas De Smet", "Jaarlijks onderhoud ketel")],
                [new FieldChecklistQuestion("pressure-ok", "Druk na ontluchten ≥ 1,5 bar?")],
                VatContext.Private(1978, isPrivateHome: true)),
        ],
        [Guid.Parse("019c5f12-0a44-7e3b-8d21-6b9f0c3d4e99")],
        Articles,
        ["OLD-ARTICLE"],
        new FieldPricing(
            RateCard.BelgianDefaults(),
            [new CompanyHoliday(new DateOnly(2026, 2, 16), "Brugdag")],
            [new FieldContract(ContractId, Care, [new IncludedHoursUse(new DateOnly(2025, 10, 2), 45)])],
            WallClock.DefaultZoneId),
        HasMore: false);

    private static PricedReport PriceOnDevice(PullResponse pull, VisitReport report)
    {
        var order = pull.WorkOrders[0];
        var pricing = pull.Pricing!;
        return PricingEngine.Price(new PricingRequest(
            report with { SiteDistanceKm = order.Site.DistanceKm },
            pricing.TermsFor(order.Contract?.Id),
            new ArticleCatalog(pull.Articles.Select(a => a.ToArticle())),
            pricing.Holidays(),
            order.Vat)
        {
            Language = Languages.FromCode(order.CustomerLanguage),
            EarlierIncludedUse = pricing.Contracts.Single(c => c.Id == order.Contract?.Id).IncludedUse,
        });
    }

    [Fact]
    public void A_pull_survives_a_json_round_trip_and_prices_the_visit_the_same()
    {
        var pull = Pull();
        var golden = Samples.Golden();
        var report = golden.ToVisitReport() with { WarrantyEndsOn = pull.WorkOrders[0].Assets[0].WarrantyUntil };

        var json = JsonSerializer.Serialize(pull, JsonSerializerOptions.Web);
        var received = JsonSerializer.Deserialize<PullResponse>(json, JsonSerializerOptions.Web)!;

        var onServer = PriceOnDevice(pull, report);
        var onDevice = PriceOnDevice(received, report);
        Assert.Equal(onServer.Lines, onDevice.Lines);
        Assert.Equal(onServer.Warnings, onDevice.Warnings);
        Assert.Equal((onServer.Net, onServer.Vat, onServer.Total), (onDevice.Net, onDevice.Vat, onDevice.Total));
        Assert.Equal(onServer.IncludedHours, onDevice.IncludedHours);
        Assert.Equal(ChangeToken.Encode(1_207), received.ChangeToken);
        Assert.Equal(pull.WorkOrders[0].Site.AddressLines, received.WorkOrders[0].Site.AddressLines);
        Assert.Equal("5412345000013", received.Articles[0].Ean);
    }

    [Fact]
    public void The_contracts_terms_price_a_work_order_and_without_a_contract_the_rate_card_does()
    {
        var pricing = Pull().Pricing!;

        Assert.Equal("Care Plus", pricing.TermsFor(ContractId).ContractName);
        Assert.Null(pricing.TermsFor(null).ContractName);
        Assert.Null(pricing.TermsFor(Guid.NewGuid()).ContractName);
        Assert.True(pricing.Holidays().IsHoliday(new DateOnly(2026, 2, 16)));
    }

    [Fact]
    public void A_field_article_is_the_catalog_article_the_engine_reads()
    {
        var article = new Article("SERVICE-BOILER", new("Annual boiler service", "Jaarlijks ketelonderhoud"), "C62", 120.00m, 21m, "services", ArticleKind.FixedPriceTask)
        {
            IncludedMinutes = 60,
            IncludesTravel = true,
        };

        Assert.Equal(article, FieldArticle.From(article, "5400000000001").ToArticle());
    }

    [Fact]
    public void A_push_result_lists_the_files_the_server_still_needs()
    {
        var report = Samples.Golden();
        var result = new PushResult(report.ReportId, ReportHash.Compute(report), PushOutcome.Stored, report.FileHashes());

        Assert.Equal([Samples.Photo1Hash, Samples.Photo2Hash, Samples.SignatureHash], result.MissingPhotoHashes);
        var json = JsonSerializer.Serialize(result, JsonSerializerOptions.Web);
        var received = JsonSerializer.Deserialize<PushResult>(json, JsonSerializerOptions.Web)!;
        Assert.Equal((result.ReportId, result.Hash, result.Outcome), (received.ReportId, received.Hash, received.Outcome));
        Assert.Equal(result.MissingPhotoHashes, received.MissingPhotoHashes);
    }
}
