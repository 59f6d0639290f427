using Werkbon.Core.Invoicing;

namespace Werkbon.Core.Tests.Invoicing;

/// <summary>Our rule check against OpenPEPPOL's own examples and the Belgian samples.</summary>
public class ReferenceDocumentTests
{
    public static TheoryData<string> ValidDocuments()
    {
        var data = new TheoryData<string>();
        foreach (var file in PeppolFiles.Examples)
        {
            data.Add(Path.Combine("examples", Path.GetFileName(file)));
        }

        data.Add(Path.Combine("be-samples", "BE-01-standard-21.xml"));
        data.Add(Path.Combine("be-samples", "BE-02-mixed-6-21.xml"));
        data.Add(Path.Combine("be-samples", "BE-03-reverse-charge-AE.xml"));
        return data;
    }

    [Theory]
    [MemberData(nameof(ValidDocuments))]
    public void Official_examples_and_valid_Belgian_samples_break_no_rule(string file)
    {
        var violations = PeppolRules.Check(PeppolFiles.Load(file));

        Assert.Empty(violations);
    }

    [Theory]
    [MemberData(nameof(ValidDocuments))]
    public void Official_examples_and_valid_Belgian_samples_are_valid_UBL(string file)
    {
        Assert.Empty(PeppolFiles.XsdErrors(PeppolFiles.Load(file)));
    }

    [Fact]
    public void The_broken_Belgian_sample_has_exactly_its_three_problems()
    {
        var violations = PeppolRules.Check(PeppolFiles.Load(Path.Combine("be-samples", "BE-04-broken.xml")));

        Assert.Equal(["BR-CO-16", "BR-CO-17", "PEPPOL-COMMON-R043"], violations.Select(v => v.RuleId).Order(StringComparer.Ordinal));
        Assert.Contains("0712345631", violations.Single(v => v.RuleId == "PEPPOL-COMMON-R043").Message);
        Assert.Contains("39.90", violations.Single(v => v.RuleId == "BR-CO-17").Message);
        Assert.Contains("229.91", violations.Single(v => v.RuleId == "BR-CO-16").Message);
    }
}
