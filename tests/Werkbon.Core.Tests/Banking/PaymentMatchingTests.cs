using Werkbon.Core.Banking;
using Werkbon.Core.Invoicing;

namespace Werkbon.Core.Tests.Banking;

public class PaymentMatchingTests
{
    private static readonly Guid Claes = Guid.NewGuid();
    private static readonly Guid Goossens = Guid.NewGuid();
    private static readonly Guid Verbist = Guid.NewGuid();
    private static readonly DateOnly Due = new(2026, 12, 15);

    private static OpenItem Invoice(Guid customer, string name, long sequence, decimal open, int dueInDays = 0, params string[] ibans) =>
        new(Guid.NewGuid(), customer, name, $"2026-{sequence:0000}", false, StructuredCommunication.ForInvoice(2026, sequence), open, Due.AddDays(dueInDays), ibans);

    private static BankMovement Received(decimal amount, StructuredCommunication? ogm = null, string? free = null, string? name = null, string? iban = null) =>
        new(Guid.NewGuid().ToString("N"), amount, new DateOnly(2026, 12, 2), null, name, iban, ogm, free);

    [Fact]
    public void A_correct_structured_communication_of_an_open_invoice_is_an_exact_match_whatever_the_amount()
    {
        var full = Invoice(Claes, "Tandartspraktijk Claes BV", 104, 121.00m);
        var partly = Invoice(Goossens, "Luc Goossens", 105, 242.00m);
        var over = Invoice(Verbist, "Syndicus Verbist", 106, 100.00m);
        var movements = new[]
        {
            Received(121.00m, full.Communication),
            Received(50.00m, free: $"factuur {partly.Communication} dank u"),
            Received(150.00m, over.Communication, name: "Iemand anders"),
        };

        var outcome = PaymentMatching.Match(movements, [full, partly, over]);

        Assert.Empty(outcome.Unmatched);
        Assert.Empty(outcome.Proposals);
        Assert.Equal(
            [(full.Id, 121.00m), (partly.Id, 50.00m), (over.Id, 150.00m)],
            outcome.Exact.Select(m => (m.ItemId, m.Amount)));
    }

    [Fact]
    public void A_communication_with_wrong_check_digits_is_never_exact_but_the_amount_and_the_payers_account_propose_the_invoice()
    {
        var invoice = Invoice(Claes, "Tandartspraktijk Claes", 104, 121.00m, ibans: "BE68539007547034");
        var digits = invoice.Communication!.Digits;
        var typo = digits[..9] + (digits[9] == '9' ? '0' : '9') + digits[10..];

        var outcome = PaymentMatching.Match([Received(121.00m, free: typo, iban: "BE68539007547034")], [invoice]);

        var proposal = Assert.Single(outcome.Matches);
        Assert.Equal(MatchKind.Proposal, proposal.Kind);
        Assert.Equal(invoice.Id, proposal.ItemId);
    }

    [Fact]
    public void The_payers_name_proposes_an_invoice_when_the_account_is_new_setting_aside_case_accents_and_legal_form()
    {
        var invoice = Invoice(Claes, "Tandartspraktijk Claës BV", 104, 121.00m);

        var outcome = PaymentMatching.Match([Received(121.00m, name: "TANDARTSPRAKTIJK CLAES B.V.", iban: "BE00NEW")], [invoice]);

        Assert.Equal(invoice.Id, Assert.Single(outcome.Proposals).ItemId);
    }

    [Fact]
    public void An_unknown_payer_an_amount_that_fits_nothing_and_a_communication_of_no_open_invoice_wait_for_the_office()
    {
        var invoice = Invoice(Claes, "Tandartspraktijk Claes", 104, 121.00m, ibans: "BE68539007547034");
        var paidBefore = StructuredCommunication.ForInvoice(2026, 99);
        var movements = new[]
        {
            Received(121.00m, name: "Iemand Anders", iban: "BE11111111111111"),
            Received(120.00m, iban: "BE68539007547034"),
            Received(55.00m, paidBefore),
        };

        var outcome = PaymentMatching.Match(movements, [invoice]);

        Assert.Empty(outcome.Matches);
        Assert.Equal(movements, outcome.Unmatched);
    }

    [Fact]
    public void Nothing_is_matched_twice_two_equal_payments_propose_two_invoices_oldest_due_first_then_wait()
    {
        var later = Invoice(Claes, "Claes", 107, 80.00m, dueInDays: 10, ibans: "BE68539007547034");
        var first = Invoice(Claes, "Claes", 104, 80.00m, ibans: "BE68539007547034");
        var movements = new[] { Received(80m, iban: "BE68539007547034"), Received(80m, iban: "BE68539007547034"), Received(80m, iban: "BE68539007547034") };

        var outcome = PaymentMatching.Match(movements, [later, first]);

        Assert.Equal([first.Id, later.Id], outcome.Proposals.Select(p => p.ItemId));
        Assert.Equal(movements[2], Assert.Single(outcome.Unmatched));
        Assert.Equal(outcome.Matches.Select(m => m.Movement).Distinct().Count(), outcome.Matches.Count);
    }

    [Fact]
    public void A_paid_invoice_is_not_matched_again()
    {
        var paid = Invoice(Claes, "Claes", 104, 0m, ibans: "BE68539007547034");

        var outcome = PaymentMatching.Match([Received(121m, paid.Communication), Received(121m, iban: "BE68539007547034")], [paid]);

        Assert.Empty(outcome.Matches);
        Assert.Equal(2, outcome.Unmatched.Count);
    }

    [Fact]
    public void Money_paid_out_is_proposed_as_the_refund_of_a_credit_note_never_as_an_invoice_payment()
    {
        var invoice = Invoice(Goossens, "Luc Goossens", 105, 30.00m, ibans: "BE62510007547061");
        var creditNote = new OpenItem(Guid.NewGuid(), Goossens, "Luc Goossens", "2026-0106", true, null, 30.00m, Due, ["BE62510007547061"]);

        var outcome = PaymentMatching.Match([Received(-30.00m, iban: "BE62510007547061")], [invoice, creditNote]);

        var refund = Assert.Single(outcome.Proposals);
        Assert.Equal(creditNote.Id, refund.ItemId);
        Assert.Equal(30.00m, refund.Amount);
    }

    [Theory]
    [InlineData("factuur +++260/0000/01079+++ bedankt", "260000001079")]
    [InlineData("VCS 260000001079", "260000001079")]
    [InlineData("ref 260.0000.01079", "260000001079")]
    [InlineData("***260/0000/01079***", "260000001079")]
    public void A_structured_communication_typed_in_free_text_is_found(string text, string digits)
    {
        Assert.True(StructuredCommunication.TryFind(text, out var found));
        Assert.Equal(digits, found.Digits);
    }

    [Theory]
    [InlineData("klantnummer 260000001078")]
    [InlineData("klantnummer 12260000001079")]
    [InlineData("")]
    public void Digits_with_wrong_check_digits_or_inside_longer_numbers_are_no_structured_communication(string text)
    {
        Assert.False(StructuredCommunication.TryFind(text, out _));
    }
}
