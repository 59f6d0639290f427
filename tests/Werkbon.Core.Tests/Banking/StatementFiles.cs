using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Werkbon.Core.Tests.Banking;

/// <summary>One transfer on a statement as a test writes it.</summary>
/// <param name="Amount">Positive for money received, negative for money paid out.</param>
/// <param name="Structured">Twelve digits for a structured communication (type 101), as the payer typed them.</param>
public sealed record Transfer(
    decimal Amount,
    string? Structured = null,
    string? Free = null,
    string? Name = null,
    string? Iban = null,
    string Reference = "");

/// <summary>A batch: one booked entry holding several transfers.</summary>
public sealed record Batch(IReadOnlyList<Transfer> Transfers);

/// <summary>
/// Writes statements to the formats' specifications: CODA version 2 (Febelfin standard 2.6: records of
/// 128 positions) and ISO 20022 CAMT.053 (.001.02 or .001.08 layouts).
/// </summary>
public static class StatementFiles
{
    public const string Account = "BE71096123456769";

    /// <summary>A CODA file with one statement. Entries are transfers or batches.</summary>
    public static string Coda(
        IReadOnlyList<object> entries,
        string account = Account,
        decimal opening = 1000m,
        DateOnly? day = null,
        int sequence = 42,
        Func<string, string>? tamper = null)
    {
        var date = day ?? new DateOnly(2026, 12, 2);
        var records = new List<string>
        {
            // 0: header — creation date, bank 096, application 05, addressee, BIC, company number, version 2.
            Fixed($"00000{Ddmmyy(date)}09605 {new string(' ', 7)}{"REF0000001",-10}{"WERKBON INSTALLATIES BV",-26}{"GKCCBEBB",-11}{"00123456749",-11} {"00000",-5}{"",-16}{"",-16}{"",-7}2"),

            // 1: old balance — IBAN of a Belgian account (structure 2), EUR, credit sign, 15 digits, date, holder.
            Fixed($"12{sequence % 1000:000}{account,-31}   EUR{Sign(opening)}{Digits(opening)}{Ddmmyy(date.AddDays(-1))}{"WERKBON INSTALLATIES BV",-26}{"Zichtrekening",-35}{sequence % 1000:000}"),
        };

        var movement = 0;
        decimal credit = 0, debit = 0;
        foreach (var entry in entries)
        {
            movement++;
            if (entry is Transfer t)
            {
                records.AddRange(Movement(movement, 0, t, type: '0', date));
                Add(t.Amount);
            }
            else if (entry is Batch b)
            {
                var total = b.Transfers.Sum(x => x.Amount);
                records.AddRange(Movement(movement, 0, new Transfer(total, Free: "GLOBALISATION", Reference: $"BATCH{movement}"), type: '1', date));
                Add(total);
                for (var d = 0; d < b.Transfers.Count; d++)
                {
                    records.AddRange(Movement(movement, d + 1, b.Transfers[d], type: '5', date));
                }
            }
        }

        var closing = opening + credit - debit;

        // 8: new balance.
        records.Add(Fixed($"8{sequence % 1000:000}{account,-31}   EUR{Sign(closing)}{Digits(closing)}{Ddmmyy(date)}{"",-64}0"));

        // 9: trailer — the number of records 1, 2.x, 3.x and 8, the debit and credit totals of the movements with detail 0000.
        var counted = records.Count(r => r[0] is '1' or '2' or '3' or '8');
        records.Add(Fixed($"9{new string(' ', 15)}{counted:000000}{Digits(debit)}{Digits(credit)}{new string(' ', 75)}2"));

        var text = string.Join("\r\n", records) + "\r\n";
        return tamper is null ? text : tamper(text);

        void Add(decimal amount)
        {
            if (amount >= 0)
            {
                credit += amount;
            }
            else
            {
                debit -= amount;
            }
        }
    }

    private static IEnumerable<string> Movement(int sequence, int detail, Transfer t, char type, DateOnly date)
    {
        var reference = (t.Reference.Length > 0 ? t.Reference : $"EBK{sequence:0000}{detail:0000}").PadRight(21)[..21];
        var code = $"{type}0150000"; // type, family 01 (SEPA credit transfer), transaction 50 (transfer in your favour), category 000
        var communication = t.Structured is not null
            ? "1" + ("101" + t.Structured).PadRight(53)
            : "0" + (t.Free ?? "").PadRight(53)[..53];
        var hasCounterparty = t.Name is not null || t.Iban is not null;
        var free2 = t.Structured is null && (t.Free?.Length ?? 0) > 53 ? t.Free![53..] : "";
        yield return Fixed($"21{sequence:0000}{detail:0000}{reference}{Sign(t.Amount)}{Digits(t.Amount)}{Ddmmyy(date)}{code}{communication}{Ddmmyy(date)}042 {(hasCounterparty ? '1' : '0')} 0");
        if (hasCounterparty)
        {
            yield return Fixed($"22{sequence:0000}{detail:0000}{free2.PadRight(53)[..53]}{"",-35}{"GEBABEBB",-11}{"",-3} {"",-4}{"",-4}{"",-4}1 0");
            yield return Fixed($"23{sequence:0000}{detail:0000}{t.Iban ?? "",-34}EUR{t.Name ?? "",-35}{"",-43}0 0");
        }
    }

    private static string Fixed(string record) =>
        record.Length == 128 ? record : throw new InvalidOperationException($"record of {record.Length} positions: '{record}'");

    private static char Sign(decimal amount) => amount < 0 ? '1' : '0';

    private static string Digits(decimal amount) => ((long)(Math.Abs(amount) * 1000m)).ToString("000000000000000", CultureInfo.InvariantCulture);

    private static string Ddmmyy(DateOnly date) => date.ToString("ddMMyy", CultureInfo.InvariantCulture);

    /// <summary>A CAMT.053 document with one statement, in the layout of <paramref name="version"/> (2 to 13).</summary>
    public static string Camt053(
        IReadOnlyList<object> entries,
        string account = Account,
        decimal opening = 1000m,
        DateOnly? day = null,
        int version = 2,
        string sequence = "42",
        bool summary = true,
        Func<XDocument, XDocument>? tamper = null)
    {
        XNamespace ns = $"urn:iso:std:iso:20022:tech:xsd:camt.053.001.{version:00}";
        var date = day ?? new DateOnly(2026, 12, 2);
        var modern = version >= 8;
        var amounts = entries.Select(e => e is Batch b ? b.Transfers.Sum(t => t.Amount) : ((Transfer)e).Amount).ToList();
        var closing = opening + amounts.Sum();

        XElement Amt(string name, decimal amount) => new(ns + name, new XAttribute("Ccy", "EUR"), Math.Abs(amount).ToString("0.00", CultureInfo.InvariantCulture));
        XElement Ind(decimal amount) => new(ns + "CdtDbtInd", amount < 0 ? "DBIT" : "CRDT");
        XElement Date(string name, DateOnly d) => new(ns + name, new XElement(ns + "Dt", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        XElement Balance(string code, decimal amount, DateOnly d) => new(ns + "Bal",
            new XElement(ns + "Tp", new XElement(ns + "CdOrPrtry", new XElement(ns + "Cd", code))), Amt("Amt", amount), Ind(amount), Date("Dt", d));

        XElement Tx(Transfer t, bool withAmount, int index)
        {
            var role = t.Amount < 0 ? "Cdtr" : "Dbtr";
            var party = t.Name is null ? null : modern
                ? new XElement(ns + role, new XElement(ns + "Pty", new XElement(ns + "Nm", t.Name)))
                : new XElement(ns + role, new XElement(ns + "Nm", t.Name));
            var partyAccount = t.Iban is null ? null : new XElement(ns + role + "Acct", new XElement(ns + "Id", new XElement(ns + "IBAN", t.Iban)));
            var remittance = t.Structured is not null
                ? new XElement(ns + "RmtInf", new XElement(ns + "Strd", new XElement(ns + "CdtrRefInf",
                    new XElement(ns + "Tp", new XElement(ns + "CdOrPrtry", new XElement(ns + "Cd", "SCOR")), new XElement(ns + "Issr", "BBA")),
                    new XElement(ns + "Ref", t.Structured))))
                : t.Free is not null ? new XElement(ns + "RmtInf", new XElement(ns + "Ustrd", t.Free)) : null;
            var amount = !withAmount ? null : version >= 3 ? Amt("Amt", t.Amount) : new XElement(ns + "AmtDtls", new XElement(ns + "TxAmt", Amt("Amt", t.Amount)));
            return new XElement(ns + "TxDtls",
                new XElement(ns + "Refs", new XElement(ns + "EndToEndId", $"E2E-{index}")),
                amount,
                party is null && partyAccount is null ? null : new XElement(ns + "RltdPties", party, partyAccount),
                remittance);
        }

        var entryElements = entries.Select((e, i) =>
        {
            var amount = amounts[i];
            var transfers = e is Batch b ? b.Transfers : [(Transfer)e];
            return new XElement(ns + "Ntry",
                new XElement(ns + "NtryRef", (i + 1).ToString(CultureInfo.InvariantCulture)),
                Amt("Amt", amount), Ind(amount),
                modern ? new XElement(ns + "Sts", new XElement(ns + "Cd", "BOOK")) : new XElement(ns + "Sts", "BOOK"),
                Date("BookgDt", date), Date("ValDt", date),
                new XElement(ns + "AcctSvcrRef", e is Transfer { Reference.Length: > 0 } tr ? tr.Reference : $"ACCT-{i + 1}"),
                new XElement(ns + "BkTxCd", new XElement(ns + "Domn", new XElement(ns + "Cd", "PMNT"),
                    new XElement(ns + "Fmly", new XElement(ns + "Cd", "RCDT"), new XElement(ns + "SubFmlyCd", "ESCT")))),
                new XElement(ns + "NtryDtls",
                    e is Batch ? new XElement(ns + "Btch", new XElement(ns + "NbOfTxs", transfers.Count)) : null,
                    transfers.Select((t, j) => Tx(t, withAmount: e is Batch, j))));
        }).ToList();

        var statement = new XElement(ns + "Stmt",
            new XElement(ns + "Id", $"STMT-{sequence}"),
            new XElement(ns + "ElctrncSeqNb", sequence),
            new XElement(ns + "CreDtTm", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T18:00:00+01:00"),
            new XElement(ns + "Acct", new XElement(ns + "Id", new XElement(ns + "IBAN", account)), new XElement(ns + "Ccy", "EUR")),
            Balance("OPBD", opening, date.AddDays(-1)),
            Balance("CLBD", closing, date),
            summary
                ? new XElement(ns + "TxsSummry",
                    new XElement(ns + "TtlNtries", new XElement(ns + "NbOfNtries", amounts.Count), new XElement(ns + "Sum", amounts.Sum(Math.Abs).ToString("0.00", CultureInfo.InvariantCulture)),
                        new XElement(ns + "TtlNetNtry", new XElement(ns + "Amt", Math.Abs(amounts.Sum()).ToString("0.00", CultureInfo.InvariantCulture)), Ind(amounts.Sum()))),
                    new XElement(ns + "TtlCdtNtries", new XElement(ns + "NbOfNtries", amounts.Count(a => a > 0)), new XElement(ns + "Sum", amounts.Where(a => a > 0).Sum().ToString("0.00", CultureInfo.InvariantCulture))),
                    new XElement(ns + "TtlDbtNtries", new XElement(ns + "NbOfNtries", amounts.Count(a => a < 0)), new XElement(ns + "Sum", (-amounts.Where(a => a < 0).Sum()).ToString("0.00", CultureInfo.InvariantCulture))))
                : null,
            entryElements);

        var document = new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement(ns + "Document", new XElement(ns + "BkToCstmrStmt",
                new XElement(ns + "GrpHdr", new XElement(ns + "MsgId", $"MSG-{sequence}"), new XElement(ns + "CreDtTm", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T18:00:00+01:00")),
                statement)));
        document = tamper is null ? document : tamper(document);
        var text = new StringBuilder();
        using (var writer = new StringWriter(text, CultureInfo.InvariantCulture))
        {
            document.Save(writer);
        }

        return text.ToString();
    }

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
