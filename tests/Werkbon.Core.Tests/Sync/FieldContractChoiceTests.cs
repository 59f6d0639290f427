using System.Text.Json;
using Werkbon.Core.Pricing;
using Werkbon.Core.Sync;
using Werkbon.Core.Vat;

namespace Werkbon.Core.Tests.Sync;

/// <summary>On the device, a visit is priced under the contract covering the day it happens, by the server's rule.</summary>
public class FieldContractChoiceTests
{
    private static readonly Guid Peeters = Guid.Parse("0194aa10-0000-7000-8000-0000000000a1");
    private static readonly Guid Dentist = Guid.Parse("0194aa10-0000-7000-8000-0000000000a2");
    private static readonly Guid Home = Guid.Parse("0194aa10-0000-7000-8000-00000000d001");
    private static readonly Guid OldId = Guid.Parse("0194aa10-0000-7000-8000-00000000c001");
    private static readonly Guid NewId = Guid.Parse("0194aa10-0000-7000-8000-00000000c002");
    private static readonly Guid DentistId = Guid.Parse("0194aa10-0000-7000-8000-00000000c003");

    private static FieldContract Contract(Guid id, Guid customer, string name, DateOnly startsOn, DateOnly? endsOn) =>
        new(id, new ContractTerms(name) { PartsDiscountPercent = 10m }, []) { Coverage = new(id, customer, startsOn, endsOn, []) };

    private static readonly FieldPricing Pricing = new(
        RateCard.BelgianDefaults(),
        [],
        [
            Contract(DentistId, Dentist, "Praktijk", new(2024, 1, 1), null),
            Contract(OldId, Peeters, "Care", new(2025, 1, 1), new(2026, 2, 16)),
            Contract(NewId, Peeters, "Care Plus", new(2026, 2, 17), null),
        ],
        "Europe/Brussels");

    private static FieldWorkOrder Order(Guid customer, FieldContractSummary? named) => new(
        Guid.Parse("019c5f12-0a44-7e3b-8d21-6b9f0c3d4e02"),
        "WO-2026-0142",
        "Planned",
        "Anaïs Peeters",
        "nl",
        new FieldSite(Home, "Woning", ["Kortrijksesteenweg 112", "9000 Gent"], 23.5m, IsPrivateHome: true, FirstOccupiedYear: 1978),
        null,
        "Radiatorkraan lekt",
        new DateTimeOffset(2026, 2, 17, 7, 30, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 2, 17, 9, 30, 0, TimeSpan.Zero),
        [],
        named,
        [],
        [],
        VatContext.Private(1978, isPrivateHome: true))
    {
        CustomerId = customer,
    };

    [Fact]
    public void A_visit_a_day_before_the_planned_day_is_priced_under_the_contract_running_that_day()
    {
        var order = Order(Peeters, new(NewId, "Care Plus", false));

        Assert.Equal(NewId, Pricing.ContractFor(order, new(2026, 2, 17))?.Id);
        Assert.Equal(OldId, Pricing.ContractFor(order, new(2026, 2, 16))?.Id);
        Assert.Null(Pricing.ContractFor(order, new(2024, 12, 31)));
    }

    [Fact]
    public void A_customer_without_a_contract_is_never_priced_under_another_customers()
    {
        var goossens = Order(Guid.Parse("0194aa10-0000-7000-8000-0000000000a3"), null);

        Assert.Null(Pricing.ContractFor(goossens, new(2026, 2, 17)));
    }

    [Fact]
    public void The_coverage_and_the_customer_survive_the_wire_and_the_device_store()
    {
        var order = Order(Peeters, new(NewId, "Care Plus", false));
        var json = JsonSerializer.Serialize(new PullResponse(SyncProtocol.Version, "", [order], [], [], [], Pricing, false), JsonSerializerOptions.Web);
        var received = JsonSerializer.Deserialize<PullResponse>(json, JsonSerializerOptions.Web)!;

        Assert.Equal(Peeters, received.WorkOrders[0].CustomerId);
        Assert.Equal(OldId, received.Pricing!.ContractFor(received.WorkOrders[0], new(2026, 2, 16))?.Id);
    }

    [Fact]
    public void A_work_order_stored_before_contracts_came_with_their_coverage_keeps_the_one_it_names()
    {
        var stored = Order(Guid.Empty, new(OldId, "Care", false));

        Assert.Equal(OldId, Pricing.ContractFor(stored, new(2026, 3, 1))?.Id);
    }

    [Fact]
    public void A_new_pull_keeps_the_contracts_of_work_orders_still_held_on_the_device()
    {
        var held = Order(Peeters, new(NewId, "Care Plus", false));
        var next = Pricing with { Contracts = [Pricing.Contracts[0]] };

        var kept = next.Keeping(Pricing, [held]);

        Assert.Equal([OldId, NewId, DentistId], kept.Contracts.Select(c => c.Id).Order());
        Assert.Equal(next, next.Keeping(Pricing, []));
    }
}
