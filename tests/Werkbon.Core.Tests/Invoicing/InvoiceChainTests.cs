using System.Reflection;
using Werkbon.Core.Invoicing;
using Werkbon.Core.Pricing;
using Werkbon.Core.Vat;
using static Werkbon.Core.Tests.Invoicing.InvoiceSamples;

namespace Werkbon.Core.Tests.Invoicing;

public class InvoiceChainTests
{
    private const string Previous = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

    /// <summary>A document with every optional field filled, so each one can be changed.</summary>
    private static InvoiceDocument Full() => Mixed() with
    {
        PrecedingInvoiceNumber = "2026-000090",
        PrecedingInvoiceIssueDate = new DateOnly(2026, 3, 1),
        Prepaid = 10m,
        Lines = [.. Mixed().Lines.Select(l => l with { ReportId = ReportId, SignedOriginal = "1 × 40.00", CorrectionReason = "Prijs volgens contract", Kind = LineKind.Material, ArticleCode = l.ArticleCode ?? "LAB" })],
    };

    private static InvoiceDocument Line0(InvoiceDocument d, Func<InvoiceLine, InvoiceLine> change) => d with { Lines = [change(d.Lines[0]), .. d.Lines.Skip(1)] };

    private static InvoiceDocument Vat0(InvoiceDocument d, Func<VatSubtotal, VatSubtotal> change) => d with { VatBreakdown = [change(d.VatBreakdown[0]), .. d.VatBreakdown.Skip(1)] };

    private static InvoiceDocument Report0(InvoiceDocument d, Func<InvoiceReportReference, InvoiceReportReference> change) => d with { Reports = [change(d.Reports[0]), .. d.Reports.Skip(1)] };

    private static InvoiceDocument Seller0(InvoiceDocument d, Func<InvoiceParty, InvoiceParty> change) => d with { Seller = change(d.Seller) };

    private static InvoiceDocument Address0(InvoiceDocument d, Func<PostalAddress, PostalAddress> change) => d with { Buyer = d.Buyer with { Address = change(d.Buyer.Address) } };

    /// <summary>One change per field of every record the document is made of, named Type.Property.</summary>
    private static readonly Dictionary<string, Func<InvoiceDocument, InvoiceDocument>> Changes = new()
    {
        ["InvoiceDocument.Kind"] = d => d with { Kind = InvoiceKind.CreditNote },
        ["InvoiceDocument.Number"] = d => d with { Number = "2026-000105" },
        ["InvoiceDocument.IssueDate"] = d => d with { IssueDate = d.IssueDate.AddDays(1) },
        ["InvoiceDocument.DueDate"] = d => d with { DueDate = d.DueDate.AddDays(1) },
        ["InvoiceDocument.Language"] = d => d with { Language = "fr" },
        ["InvoiceDocument.Seller"] = d => d with { Seller = d.Buyer },
        ["InvoiceDocument.Buyer"] = d => d with { Buyer = d.Seller },
        ["InvoiceDocument.Lines"] = d => d with { Lines = [.. d.Lines.Reverse()] },
        ["InvoiceDocument.VatBreakdown"] = d => d with { VatBreakdown = [.. d.VatBreakdown.Take(1)] },
        ["InvoiceDocument.Net"] = d => d with { Net = d.Net + 0.01m },
        ["InvoiceDocument.Vat"] = d => d with { Vat = d.Vat + 0.01m },
        ["InvoiceDocument.Total"] = d => d with { Total = d.Total + 0.01m },
        ["InvoiceDocument.StructuredCommunication"] = d => d with { StructuredCommunication = StructuredCommunication.ForInvoice(2026, 105).ToString() },
        ["InvoiceDocument.Iban"] = d => d with { Iban = "BE71 0961 2345 6769" },
        ["InvoiceDocument.Bic"] = d => d with { Bic = "GKCCBEBB" },
        ["InvoiceDocument.LegalTexts"] = d => d with { LegalTexts = [] },
        ["InvoiceDocument.Currency"] = d => d with { Currency = "USD" },
        ["InvoiceDocument.BuyerReference"] = d => d with { BuyerReference = "PO-1" },
        ["InvoiceDocument.PeriodStart"] = d => d with { PeriodStart = null },
        ["InvoiceDocument.PeriodEnd"] = d => d with { PeriodEnd = d.PeriodEnd!.Value.AddDays(1) },
        ["InvoiceDocument.PrecedingInvoiceNumber"] = d => d with { PrecedingInvoiceNumber = "2026-000091" },
        ["InvoiceDocument.PrecedingInvoiceIssueDate"] = d => d with { PrecedingInvoiceIssueDate = null },
        ["InvoiceDocument.CreditReason"] = d => d with { CreditReason = "Dubbel gefactureerd" },
        ["InvoiceDocument.Reports"] = d => d with { Reports = [] },
        ["InvoiceDocument.Prepaid"] = d => d with { Prepaid = 0m },
        ["InvoiceDocument.PaymentTerms"] = d => d with { PaymentTerms = "14 dagen" },
        ["InvoiceParty.Name"] = d => Seller0(d, p => p with { Name = p.Name + "." }),
        ["InvoiceParty.Address"] = d => Seller0(d, p => p with { Address = d.Buyer.Address }),
        ["InvoiceParty.VatNumber"] = d => Seller0(d, p => p with { VatNumber = "BE0123456749" }),
        ["InvoiceParty.EnterpriseNumber"] = d => Seller0(d, p => p with { EnterpriseNumber = "0123456749" }),
        ["InvoiceParty.PeppolEndpoint"] = d => Seller0(d, p => p with { PeppolEndpoint = "9925:BE0712345630" }),
        ["InvoiceParty.Email"] = d => Seller0(d, p => p with { Email = "info@janssens.example" }),
        ["InvoiceParty.Phone"] = d => Seller0(d, p => p with { Phone = "" }),
        ["PostalAddress.Street"] = d => Address0(d, a => a with { Street = "Nijverheidslaan 12" }),
        ["PostalAddress.PostalCode"] = d => Address0(d, a => a with { PostalCode = "1020" }),
        ["PostalAddress.City"] = d => Address0(d, a => a with { City = "Bruxelles" }),
        ["PostalAddress.CountryCode"] = d => Address0(d, a => a with { CountryCode = "NL" }),
        ["InvoiceLine.Description"] = d => Line0(d, l => l with { Description = l.Description + " " }),
        ["InvoiceLine.Quantity"] = d => Line0(d, l => l with { Quantity = l.Quantity + 0.0001m }),
        ["InvoiceLine.UnitCode"] = d => Line0(d, l => l with { UnitCode = "MIN" }),
        ["InvoiceLine.UnitPrice"] = d => Line0(d, l => l with { UnitPrice = l.UnitPrice + 0.01m }),
        ["InvoiceLine.Amount"] = d => Line0(d, l => l with { Amount = l.Amount + 0.01m }),
        ["InvoiceLine.VatCategory"] = d => Line0(d, l => l with { VatCategory = VatCategory.Z }),
        ["InvoiceLine.VatPercent"] = d => Line0(d, l => l with { VatPercent = 12m }),
        ["InvoiceLine.Kind"] = d => Line0(d, l => l with { Kind = null }),
        ["InvoiceLine.ArticleCode"] = d => Line0(d, l => l with { ArticleCode = "" }),
        ["InvoiceLine.Explanation"] = d => Line0(d, l => l with { Explanation = "(contract Gold)" }),
        ["InvoiceLine.IsExtra"] = d => Line0(d, l => l with { IsExtra = !l.IsExtra }),
        ["InvoiceLine.ReportId"] = d => Line0(d, l => l with { ReportId = Guid.Empty }),
        ["InvoiceLine.SignedOriginal"] = d => Line0(d, l => l with { SignedOriginal = null }),
        ["InvoiceLine.CorrectionReason"] = d => Line0(d, l => l with { CorrectionReason = "" }),
        ["VatSubtotal.Category"] = d => Vat0(d, s => s with { Category = VatCategory.AE }),
        ["VatSubtotal.Percent"] = d => Vat0(d, s => s with { Percent = 12m }),
        ["VatSubtotal.TaxableAmount"] = d => Vat0(d, s => s with { TaxableAmount = s.TaxableAmount + 0.01m }),
        ["VatSubtotal.VatAmount"] = d => Vat0(d, s => s with { VatAmount = s.VatAmount - 0.01m }),
        ["VatSubtotal.ExemptionReasonCode"] = d => Vat0(d, s => s with { ExemptionReasonCode = "VATEX-EU-AE" }),
        ["LegalText.Kind"] = d => d with { LegalTexts = [d.LegalTexts[0] with { Kind = LegalTextKind.ReverseCharge }] },
        ["LegalText.Text"] = d => d with { LegalTexts = [d.LegalTexts[0] with { Text = LegalTexts.RenovationSixPercent(Language.Fr) }] },
        ["InvoiceReportReference.ReportId"] = d => Report0(d, r => r with { ReportId = Guid.Empty }),
        ["InvoiceReportReference.WorkOrderNumber"] = d => Report0(d, r => r with { WorkOrderNumber = "WO-2026-0043" }),
        ["InvoiceReportReference.VisitDate"] = d => Report0(d, r => r with { VisitDate = r.VisitDate.AddDays(-1) }),
        ["InvoiceReportReference.TechnicianName"] = d => Report0(d, r => r with { TechnicianName = "Tom Claessens" }),
        ["InvoiceReportReference.SiteAddress"] = d => Report0(d, r => r with { SiteAddress = "Kerkstraat 2, 9000 Gent" }),
        ["InvoiceReportReference.SignerName"] = d => Report0(d, r => r with { SignerName = "Jan Peeters" }),
        ["InvoiceReportReference.SignedAt"] = d => Report0(d, r => r with { SignedAt = r.SignedAt.AddSeconds(1) }),
        ["InvoiceReportReference.Hash"] = d => Report0(d, r => r with { Hash = new string('b', 64) }),
    };

    public static TheoryData<string> ChangedFields() => [.. Changes.Keys];

    [Theory]
    [MemberData(nameof(ChangedFields))]
    public void Changing_any_single_field_changes_the_hash(string field)
    {
        var original = Full();
        var changed = Changes[field](original);

        Assert.NotEqual(original, changed);
        Assert.NotEqual(InvoiceChain.Hash(original, Previous), InvoiceChain.Hash(changed, Previous));
        Assert.False(InvoiceChain.Verify(changed, Previous, InvoiceChain.Hash(original, Previous)));
    }

    [Fact]
    public void Every_field_of_the_document_has_a_change_above()
    {
        Type[] types = [typeof(InvoiceDocument), typeof(InvoiceParty), typeof(PostalAddress), typeof(InvoiceLine), typeof(VatSubtotal), typeof(LegalText), typeof(InvoiceReportReference)];
        var fields = types.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite) // Payable is computed from Total and Prepaid
            .Select(p => $"{t.Name}.{p.Name}"));

        Assert.Empty(fields.Except(Changes.Keys));
    }

    [Fact]
    public void The_same_document_always_gives_the_same_hash()
    {
        Assert.Equal(InvoiceChain.Hash(Full(), Previous), InvoiceChain.Hash(Full(), Previous));
        Assert.Equal(InvoiceChain.Canonical(Full()), InvoiceChain.Canonical(Full()));
        Assert.Matches("^[0-9a-f]{64}$", InvoiceChain.Hash(Full(), null));
    }

    [Fact]
    public void The_canonical_text_and_hash_of_the_standard_invoice_are_stable()
    {
        var canonical = InvoiceChain.Canonical(Standard());

        Assert.StartsWith("werkbon-invoice-chain-v1\nkind=Invoice\nnumber=2026-000104\nissueDate=2026-03-18\n", canonical, StringComparison.Ordinal);
        Assert.Contains("\nline.3.quantity=2\nline.3.unitCode=C62\nline.3.unitPrice=8.4\nline.3.amount=16.8\n", canonical, StringComparison.Ordinal);
        Assert.Contains("\nprecedingInvoiceNumber\n", canonical, StringComparison.Ordinal);
        Assert.Equal(Pinned, InvoiceChain.Hash(Standard(), null));
    }

    // Computed once, independently of .NET, from the canonical text; a change here means every stored chain breaks.
    private const string Pinned = "7a822731cb56a431c17a4cc50384c4f56ac9eabd22b3d590b07f686d20aeeed9";

    [Fact]
    public void The_previous_hash_is_part_of_the_link()
    {
        Assert.NotEqual(InvoiceChain.Hash(Full(), null), InvoiceChain.Hash(Full(), Previous));
        Assert.Equal(InvoiceChain.Hash(Full(), null), InvoiceChain.Hash(Full(), ""));
        Assert.Throws<ArgumentException>(() => InvoiceChain.Hash(Full(), Previous.ToUpperInvariant()));
        Assert.Throws<ArgumentException>(() => InvoiceChain.Hash(Full(), "abc"));
    }

    [Fact]
    public void Text_with_line_breaks_cannot_pass_for_other_fields_and_null_differs_from_empty()
    {
        var sneaky = Line0(Full(), l => l with { Description = "Radiatorkraan\nline.1.amount=0" });

        Assert.Equal(InvoiceChain.Canonical(Full()).Split('\n').Length, InvoiceChain.Canonical(sneaky).Split('\n').Length);
        Assert.NotEqual(InvoiceChain.Hash(Line0(Full(), l => l with { ArticleCode = null }), null), InvoiceChain.Hash(Line0(Full(), l => l with { ArticleCode = "" }), null));
    }

    [Fact]
    public void Text_in_decomposed_Unicode_hashes_like_the_composed_text()
    {
        var composed = Line0(Full(), l => l with { Description = "Privéwoning" });
        var decomposed = Line0(Full(), l => l with { Description = "Prive\u0301woning" });

        Assert.Equal(InvoiceChain.Hash(composed, null), InvoiceChain.Hash(decomposed, null));
    }

    [Fact]
    public void A_chain_verifies_until_a_document_is_changed_removed_or_reordered()
    {
        InvoiceDocument[] documents = [Standard(), Mixed() with { Number = "2026-000105" }, ReverseCharge() with { Number = "2026-000106" }];
        var chain = new List<(InvoiceDocument Document, string Hash)>();
        foreach (var document in documents)
        {
            chain.Add((document, InvoiceChain.Hash(document, chain.Count == 0 ? null : chain[^1].Hash)));
        }

        Assert.Null(InvoiceChain.FirstBrokenLink(chain));
        Assert.Equal(1, InvoiceChain.FirstBrokenLink([chain[0], (chain[1].Document with { Total = 1m }, chain[1].Hash), chain[2]]));
        Assert.Equal(1, InvoiceChain.FirstBrokenLink([chain[0], chain[2]]));
        Assert.Equal(0, InvoiceChain.FirstBrokenLink([chain[1], chain[0], chain[2]]));
        Assert.False(InvoiceChain.Verify(documents[0], null, null));
        Assert.True(InvoiceChain.Verify(documents[1], chain[0].Hash, chain[1].Hash));
    }
}
