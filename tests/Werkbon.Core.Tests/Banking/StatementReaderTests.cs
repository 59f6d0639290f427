using System.Xml.Linq;
using Werkbon.Core.Banking;
using Werkbon.Core.Invoicing;

namespace Werkbon.Core.Tests.Banking;

/// <summary>CODA and CAMT.053 statements, read the same way: every movement, the totals checked, damage refused.</summary>
public class StatementReaderTests
{
    private static readonly string Paid = StructuredCommunication.ForInvoice(2026, 104).Digits;
    private static readonly string Partly = StructuredCommunication.ForInvoice(2026, 105).Digits;

    /// <summary>Structured and free communications, an unknown payer, money paid out and a batch of two.</summary>
    private static readonly object[] Day =
    [
        new Transfer(121.00m, Structured: Paid, Name: "Tandartspraktijk Claes", Iban: "BE68539007547034", Reference: "EBK-1"),
        new Transfer(50.00m, Free: "Factuur 2026-0105 +++" + Partly[..3] + "/" + Partly[3..7] + "/" + Partly[7..] + "+++ dank u", Name: "Luc Goossens", Iban: "BE62510007547061"),
        new Transfer(75.25m, Free: "onbekende betaling", Name: "Iemand Anders"),
        new Transfer(-30.00m, Free: "Terugbetaling creditnota", Name: "Marie Dubois", Iban: "BE43068999999501"),
        new Batch([
            new Transfer(200.00m, Structured: StructuredCommunication.ForInvoice(2026, 106).Digits, Name: "Syndicus Verbist", Iban: "BE56001234567888"),
            new Transfer(300.50m, Free: "huur december", Name: "Syndicus Verbist", Iban: "BE56001234567888"),
        ]),
    ];

    public static TheoryData<string> Formats => new() { "coda", "camt.02", "camt.08", "camt.13" };

    private static string File(string format, IReadOnlyList<object> entries, string account = StatementFiles.Account, decimal opening = 1000m) => format switch
    {
        "coda" => StatementFiles.Coda(entries, account, opening),
        "camt.02" => StatementFiles.Camt053(entries, account, opening, version: 2),
        "camt.08" => StatementFiles.Camt053(entries, account, opening, version: 8),
        _ => StatementFiles.Camt053(entries, account, opening, version: 13),
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Reads_every_movement_with_its_amount_sign_payer_and_communication(string format)
    {
        var statement = Assert.Single(BankStatements.Read(StatementFiles.Bytes(File(format, Day))));

        Assert.Equal(StatementFiles.Account, statement.Account);
        Assert.Equal("EUR", statement.Currency);
        Assert.Equal(1000m, statement.OpeningBalance);
        Assert.Equal(1000m + 121.00m + 50.00m + 75.25m - 30.00m + 500.50m, statement.ClosingBalance);
        Assert.Equal(new DateOnly(2026, 12, 2), statement.ClosingDate);

        var m = statement.Movements;
        Assert.Equal(6, m.Count);
        Assert.Equal([121.00m, 50.00m, 75.25m, -30.00m, 200.00m, 300.50m], m.Select(x => x.Amount));
        Assert.All(m, x => Assert.Equal(new DateOnly(2026, 12, 2), x.BookingDate));

        Assert.Equal(Paid, m[0].Communication?.Digits);
        Assert.Equal("Tandartspraktijk Claes", m[0].CounterpartyName);
        Assert.Equal("BE68539007547034", m[0].CounterpartyIban);

        Assert.Null(m[1].Communication);
        Assert.Contains("Factuur 2026-0105", m[1].FreeText, StringComparison.Ordinal);
        Assert.Equal(Partly, PaymentMatching.Communication(m[1])?.Digits);

        Assert.Equal("Iemand Anders", m[2].CounterpartyName);
        Assert.Null(m[2].CounterpartyIban);
        Assert.Equal("onbekende betaling", m[2].FreeText);

        Assert.Equal("Marie Dubois", m[3].CounterpartyName);
        Assert.Equal("BE43068999999501", m[3].CounterpartyIban);

        // The batch: two transactions of one booked entry, each with its own communication.
        Assert.NotNull(m[4].Batch);
        Assert.Equal(m[4].Batch, m[5].Batch);
        Assert.Equal(StructuredCommunication.ForInvoice(2026, 106).Digits, m[4].Communication?.Digits);
        Assert.Equal("huur december", m[5].FreeText);
        Assert.All(m.Take(4), x => Assert.Null(x.Batch));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_structured_communication_with_wrong_check_digits_stays_as_written_for_the_office(string format)
    {
        var typo = Paid[..10] + (Paid[10] == '9' ? "0" : "9") + Paid[11];
        var statement = Assert.Single(BankStatements.Read(StatementFiles.Bytes(File(format, [new Transfer(121m, Structured: typo, Name: "Claes")]))));

        var movement = Assert.Single(statement.Movements);
        Assert.Null(movement.Communication);
        Assert.Null(PaymentMatching.Communication(movement));
        Assert.Contains(typo, movement.FreeText, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void The_same_statement_read_twice_has_the_same_fingerprint_and_another_day_another(string format)
    {
        var once = Assert.Single(BankStatements.Read(StatementFiles.Bytes(File(format, Day))));
        var again = Assert.Single(BankStatements.Read(StatementFiles.Bytes(File(format, Day))));
        var other = Assert.Single(BankStatements.Read(StatementFiles.Bytes(File(format, Day, opening: 1500m))));

        Assert.Equal(once.Fingerprint(), again.Fingerprint());
        Assert.NotEqual(once.Fingerprint(), other.Fingerprint());
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Takes_the_account_from_the_file(string format)
    {
        var statement = Assert.Single(BankStatements.Read(StatementFiles.Bytes(File(format, Day, account: "NL91ABNA0417164300"))));

        Assert.Equal("NL91ABNA0417164300", statement.Account);
    }

    [Fact]
    public void A_statement_without_movements_is_read_with_equal_balances()
    {
        var statement = Assert.Single(BankStatements.Read(StatementFiles.Bytes(StatementFiles.Coda([]))));

        Assert.Empty(statement.Movements);
        Assert.Equal(statement.OpeningBalance, statement.ClosingBalance);
    }

    [Fact]
    public void A_coda_file_with_two_statements_gives_both()
    {
        var file = StatementFiles.Coda(Day) + StatementFiles.Coda([new Transfer(10m, Free: "x")], sequence: 43, opening: 1916.75m, day: new DateOnly(2026, 12, 3));

        var statements = BankStatements.Read(StatementFiles.Bytes(file));

        Assert.Equal(2, statements.Count);
        Assert.Equal(1926.75m, statements[1].ClosingBalance);
    }

    [Fact]
    public void A_latin1_coda_file_keeps_its_accents()
    {
        var text = StatementFiles.Coda([new Transfer(10m, Free: "Réparation chaudière", Name: "Hélène Lefèvre", Iban: "BE62510007547061")]);

        var statement = Assert.Single(BankStatements.Read(System.Text.Encoding.Latin1.GetBytes(text)));

        Assert.Equal("Hélène Lefèvre", statement.Movements[0].CounterpartyName);
        Assert.Equal("Réparation chaudière", statement.Movements[0].FreeText);
    }

    public static TheoryData<string, StatementProblem> DamagedCoda => new()
    {
        // Truncated: the file stops before the new balance and the trailer.
        { "truncated", StatementProblem.Truncated },
        { "no-trailer", StatementProblem.Truncated },
        { "trailer-credit", StatementProblem.ControlTotals },
        { "trailer-count", StatementProblem.ControlTotals },
        { "new-balance", StatementProblem.Balance },
        { "version-1", StatementProblem.UnknownVersion },
        { "letters-in-amount", StatementProblem.Damaged },
        { "long-record", StatementProblem.Damaged },
        { "unknown-record", StatementProblem.Damaged },
        { "bad-date", StatementProblem.Damaged },
    };

    [Theory]
    [MemberData(nameof(DamagedCoda))]
    public void A_damaged_coda_file_is_refused_with_the_reason(string damage, StatementProblem problem)
    {
        var text = StatementFiles.Coda(Day, tamper: t =>
        {
            var lines = t.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
            var trailer = lines.Count - 1;
            switch (damage)
            {
                case "truncated":
                    lines = lines.Take(lines.Count / 2).ToList();
                    break;
                case "no-trailer":
                    lines.RemoveAt(trailer);
                    break;
                case "trailer-credit":
                    lines[trailer] = lines[trailer][..37] + "000000000999000" + lines[trailer][52..];
                    break;
                case "trailer-count":
                    lines[trailer] = lines[trailer][..16] + "000003" + lines[trailer][22..];
                    break;
                case "new-balance":
                    var eight = lines.FindIndex(l => l[0] == '8');
                    lines[eight] = lines[eight][..42] + "000000001000000" + lines[eight][57..];
                    break;
                case "version-1":
                    lines[0] = lines[0][..127] + "1";
                    break;
                case "letters-in-amount":
                    var first = lines.FindIndex(l => l.StartsWith("21", StringComparison.Ordinal));
                    lines[first] = lines[first][..32] + "00000000012I000" + lines[first][47..];
                    break;
                case "long-record":
                    lines[1] += "X";
                    break;
                case "unknown-record":
                    lines.Insert(2, "7" + new string(' ', 127));
                    break;
                case "bad-date":
                    lines[1] = lines[1][..58] + "311326" + lines[1][64..];
                    break;
            }

            return string.Join("\r\n", lines);
        });

        var e = Assert.Throws<StatementFormatException>(() => BankStatements.Read(StatementFiles.Bytes(text)));

        Assert.Equal(problem, e.Problem);
    }

    public static TheoryData<string, StatementProblem> DamagedCamt => new()
    {
        { "not-xml", StatementProblem.Damaged },
        { "cut-off", StatementProblem.Damaged },
        { "version-01", StatementProblem.UnknownVersion },
        { "version-99", StatementProblem.UnknownVersion },
        { "other-message", StatementProblem.UnknownFormat },
        { "summary-sum", StatementProblem.ControlTotals },
        { "summary-count", StatementProblem.ControlTotals },
        { "closing", StatementProblem.Balance },
        { "no-closing", StatementProblem.Truncated },
        { "bad-amount", StatementProblem.Damaged },
        { "bad-indicator", StatementProblem.Damaged },
        { "entity", StatementProblem.Damaged },
    };

    [Theory]
    [MemberData(nameof(DamagedCamt))]
    public void A_damaged_camt_file_is_refused_with_the_reason(string damage, StatementProblem problem)
    {
        XNamespace ns = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02";
        XElement Stmt(XDocument d) => d.Root!.Element(ns + "BkToCstmrStmt")!.Element(ns + "Stmt")!;
        var text = StatementFiles.Camt053(Day, tamper: d =>
        {
            switch (damage)
            {
                case "summary-sum":
                    Stmt(d).Element(ns + "TxsSummry")!.Element(ns + "TtlCdtNtries")!.Element(ns + "Sum")!.Value = "1.00";
                    break;
                case "summary-count":
                    Stmt(d).Element(ns + "TxsSummry")!.Element(ns + "TtlNtries")!.Element(ns + "NbOfNtries")!.Value = "9";
                    break;
                case "closing":
                    Stmt(d).Elements(ns + "Bal").Last().Element(ns + "Amt")!.Value = "1.00";
                    break;
                case "no-closing":
                    Stmt(d).Elements(ns + "Bal").Last().Remove();
                    break;
                case "bad-amount":
                    Stmt(d).Element(ns + "Ntry")!.Element(ns + "Amt")!.Value = "12,1O";
                    break;
                case "bad-indicator":
                    Stmt(d).Element(ns + "Ntry")!.Element(ns + "CdtDbtInd")!.Value = "PLUS";
                    break;
            }

            return d;
        });
        text = damage switch
        {
            "not-xml" => "<<garbage",
            "cut-off" => text[..(text.Length * 2 / 3)],
            "version-01" => text.Replace("camt.053.001.02", "camt.053.001.01", StringComparison.Ordinal),
            "version-99" => text.Replace("camt.053.001.02", "camt.053.001.99", StringComparison.Ordinal),
            "other-message" => text.Replace("camt.053.001.02", "camt.054.001.02", StringComparison.Ordinal),
            "entity" => "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]>" + text[(text.IndexOf("?>", StringComparison.Ordinal) + 2)..],
            _ => text,
        };

        var e = Assert.Throws<StatementFormatException>(() => BankStatements.Read(StatementFiles.Bytes(text)));

        Assert.Equal(problem, e.Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n ")]
    [InlineData("hello")]
    public void A_file_that_is_no_statement_is_refused(string text)
    {
        var e = Assert.Throws<StatementFormatException>(() => BankStatements.Read(StatementFiles.Bytes(text)));

        Assert.True(e.Problem is StatementProblem.UnknownFormat or StatementProblem.Damaged, e.Message);
    }
}
