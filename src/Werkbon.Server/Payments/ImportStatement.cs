using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Werkbon.Core.Banking;
using Werkbon.Core.Invoicing;
using Werkbon.Server.Hosting;
using Werkbon.Server.Invoicing;

namespace Werkbon.Server.Payments;

public sealed record ImportedStatement(Guid Id, string Account, string Sequence, DateOnly ClosingDate, decimal OpeningBalance, decimal ClosingBalance, int Movements, int Matched, int Proposed, int Open);

/// <summary>How far an import got: movements read, booked exactly, proposed, waiting for the office.</summary>
public sealed record ImportCounts(int Movements, int Matched, int Proposed, int Open);

/// <summary>An earlier import as the bank statements page lists it: what its movements are now.</summary>
public sealed record PastImport(
    Guid Id, string FileName, StatementFormat Format, string Account, string Sequence, DateOnly ClosingDate, decimal ClosingBalance, DateTime ImportedAt,
    int Movements, int Matched, int Proposed, int Open, int NotOurs);

public sealed record ImportResult(IReadOnlyList<ImportedStatement> Statements);

/// <summary>
/// <c>POST /api/bank-statements</c>: a CODA or CAMT.053 file as the request body. Every statement in it is
/// checked (its own totals, the company's account, not imported before) before anything is stored; then
/// its movements are stored and matched: exact matches are booked at once, proposals wait for the office.
/// </summary>
public static class ImportStatement
{
    public const int MaxBytes = 20 * 1024 * 1024;

    public static async Task<Results<Created<ImportResult>, ProblemHttpResult>> Handle(
        HttpRequest request, string? fileName, ClaimsPrincipal user, AppDb db, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes)
        {
            return TooLarge(texts);
        }

        var file = await Reports.UploadFile.ReadLimitedAsync(request.Body, ct, MaxBytes);
        if (file is null)
        {
            return TooLarge(texts);
        }

        var outcome = await ImportAsync(db, texts, file, string.IsNullOrWhiteSpace(fileName) ? "statement" : fileName.Trim(), RecordPayment.UserId(user), clock, ct);
        return outcome.Match<Results<Created<ImportResult>, ProblemHttpResult>>(
            result => TypedResults.Created("/api/bank-lines", result),
            problem => TypedResults.Problem(problem));
    }

    private static ProblemHttpResult TooLarge(Texts texts) =>
        TypedResults.Problem(texts["Payments.FileTooLarge"], statusCode: StatusCodes.Status413PayloadTooLarge, title: texts["Payments.ImportRefused"]);

    /// <summary>What an import gives back: the statements stored, or why nothing was.</summary>
    public sealed record Outcome(ImportResult? Result, ProblemDetails? Refusal)
    {
        public T Match<T>(Func<ImportResult, T> stored, Func<ProblemDetails, T> refused) => Result is not null ? stored(Result) : refused(Refusal!);
    }

    /// <summary>The import, for the API and the back office's screen alike.</summary>
    public static async Task<Outcome> ImportAsync(
        AppDb db, Texts texts, byte[] file, string fileName, Guid? by, TimeProvider clock, CancellationToken ct, Action<ImportCounts>? progress = null)
    {
        IReadOnlyList<BankStatement> statements;
        try
        {
            statements = BankStatements.Read(file);
        }
        catch (StatementFormatException e)
        {
            return Refused(StatusCodes.Status400BadRequest, texts[$"Payments.Problem.{e.Problem}"], e.Message);
        }

        progress?.Invoke(new ImportCounts(statements.Sum(s => s.Movements.Count), 0, 0, 0));
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == db.CompanyId).Select(c => c.Iban).FirstAsync(ct);
        var ours = BankStatements.CompactAccount(company);
        foreach (var statement in statements)
        {
            if (ours.Length == 0 || statement.Account != ours)
            {
                return Refused(StatusCodes.Status422UnprocessableEntity, texts["Payments.ForeignAccount"], string.Format(System.Globalization.CultureInfo.InvariantCulture, texts["Payments.ForeignAccountDetail"], statement.Account));
            }
        }

        var fingerprints = statements.Select(s => s.Fingerprint()).ToList();
        if (fingerprints.Distinct().Count() != fingerprints.Count || await db.BankStatementImports.AnyAsync(s => fingerprints.Contains(s.Fingerprint), ct))
        {
            return Refused(StatusCodes.Status409Conflict, texts["Payments.AlreadyImported"], null);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var stored = new List<(BankStatementImport Import, List<BankLine> Lines)>();
        foreach (var statement in statements)
        {
            var import = new BankStatementImport(statement, fileName.Length > 255 ? fileName[..255] : fileName, by, now);
            db.BankStatementImports.Add(import);
            var lines = statement.Movements.Select((m, i) => new BankLine(import.Id, i, m)).ToList();
            db.BankLines.AddRange(lines);
            stored.Add((import, lines));
        }

        var all = stored.SelectMany(s => s.Lines).ToList();
        await MatchAsync(db, all, by, now, ct);
        progress?.Invoke(new ImportCounts(
            all.Count, all.Count(l => l.State == BankLineState.Matched), all.Count(l => l.State == BankLineState.Proposed), all.Count(l => l.State == BankLineState.Open)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two imports of the same statement at once: the unique fingerprint lets one through.
            if (await IsDuplicateAsync(db, fingerprints, ct))
            {
                return Refused(StatusCodes.Status409Conflict, texts["Payments.AlreadyImported"], null);
            }

            throw;
        }

        return new Outcome(new ImportResult([.. stored.Select(s => new ImportedStatement(
            s.Import.Id, s.Import.Account, s.Import.Sequence, s.Import.ClosingDate, s.Import.OpeningBalance, s.Import.ClosingBalance, s.Lines.Count,
            s.Lines.Count(l => l.State == BankLineState.Matched), s.Lines.Count(l => l.State == BankLineState.Proposed), s.Lines.Count(l => l.State == BankLineState.Open)))]), null);
    }

    /// <summary>The company's imports, newest first, with what became of their movements.</summary>
    public static async Task<IReadOnlyList<PastImport>> HistoryAsync(AppDb db, int take, CancellationToken ct)
    {
        var imports = await db.BankStatementImports.AsNoTracking().OrderByDescending(s => s.ImportedAt).ThenByDescending(s => s.ClosingDate).Take(take)
            .Select(s => new { s.Id, s.FileName, s.Format, s.Account, s.Sequence, s.ClosingDate, s.ClosingBalance, s.ImportedAt }).ToListAsync(ct);
        var ids = imports.Select(i => i.Id).ToList();
        var states = await db.BankLines.AsNoTracking().Where(l => ids.Contains(l.StatementId))
            .GroupBy(l => new { l.StatementId, l.State }).Select(g => new { g.Key.StatementId, g.Key.State, Count = g.Count() }).ToListAsync(ct);
        int Count(Guid id, BankLineState state) => states.Where(s => s.StatementId == id && s.State == state).Sum(s => s.Count);
        return [.. imports.Select(i => new PastImport(
            i.Id, i.FileName, i.Format, i.Account, i.Sequence, i.ClosingDate, i.ClosingBalance, i.ImportedAt,
            states.Where(s => s.StatementId == i.Id).Sum(s => s.Count), Count(i.Id, BankLineState.Matched), Count(i.Id, BankLineState.Proposed),
            Count(i.Id, BankLineState.Open), Count(i.Id, BankLineState.NotOurs)))];
    }

    private static async Task<bool> IsDuplicateAsync(AppDb db, IReadOnlyList<string> fingerprints, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.BankStatementImports.AnyAsync(s => fingerprints.Contains(s.Fingerprint), ct);
    }

    private static Outcome Refused(int status, string title, string? detail) =>
        new(null, new ProblemDetails { Status = status, Title = title, Detail = detail });

    /// <summary>
    /// Matches open movements against the company's open invoices and credit notes (Core
    /// <see cref="PaymentMatching"/>): exact matches become payments, proposals are marked on the movement.
    /// </summary>
    public static async Task MatchAsync(AppDb db, IReadOnlyList<BankLine> lines, Guid? by, DateTime now, CancellationToken ct)
    {
        var items = await OpenItemsAsync(db, ct);
        var movements = lines.Select(l => l.ToMovement()).ToList();
        var byMovement = new Dictionary<BankMovement, BankLine>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < lines.Count; i++)
        {
            byMovement[movements[i]] = lines[i];
        }

        var outcome = PaymentMatching.Match(movements, items);
        foreach (var match in outcome.Matches)
        {
            var line = byMovement[match.Movement];
            if (match.Kind == MatchKind.Exact)
            {
                db.Payments.Add(new Payment(match.ItemId, match.Amount, line.BookingDate, PaymentSource.Statement, line.Id, "", by, now));
                line.Matched();
                RecordPayment.Audit(db, "payment.matched", match.ItemId, by, $"{match.Amount:0.00} {line.BookingDate:yyyy-MM-dd} exact", now);
            }
            else
            {
                line.Propose(match.ItemId);
            }
        }

        var paid = outcome.Exact.Select(m => m.ItemId).Distinct().ToList();
        if (paid.Count > 0)
        {
            await RecordPayment.SettleAsync(db, paid, now, ct);
        }
    }

    /// <summary>Every issued invoice that still owes money and every credit note with a refund to make, with the payer's known accounts.</summary>
    public static async Task<List<OpenItem>> OpenItemsAsync(AppDb db, CancellationToken ct)
    {
        var issued = await (from i in db.Invoices.AsNoTracking()
                            join c in db.Customers on i.CustomerId equals c.Id
                            join b in db.InvoiceBalances on i.Id equals b.InvoiceId into balances
                            from b in balances.DefaultIfEmpty()
                            where i.Status == InvoiceStatus.Issued
                                  && (b == null || b.State == PaymentState.Unpaid || b.State == PaymentState.PartlyPaid)
                            select new { i.Id, i.Kind, i.CustomerId, c.Name, i.Number, i.StructuredCommunication, i.Total, i.DueDate, Outstanding = b == null ? (decimal?)null : b.Outstanding })
            .ToListAsync(ct);
        // An invoice without a balance row has had no payment; its credit notes still count.
        var credited = (await db.Invoices.AsNoTracking()
                .Where(n => n.Kind == InvoiceKind.CreditNote && n.Status == InvoiceStatus.Issued && n.CorrectsInvoiceId != null)
                .Select(n => new { Invoice = n.CorrectsInvoiceId!.Value, n.Total })
                .ToListAsync(ct))
            .GroupBy(n => n.Invoice)
            .ToDictionary(g => g.Key, g => g.Sum(n => n.Total));
        var customers = issued.Select(i => i.CustomerId).Distinct().ToList();
        var known = await (from p in db.Payments.AsNoTracking()
                           join l in db.BankLines on p.BankLineId equals l.Id
                           join i in db.Invoices on p.InvoiceId equals i.Id
                           where p.UndoneAt == null && l.CounterpartyIban != null && customers.Contains(i.CustomerId)
                           select new { i.CustomerId, l.CounterpartyIban })
            .Distinct()
            .ToListAsync(ct);
        // The accounts the office gave on the customer's form count as known from the first payment on.
        var given = await db.Customers.AsNoTracking().Where(c => customers.Contains(c.Id)).Select(c => new { c.Id, c.BankAccounts }).ToListAsync(ct);
        var accounts = known.Select(k => (k.CustomerId, Iban: k.CounterpartyIban!))
            .Concat(given.SelectMany(c => c.BankAccounts.Select(a => (CustomerId: c.Id, Iban: a))))
            .GroupBy(k => k.CustomerId)
            .ToDictionary(g => g.Key, g => (IReadOnlyCollection<string>)[.. g.Select(k => k.Iban).Distinct()]);

        return [.. issued
            .Select(i => new OpenItem(
                i.Id, i.CustomerId, i.Name, i.Number ?? "", i.Kind == InvoiceKind.CreditNote,
                i.StructuredCommunication is { } ogm && StructuredCommunication.TryParse(ogm, out var parsed) ? parsed : null,
                i.Outstanding ?? (i.Kind == InvoiceKind.CreditNote ? 0 : i.Total - credited.GetValueOrDefault(i.Id)),
                i.DueDate ?? DateOnly.MaxValue,
                accounts.GetValueOrDefault(i.CustomerId, [])))
            .Where(i => i.Open > 0)];
    }
}
