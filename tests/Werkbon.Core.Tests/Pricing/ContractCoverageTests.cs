using CsCheck;
using Werkbon.Core.Pricing;

namespace Werkbon.Core.Tests.Pricing;

/// <summary>Which contract a visit is priced under: one rule, the same on the device and the server.</summary>
public class ContractCoverageTests
{
    private static readonly Guid Dentist = new("00000000-0000-0000-0000-0000000000d1");
    private static readonly Guid Goossens = new("00000000-0000-0000-0000-0000000000a2");
    private static readonly Guid Practice = new("00000000-0000-0000-0000-0000000000b1");
    private static readonly Guid Home = new("00000000-0000-0000-0000-0000000000b2");
    private static readonly DateOnly Visit = new(2026, 3, 10);

    private static ContractCoverage Contract(int id, Guid customer, DateOnly startsOn, DateOnly? endsOn = null, Guid[]? sites = null, bool archived = false) =>
        new(new Guid($"00000000-0000-0000-0000-{id:000000000000}"), customer, startsOn, endsOn, sites ?? [], archived);

    private static ContractCoverage? For(IEnumerable<ContractCoverage> contracts, Guid customer, Guid? site, DateOnly day) =>
        ContractCoverage.For(contracts, c => c, customer, site, day);

    [Fact]
    public void Another_customers_contract_for_every_site_never_covers_a_visit()
    {
        var dentist = Contract(1, Dentist, new(2025, 1, 1));

        Assert.Null(For([dentist], Goossens, Home, Visit));
        Assert.Equal(dentist, For([dentist], Dentist, Practice, Visit));
    }

    [Fact]
    public void A_contract_covers_from_its_first_to_its_last_day_included_and_not_once_archived()
    {
        var march = Contract(1, Dentist, new(2026, 3, 10), new(2026, 3, 12));

        Assert.Null(For([march], Dentist, Practice, new(2026, 3, 9)));
        Assert.Equal(march, For([march], Dentist, Practice, new(2026, 3, 10)));
        Assert.Equal(march, For([march], Dentist, Practice, new(2026, 3, 12)));
        Assert.Null(For([march], Dentist, Practice, new(2026, 3, 13)));
        Assert.Null(For([march with { IsArchived = true }], Dentist, Practice, Visit));
    }

    [Fact]
    public void A_contract_naming_sites_covers_only_those_and_wins_over_one_for_every_site()
    {
        var everySite = Contract(1, Dentist, new(2026, 1, 1));
        var practiceOnly = Contract(2, Dentist, new(2025, 1, 1), sites: [Practice]);

        Assert.Equal(practiceOnly, For([everySite, practiceOnly], Dentist, Practice, Visit));
        Assert.Equal(everySite, For([everySite, practiceOnly], Dentist, Home, Visit));
        Assert.Null(For([practiceOnly], Dentist, Home, Visit));
        Assert.Null(For([practiceOnly], Dentist, null, Visit));
        Assert.Equal(everySite, For([everySite, practiceOnly], Dentist, null, Visit));
    }

    [Fact]
    public void Among_equally_specific_contracts_the_latest_start_wins_then_the_lowest_id()
    {
        var older = Contract(1, Dentist, new(2025, 1, 1));
        var newer = Contract(3, Dentist, new(2026, 1, 1));
        var twin = Contract(2, Dentist, new(2026, 1, 1));

        Assert.Equal(twin, For([older, newer, twin], Dentist, Practice, Visit));
        Assert.Equal(older, For([older, newer, twin], Dentist, Practice, new(2025, 6, 1)));
    }

    [Fact]
    public void The_choice_covers_the_visit_and_does_not_depend_on_the_order_of_the_candidates()
    {
        Guid[] customers = [Dentist, Goossens];
        Guid[] sites = [Practice, Home, Guid.Empty];
        var contract = Gen.Select(
            Gen.Int[1, 30],
            Gen.Int[0, 1],
            Gen.Int[-20, 20],
            Gen.Int[-1, 20],
            Gen.Int[0, 3],
            Gen.Bool,
            (id, customer, start, length, site, archived) => Contract(
                id,
                customers[customer],
                Visit.AddDays(start),
                length < 0 ? null : Visit.AddDays(start + length),
                site switch { 0 => [], 1 => [Practice], 2 => [Home], _ => [Practice, Home] },
                archived && id % 4 == 0));
        var visit = Gen.Select(Gen.Int[0, 1], Gen.Int[0, 2], Gen.Int[-25, 25], (c, s, d) => (Customer: customers[c], Site: sites[s] == Guid.Empty ? (Guid?)null : sites[s], Day: Visit.AddDays(d)));

        Gen.Select(contract.List[0, 6], visit, Gen.Int).Sample(
            (generated, v, shuffle) =>
            {
                var contracts = generated.DistinctBy(c => c.ContractId).ToList();
                var chosen = For(contracts, v.Customer, v.Site, v.Day);
                var shuffled = contracts.OrderBy(c => HashCode.Combine(c.ContractId, shuffle)).ToList();
                var covering = contracts.Where(c => c.Covers(v.Customer, v.Site, v.Day)).ToList();

                Assert.Equal(chosen, For(shuffled, v.Customer, v.Site, v.Day));
                if (chosen is null)
                {
                    Assert.Empty(covering);
                    return;
                }

                Assert.Contains(chosen, covering);
                Assert.Equal(v.Customer, chosen.CustomerId);
                Assert.False(chosen.IsArchived);
                Assert.True(chosen.StartsOn <= v.Day && (chosen.EndsOn is null || v.Day <= chosen.EndsOn));
                Assert.True(chosen.SiteIds.Count == 0 || (v.Site is { } site && chosen.SiteIds.Contains(site)));
            },
            iter: 2_000);
    }
}
