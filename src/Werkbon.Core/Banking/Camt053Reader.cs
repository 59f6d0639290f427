using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Werkbon.Core.Invoicing;

namespace Werkbon.Core.Banking;

/// <summary>
/// Reads ISO 20022 CAMT.053 bank-to-customer statements, versions .001.02 to .001.13: per <c>Stmt</c> the
/// account, the opening (OPBD, or PRCD) and closing (CLBD) booked balances and every booked entry. An entry
/// with several transaction details (a batch) is returned as its transactions.
/// </summary>
/// <remarks>
/// A statement is only returned when its totals hold: the optional transaction summary (number and sum of
/// entries, credits and debits, the net amount) and opening balance + entries = closing balance.
/// </remarks>
public static partial class Camt053Reader
{
    private const int FirstVersion = 2;
    private const int LastVersion = 13;

    public static IReadOnlyList<BankStatement> Read(string xml)
    {
        XDocument document;
        try
        {
            // No DTD: a statement never needs one, and entities are how XML bombs and external reads come in.
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new StatementFormatException(StatementProblem.Damaged, e.LineNumber, $"the file is not well-formed XML: {e.Message}");
        }

        var root = document.Root!;
        var match = Namespace().Match(root.Name.NamespaceName);
        if (root.Name.LocalName != "Document" || !match.Success)
        {
            throw new StatementFormatException(StatementProblem.UnknownFormat, null, $"the document ({root.Name}) is not an ISO 20022 CAMT.053 statement.");
        }

        var version = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        if (version is < FirstVersion or > LastVersion)
        {
            throw new StatementFormatException(StatementProblem.UnknownVersion, null, $"CAMT.053 version .001.{version:00} is not supported (.001.{FirstVersion:00} to .001.{LastVersion:00}).");
        }

        var ns = root.Name.Namespace;
        var statements = root.Element(ns + "BkToCstmrStmt")?.Elements(ns + "Stmt").Select(s => Statement(s, ns)).ToList() ?? [];
        return statements.Count > 0
            ? statements
            : throw new StatementFormatException(StatementProblem.Truncated, null, "the document holds no statement (BkToCstmrStmt/Stmt).");
    }

    private static BankStatement Statement(XElement stmt, XNamespace ns)
    {
        var account = stmt.Element(ns + "Acct") ?? throw Missing(stmt, "Acct");
        var iban = account.Element(ns + "Id")?.Element(ns + "IBAN")?.Value
            ?? account.Element(ns + "Id")?.Element(ns + "Othr")?.Element(ns + "Id")?.Value
            ?? throw Missing(account, "Id/IBAN");
        var balances = stmt.Elements(ns + "Bal").Select(b => Balance(b, ns)).ToList();
        var opening = balances.FirstOrDefault(b => b.Code == "OPBD") ?? balances.FirstOrDefault(b => b.Code == "PRCD")
            ?? throw Missing(stmt, "Bal with type OPBD (opening booked balance)");
        var closing = balances.FirstOrDefault(b => b.Code == "CLBD") ?? throw Missing(stmt, "Bal with type CLBD (closing booked balance)");
        var currency = account.Element(ns + "Ccy")?.Value ?? opening.Currency;

        var entries = stmt.Elements(ns + "Ntry").Where(e => IsBooked(e, ns)).ToList();
        var amounts = entries.Select(e => Signed(e, ns)).ToList();
        CheckSummary(stmt, ns, amounts);
        if (opening.Amount + amounts.Sum() != closing.Amount)
        {
            throw new StatementFormatException(StatementProblem.Balance, Line(stmt), $"opening balance {opening.Amount:0.00} plus the entries ({amounts.Sum():0.00}) is not the closing balance {closing.Amount:0.00}.");
        }

        var sequence = stmt.Element(ns + "ElctrncSeqNb")?.Value ?? stmt.Element(ns + "Id")?.Value ?? throw Missing(stmt, "Id");
        return new BankStatement(StatementFormat.Camt053, BankStatements.CompactAccount(iban), currency, sequence.Trim(),
            opening.Date, opening.Amount, closing.Date, closing.Amount, [.. entries.SelectMany(e => Movements(e, ns))]);
    }

    private sealed record Amounted(string Code, string Currency, decimal Amount, DateOnly Date);

    private static Amounted Balance(XElement bal, XNamespace ns)
    {
        var code = bal.Element(ns + "Tp")?.Element(ns + "CdOrPrtry")?.Element(ns + "Cd")?.Value ?? "";
        var amount = bal.Element(ns + "Amt") ?? throw Missing(bal, "Amt");
        var sign = Sign(bal, ns);
        var date = bal.Element(ns + "Dt") ?? throw Missing(bal, "Dt");
        return new(code.Trim(), amount.Attribute("Ccy")?.Value ?? "", sign * Decimal(amount), Date(date, ns));
    }

    /// <summary>Booked entries only: <c>Sts</c> is <c>BOOK</c> (up to .001.07) or <c>Sts/Cd</c> is <c>BOOK</c> (from .001.08).</summary>
    private static bool IsBooked(XElement entry, XNamespace ns)
    {
        var status = entry.Element(ns + "Sts");
        var code = status?.Element(ns + "Cd")?.Value ?? status?.Value;
        return code is null || code.Trim() == "BOOK";
    }

    private static decimal Signed(XElement entry, XNamespace ns) =>
        Sign(entry, ns) * Decimal(entry.Element(ns + "Amt") ?? throw Missing(entry, "Amt"));

    /// <summary>The entry as one movement, or a batch as its transactions when each carries its amount.</summary>
    private static IEnumerable<BankMovement> Movements(XElement entry, XNamespace ns)
    {
        var amount = Signed(entry, ns);
        var sign = Math.Sign(amount);
        var reference = entry.Element(ns + "AcctSvcrRef")?.Value.Trim() ?? entry.Element(ns + "NtryRef")?.Value.Trim() ?? "";
        var booked = Date(entry.Element(ns + "BookgDt") ?? throw Missing(entry, "BookgDt"), ns);
        var valued = entry.Element(ns + "ValDt") is { } v ? Date(v, ns) : (DateOnly?)null;
        var details = entry.Elements(ns + "NtryDtls").SelectMany(d => d.Elements(ns + "TxDtls")).ToList();
        var amounts = details.Select(d => TransactionAmount(d, ns)).ToList();
        if (details.Count > 1 && amounts.All(a => a is not null) && amounts.Sum(a => a!.Value) == Math.Abs(amount))
        {
            for (var i = 0; i < details.Count; i++)
            {
                var own = details[i].Element(ns + "Refs")?.Element(ns + "AcctSvcrRef")?.Value.Trim();
                yield return Movement(details[i], ns, own ?? $"{reference}/{i + 1}", sign * amounts[i]!.Value, booked, valued, batch: reference);
            }
        }
        else
        {
            yield return Movement(details.FirstOrDefault(), ns, reference, amount, booked, valued, batch: null);
        }
    }

    private static BankMovement Movement(XElement? tx, XNamespace ns, string reference, decimal amount, DateOnly booked, DateOnly? valued, string? batch)
    {
        // Money received comes from the debtor; money paid out goes to the creditor.
        var parties = tx?.Element(ns + "RltdPties");
        var role = amount >= 0 ? "Dbtr" : "Cdtr";
        var party = parties?.Element(ns + role);
        var name = (party?.Element(ns + "Pty") ?? party)?.Element(ns + "Nm")?.Value;
        var iban = parties?.Element(ns + role + "Acct")?.Element(ns + "Id")?.Element(ns + "IBAN")?.Value;

        var remittance = tx?.Element(ns + "RmtInf");
        var reference2 = remittance?.Elements(ns + "Strd").Select(s => s.Element(ns + "CdtrRefInf")?.Element(ns + "Ref")?.Value).FirstOrDefault(r => r is not null);
        var free = string.Join(' ', remittance?.Elements(ns + "Ustrd").Select(u => u.Value.Trim()) ?? []);
        StructuredCommunication? communication = null;
        if (reference2 is not null && !StructuredCommunication.TryParse(reference2, out communication))
        {
            free = string.Join(' ', new[] { reference2.Trim(), free }.Where(t => t.Length > 0));
        }

        free = string.Join(' ', PlainText.Clean(free).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return new BankMovement(reference, amount, booked, valued,
            string.IsNullOrWhiteSpace(name) ? null : PlainText.Clean(name.Trim()),
            string.IsNullOrWhiteSpace(iban) ? null : BankStatements.CompactAccount(iban),
            communication, free.Length == 0 ? null : free, batch);
    }

    /// <summary><c>TxDtls/Amt</c> (from .001.03) or <c>TxDtls/AmtDtls/TxAmt/Amt</c>.</summary>
    private static decimal? TransactionAmount(XElement tx, XNamespace ns)
    {
        var amount = tx.Element(ns + "Amt") ?? tx.Element(ns + "AmtDtls")?.Element(ns + "TxAmt")?.Element(ns + "Amt");
        return amount is null ? null : Decimal(amount);
    }

    /// <summary>The transaction summary, when the bank gives one, must agree with the entries.</summary>
    private static void CheckSummary(XElement stmt, XNamespace ns, IReadOnlyList<decimal> amounts)
    {
        if (stmt.Element(ns + "TxsSummry") is not { } summary)
        {
            return;
        }

        Check(summary.Element(ns + "TtlNtries"), amounts, "all entries");
        Check(summary.Element(ns + "TtlCdtNtries"), [.. amounts.Where(a => a > 0)], "credit entries");
        Check(summary.Element(ns + "TtlDbtNtries"), [.. amounts.Where(a => a < 0)], "debit entries");
        var net = summary.Element(ns + "TtlNtries")?.Element(ns + "TtlNetNtry");
        if (net is not null)
        {
            var stated = Sign(net, ns) * Decimal(net.Element(ns + "Amt") ?? throw Missing(net, "Amt"));
            if (stated != amounts.Sum())
            {
                throw new StatementFormatException(StatementProblem.ControlTotals, Line(net), $"the summary's net amount {stated:0.00} differs from the entries' {amounts.Sum():0.00}.");
            }
        }

        void Check(XElement? total, IReadOnlyList<decimal> these, string what)
        {
            if (total is null)
            {
                return;
            }

            if (total.Element(ns + "NbOfNtries")?.Value is { } count && int.TryParse(count, CultureInfo.InvariantCulture, out var n) && n != these.Count)
            {
                throw new StatementFormatException(StatementProblem.ControlTotals, Line(total), $"the summary counts {n} {what}, the statement has {these.Count}.");
            }

            if (total.Element(ns + "Sum") is { } sum && Decimal(sum) != these.Sum(Math.Abs))
            {
                throw new StatementFormatException(StatementProblem.ControlTotals, Line(total), $"the summary's sum of {what} {Decimal(sum):0.00} differs from the entries' {these.Sum(Math.Abs):0.00}.");
            }
        }
    }

    private static int Sign(XElement element, XNamespace ns) => element.Element(ns + "CdtDbtInd")?.Value.Trim() switch
    {
        "CRDT" => 1,
        "DBIT" => -1,
        var other => throw new StatementFormatException(StatementProblem.Damaged, Line(element), $"'{other}' is not a credit/debit indicator (CRDT or DBIT) in {element.Name.LocalName}."),
    };

    private static decimal Decimal(XElement element) =>
        decimal.TryParse(element.Value.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new StatementFormatException(StatementProblem.Damaged, Line(element), $"'{element.Value}' is not an amount in {element.Name.LocalName}.");

    /// <summary><c>Dt</c> or <c>DtTm</c> inside a date choice.</summary>
    private static DateOnly Date(XElement choice, XNamespace ns)
    {
        var text = (choice.Element(ns + "Dt") ?? choice.Element(ns + "DtTm"))?.Value.Trim() ?? choice.Value.Trim();
        return text.Length >= 10 && DateOnly.TryParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new StatementFormatException(StatementProblem.Damaged, Line(choice), $"'{text}' is not a date in {choice.Name.LocalName}.");
    }

    private static StatementFormatException Missing(XElement parent, string what) =>
        new(StatementProblem.Truncated, Line(parent), $"{parent.Name.LocalName} has no {what}.");

    private static int? Line(XElement element) => element is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;

    [GeneratedRegex(@"^urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.(\d{2})$")]
    private static partial Regex Namespace();
}
