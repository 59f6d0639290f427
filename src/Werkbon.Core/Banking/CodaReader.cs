using System.Globalization;
using Werkbon.Core.Invoicing;

namespace Werkbon.Core.Banking;

/// <summary>
/// Reads CODA version 2 (Febelfin, "Coded statement of account"): fixed records of 128 characters. Per
/// statement a header (0), the old balance (1), movements (2.1, 2.2, 2.3), information (3.x), the new
/// balance (8), free messages (4) and the trailer (9). A file may hold several statements.
/// </summary>
/// <remarks>
/// A statement is only returned when its own totals hold: the trailer's record count and its debit and
/// credit sums (of the movements with detail number 0000), and old balance + movements = new balance.
/// A batch (a movement globalised by the customer or the bank, transaction type 1 or 2, with details)
/// is returned as its detail transactions, each with its own communication and counterparty.
/// </remarks>
public static class CodaReader
{
    private const int RecordLength = 128;

    public static IReadOnlyList<BankStatement> Read(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var statements = new List<BankStatement>();
        Statement? open = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var raw = lines[i];
            if (raw.Length == 0 || (raw.Trim().Length == 0 && open is null))
            {
                continue;
            }

            if (raw.Length > RecordLength)
            {
                throw Damaged(number, $"the record is {raw.Length} characters long; CODA records are {RecordLength}.");
            }

            var line = raw.PadRight(RecordLength);
            switch (line[0])
            {
                case '0':
                    if (open is not null)
                    {
                        throw new StatementFormatException(StatementProblem.Truncated, number, "a new statement starts before the previous one's trailer (record 9).");
                    }

                    if (line[127] != '2')
                    {
                        throw new StatementFormatException(StatementProblem.UnknownVersion, number, $"CODA version '{line[127]}' is not supported; banks deliver version 2.");
                    }

                    open = new Statement(number);
                    break;
                case '9':
                    statements.Add(Require(open, number).Close(line, number));
                    open = null;
                    break;
                case '1' or '2' or '3' or '4' or '8':
                    Require(open, number).Add(line, number);
                    break;
                default:
                    throw Damaged(number, $"'{line[0]}' is not a CODA record type.");
            }
        }

        if (open is not null)
        {
            throw new StatementFormatException(StatementProblem.Truncated, lines.Length, "the file ends before the statement's trailer (record 9).");
        }

        return statements.Count > 0
            ? statements
            : throw new StatementFormatException(StatementProblem.UnknownFormat, null, "The file holds no CODA statement.");
    }

    private static Statement Require(Statement? open, int line) =>
        open ?? throw Damaged(line, "a record outside a statement: every statement starts with a header (record 0).");

    private static StatementFormatException Damaged(int line, string message) => new(StatementProblem.Damaged, line, message);

    /// <summary>One statement being read, from its header to its trailer.</summary>
    private sealed class Statement(int headerLine)
    {
        private readonly List<Movement> movements = [];
        private int counted;
        private (string Account, string Currency, decimal Balance, DateOnly Date, string Sequence)? old;
        private (decimal Balance, DateOnly Date)? closing;

        public void Add(string line, int number)
        {
            switch (line[0], line[1])
            {
                case ('1', _):
                    if (old is not null)
                    {
                        throw Damaged(number, "a second old balance (record 1) in one statement.");
                    }

                    var (account, currency) = Account(line[1], line.AsSpan(5, 37), number);
                    old = (account, currency, Signed(line[42], line.AsSpan(43, 15), number), Date(line.AsSpan(58, 6), number), line.Substring(125, 3));
                    counted++;
                    break;
                case ('2', '1'):
                    movements.Add(new Movement(number, line));
                    counted++;
                    break;
                case ('2', '2' or '3'):
                    Last(number, line).Add(line);
                    counted++;
                    break;
                case ('2', _):
                    throw Damaged(number, $"'2{line[1]}' is not a CODA movement record.");
                case ('3', '1' or '2' or '3'):
                    counted++;
                    break;
                case ('3', _):
                    throw Damaged(number, $"'3{line[1]}' is not a CODA information record.");
                case ('8', _):
                    if (old is null)
                    {
                        throw Damaged(number, "the new balance (record 8) comes before the old balance (record 1).");
                    }

                    closing = (Signed(line[41], line.AsSpan(42, 15), number), Date(line.AsSpan(57, 6), number));
                    counted++;
                    break;
                case ('4', _):
                    break;
            }
        }

        private Movement Last(int number, string line)
        {
            var last = movements.Count > 0 ? movements[^1] : null;
            return last is not null && line.AsSpan(2, 8).SequenceEqual(last.Line.AsSpan(2, 8))
                ? last
                : throw Damaged(number, $"record 2{line[1]} does not follow a movement (record 21) with sequence {line.Substring(2, 4)} and detail {line.Substring(6, 4)}.");
        }

        public BankStatement Close(string trailer, int number)
        {
            if (old is not { } opening)
            {
                throw new StatementFormatException(StatementProblem.Truncated, number, $"the statement that starts on line {headerLine} has no old balance (record 1).");
            }

            if (closing is not { } end)
            {
                throw new StatementFormatException(StatementProblem.Truncated, number, $"the statement that starts on line {headerLine} has no new balance (record 8).");
            }

            var records = Digits(trailer.AsSpan(16, 6), number);
            var debits = Amount(trailer.AsSpan(22, 15), number);
            var credits = Amount(trailer.AsSpan(37, 15), number);
            if (records != counted)
            {
                throw new StatementFormatException(StatementProblem.ControlTotals, number, $"the trailer counts {records} records, the statement has {counted}.");
            }

            var globals = movements.Where(m => m.Detail == 0).ToList();
            var debited = globals.Where(m => m.Amount(number) < 0).Sum(m => -m.Amount(number));
            var credited = globals.Where(m => m.Amount(number) > 0).Sum(m => m.Amount(number));
            if (debited != debits || credited != credits)
            {
                throw new StatementFormatException(StatementProblem.ControlTotals, number, $"the trailer's totals (debit {debits:0.00}, credit {credits:0.00}) differ from the movements' (debit {debited:0.00}, credit {credited:0.00}).");
            }

            if (opening.Balance + credited - debited != end.Balance)
            {
                throw new StatementFormatException(StatementProblem.Balance, number, $"old balance {opening.Balance:0.00} plus the movements ({credited - debited:0.00}) is not the new balance {end.Balance:0.00}.");
            }

            return new BankStatement(StatementFormat.Coda, opening.Account, opening.Currency, $"{end.Date.Year}/{opening.Sequence}",
                opening.Date, opening.Balance, end.Date, end.Balance, [.. Payments()]);
        }

        /// <summary>Every movement, a batch as its transactions.</summary>
        private IEnumerable<BankMovement> Payments()
        {
            foreach (var group in movements.GroupBy(m => m.Sequence))
            {
                var global = group.FirstOrDefault(m => m.Detail == 0);
                var details = group.Where(m => m.Detail != 0).ToList();
                if (global is not null && global.IsGlobalisation && details.Count > 0)
                {
                    foreach (var detail in details)
                    {
                        yield return detail.ToMovement(batch: global.Reference);
                    }
                }
                else if (global is not null)
                {
                    yield return global.ToMovement(batch: null);
                }
            }
        }
    }

    /// <summary>A movement record 2.1 with its 2.2 and 2.3.</summary>
    private sealed class Movement(int number, string line)
    {
        private string? more;
        private string? counterparty;

        public string Line { get; } = line;

        public string Sequence => Line.Substring(2, 4);

        public int Detail { get; } = (int)Digits(line.AsSpan(6, 4), number);

        public string Reference => Line.Substring(10, 21).Trim();

        /// <summary>Type 1 (totalised by the customer) or 2 (by the bank): the details that follow are the transactions.</summary>
        public bool IsGlobalisation => Line[53] is '1' or '2';

        public decimal Amount(int at) => Signed(Line[31], Line.AsSpan(32, 15), at);

        public void Add(string record)
        {
            if (record[1] == '2')
            {
                more = record;
            }
            else
            {
                counterparty = record;
            }
        }

        public BankMovement ToMovement(string? batch)
        {
            var value = Line.AsSpan(47, 6);
            var valueDate = value.SequenceEqual("000000") ? (DateOnly?)null : Date(value, number);
            var (communication, free) = Communication();
            var name = counterparty?.Substring(47, 35).Trim();
            var iban = counterparty?.Substring(10, 34).Trim();
            return new BankMovement(
                Reference, Amount(number), Date(Line.AsSpan(115, 6), number), valueDate,
                string.IsNullOrEmpty(name) ? null : PlainText.Clean(name),
                string.IsNullOrEmpty(iban) ? null : BankStatements.CompactAccount(iban),
                communication, free, batch);
        }

        /// <summary>
        /// Structured (position 62 = 1) with type 101 or 102: the twelve digits, or the digits as written when
        /// their check digits are wrong. Otherwise the free text of 2.1, 2.2 and 2.3 together.
        /// </summary>
        private (StructuredCommunication?, string?) Communication()
        {
            if (Line[61] == '1')
            {
                var type = Line.AsSpan(62, 3);
                if (type.SequenceEqual("101") || type.SequenceEqual("102"))
                {
                    var digits = Line.Substring(65, 12);
                    return StructuredCommunication.TryParse(digits, out var ogm) ? (ogm, null) : (null, digits.Trim());
                }
            }

            var text = Line.Substring(62, 53) + (more?.Substring(10, 53) ?? "") + (counterparty?.Substring(82, 43) ?? "");
            var free = string.Join(' ', PlainText.Clean(text).Split(' ', StringSplitOptions.RemoveEmptyEntries));
            return (null, free.Length == 0 ? null : free);
        }
    }

    /// <summary>The account of record 1 or 8 by its structure code: Belgian number, foreign number, Belgian or foreign IBAN.</summary>
    private static (string Account, string Currency) Account(char structure, ReadOnlySpan<char> zone, int line) => structure switch
    {
        '0' => (zone[..12].Trim().ToString(), zone.Slice(13, 3).Trim().ToString()),
        '1' or '3' => (BankStatements.CompactAccount(zone[..34].ToString()), zone.Slice(34, 3).Trim().ToString()),
        '2' => (BankStatements.CompactAccount(zone[..31].ToString()), zone.Slice(34, 3).Trim().ToString()),
        _ => throw Damaged(line, $"'{structure}' is not a CODA account structure (0 to 3)."),
    };

    private static decimal Signed(char sign, ReadOnlySpan<char> amount, int line) => sign switch
    {
        '0' => Amount(amount, line),
        '1' => -Amount(amount, line),
        _ => throw Damaged(line, $"'{sign}' is not a CODA sign (0 credit, 1 debit)."),
    };

    /// <summary>Twelve positions of euros and three of thousandths.</summary>
    private static decimal Amount(ReadOnlySpan<char> digits, int line) => Digits(digits, line) / 1000m;

    private static long Digits(ReadOnlySpan<char> digits, int line) =>
        !digits.ContainsAnyExcept("0123456789") && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Damaged(line, $"'{digits.ToString()}' is not a number.");

    /// <summary>DDMMYY, in this century.</summary>
    private static DateOnly Date(ReadOnlySpan<char> text, int line) =>
        DateOnly.TryParseExact(text, "ddMMyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DateOnly(2000 + (date.Year % 100), date.Month, date.Day)
            : throw Damaged(line, $"'{text.ToString()}' is not a date (DDMMYY).");
}
