using Werkbon.Core.Pricing;

namespace Werkbon.Core.Reports;

/// <summary>
/// A structural problem of a signed document. <see cref="Field"/> is the path in the canonical form's
/// names (<c>time[1].end</c>, <c>signature.signerName</c>); <see cref="Code"/> is one of <see cref="ReportProblemCodes"/>.
/// </summary>
public sealed record ReportProblem(string Field, string Code);

/// <summary>The codes of <see cref="ReportProblem"/>: stable, for clients and problem details.</summary>
public static class ReportProblemCodes
{
    /// <summary>The document's protocol version is not <see cref="ReportDocument.CurrentVersion"/>; nothing else is checked.</summary>
    public const string UnsupportedVersion = "unsupported-version";

    /// <summary>A value that must be there is missing (null, an empty id, blank text where text is needed).</summary>
    public const string Required = "required";

    /// <summary>A value that must not be there given another field (an absence reason while the customer signed…).</summary>
    public const string NotAllowed = "not-allowed";

    public const string EndBeforeStart = "end-before-start";

    /// <summary>An instant finer than the second: the device records seconds, and the canonical form keeps no more.</summary>
    public const string SubSecond = "sub-second";

    public const string Negative = "negative";

    public const string NotPositive = "not-positive";

    /// <summary>Not 64 lowercase hex characters.</summary>
    public const string InvalidHash = "invalid-hash";

    /// <summary>Two time entries or materials with one id.</summary>
    public const string DuplicateId = "duplicate-id";

    public const string DuplicateKey = "duplicate-key";

    public const string DuplicateHash = "duplicate-hash";

    public const string UnknownKind = "unknown-kind";

    /// <summary>Text with a lone surrogate: it has no UTF-8 form, so it cannot have been signed.</summary>
    public const string InvalidText = "invalid-text";

    public const string TooLong = "too-long";

    public const string TooMany = "too-many";

    /// <summary>No work recorded: nothing for the customer to sign for (travel alone is no visit's work).</summary>
    public const string NoWorkTime = "no-work-time";

    /// <summary>A timer still runs on the device: its time is not recorded yet, so the report cannot be signed.</summary>
    public const string TimerRunning = "timer-running";
}

/// <summary>
/// What makes a signed document malformed or unsignable, so the server refuses it before storing anything.
/// The pricing engine never rejects data (it warns); these rules guard the document's structure and that
/// it records work (<see cref="SigningBlock"/>, the same rule the device signs by).
/// </summary>
public static class ReportRules
{
    /// <summary>Longest work done, remarks, note, answer or absence reason, in UTF-16 code units.</summary>
    public const int MaxTextLength = 10_000;

    /// <summary>Longest name, code, key, question or caption, in UTF-16 code units.</summary>
    public const int MaxShortTextLength = 500;

    /// <summary>Most elements in any one list of the document.</summary>
    public const int MaxListLength = 500;

    /// <summary>
    /// Why a report with these time entries cannot be signed yet, or null when it can: a timer still running
    /// (its period is not recorded yet), or no work at all (no work entry that counts a minute,
    /// <see cref="WorkedMinutes.Of"/>). The device disables signing and shows this reason; <see cref="Check"/>
    /// refuses a signed document without work, so the server never stores one.
    /// </summary>
    public static ReportProblem? SigningBlock(IReadOnlyList<ReportTimeEntry?>? time, bool timerRunning)
    {
        if (timerRunning)
        {
            return new("time", ReportProblemCodes.TimerRunning);
        }

        return time is not null && time.Any(t => t is { Kind: TimeEntryKind.Work } && WorkedMinutes.Of(t.Start, t.End) > 0)
            ? null
            : new("time", ReportProblemCodes.NoWorkTime);
    }

    /// <summary>The problems of <paramref name="document"/>, in document order; empty when it is well formed.</summary>
    public static IReadOnlyList<ReportProblem> Check(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = new List<ReportProblem>();
        if (document.ProtocolVersion != ReportDocument.CurrentVersion)
        {
            // Another version's fields mean other things: judging them by version 1's rules would only add noise.
            problems.Add(new("protocolVersion", ReportProblemCodes.UnsupportedVersion));
            return problems;
        }

        void Add(string field, string code) => problems.Add(new(field, code));

        void Id(string field, Guid id)
        {
            if (id == Guid.Empty)
            {
                Add(field, ReportProblemCodes.Required);
            }
        }

        void Text(string field, string? value, bool required, bool blankAllowed, int max)
        {
            if (value is null)
            {
                if (required)
                {
                    Add(field, ReportProblemCodes.Required);
                }

                return;
            }

            if (!CanonicalReport.IsWellFormed(value))
            {
                Add(field, ReportProblemCodes.InvalidText);
            }
            else if (!blankAllowed && string.IsNullOrWhiteSpace(value))
            {
                Add(field, ReportProblemCodes.Required);
            }
            else if (value.Length > max)
            {
                Add(field, ReportProblemCodes.TooLong);
            }
        }

        void Instant(string field, DateTimeOffset value)
        {
            if (value.Ticks % TimeSpan.TicksPerSecond != 0)
            {
                Add(field, ReportProblemCodes.SubSecond);
            }
        }

        void Hash(string field, string? value)
        {
            if (value is not null && !PhotoHash.IsValid(value))
            {
                Add(field, ReportProblemCodes.InvalidHash);
            }
        }

        bool List<T>(string field, IReadOnlyList<T>? items)
        {
            if (items is null)
            {
                Add(field, ReportProblemCodes.Required);
                return false;
            }

            if (items.Count > MaxListLength)
            {
                Add(field, ReportProblemCodes.TooMany);
            }

            return true;
        }

        var d = document;
        Id("reportId", d.ReportId);
        Id("workOrderId", d.WorkOrderId);
        Id("technicianId", d.TechnicianId);
        Text("technicianClass", d.TechnicianClass, required: false, blankAllowed: false, MaxShortTextLength);
        if (d.VisitDate == default)
        {
            Add("visitDate", ReportProblemCodes.Required);
        }

        var entryIds = new HashSet<Guid>();
        if (List("time", d.Time))
        {
            for (var i = 0; i < d.Time.Count; i++)
            {
                var field = $"time[{i}]";
                if (d.Time[i] is not { } t)
                {
                    Add(field, ReportProblemCodes.Required);
                    continue;
                }

                Id($"{field}.id", t.Id);
                if (t.Id != Guid.Empty && !entryIds.Add(t.Id))
                {
                    Add($"{field}.id", ReportProblemCodes.DuplicateId);
                }

                Instant($"{field}.start", t.Start);
                Instant($"{field}.end", t.End);
                if (t.End < t.Start)
                {
                    Add($"{field}.end", ReportProblemCodes.EndBeforeStart);
                }

                if (!Enum.IsDefined(t.Kind))
                {
                    Add($"{field}.kind", ReportProblemCodes.UnknownKind);
                }

                Text($"{field}.note", t.Note, required: false, blankAllowed: true, MaxTextLength);
            }

            if (SigningBlock(d.Time, timerRunning: false) is { } block)
            {
                problems.Add(block);
            }
        }

        if (d.DistanceKm < 0m)
        {
            Add("distanceKm", ReportProblemCodes.Negative);
        }

        if (List("materials", d.Materials))
        {
            for (var i = 0; i < d.Materials.Count; i++)
            {
                var field = $"materials[{i}]";
                if (d.Materials[i] is not { } m)
                {
                    Add(field, ReportProblemCodes.Required);
                    continue;
                }

                Id($"{field}.id", m.Id);
                if (m.Id != Guid.Empty && !entryIds.Add(m.Id))
                {
                    Add($"{field}.id", ReportProblemCodes.DuplicateId);
                }

                // A catalog item needs its code; a free-text item is known only by its description.
                Text($"{field}.articleCode", m.ArticleCode, required: !m.IsFreeText, blankAllowed: m.IsFreeText, MaxShortTextLength);
                Text($"{field}.description", m.Description, required: true, blankAllowed: !m.IsFreeText, MaxTextLength);
                if (m.Quantity < 0m)
                {
                    Add($"{field}.quantity", ReportProblemCodes.Negative);
                }

                Text($"{field}.unitCode", m.UnitCode, required: true, blankAllowed: false, MaxShortTextLength);
                if (m.PriceOverride < 0m)
                {
                    Add($"{field}.priceOverride", ReportProblemCodes.Negative);
                }
            }
        }

        Text("workDone", d.WorkDone, required: true, blankAllowed: true, MaxTextLength);
        Text("remarks", d.Remarks, required: true, blankAllowed: true, MaxTextLength);

        if (List("checklist", d.Checklist))
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < d.Checklist.Count; i++)
            {
                var field = $"checklist[{i}]";
                if (d.Checklist[i] is not { } a)
                {
                    Add(field, ReportProblemCodes.Required);
                    continue;
                }

                Text($"{field}.key", a.Key, required: true, blankAllowed: false, MaxShortTextLength);
                if (a.Key is not null && !keys.Add(a.Key))
                {
                    Add($"{field}.key", ReportProblemCodes.DuplicateKey);
                }

                Text($"{field}.question", a.Question, required: true, blankAllowed: true, MaxShortTextLength);
                Text($"{field}.answer", a.Answer, required: true, blankAllowed: true, MaxTextLength);
            }
        }

        if (List("photos", d.Photos))
        {
            var hashes = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < d.Photos.Count; i++)
            {
                var field = $"photos[{i}]";
                if (d.Photos[i] is not { } p)
                {
                    Add(field, ReportProblemCodes.Required);
                    continue;
                }

                if (p.Sha256 is null)
                {
                    Add($"{field}.sha256", ReportProblemCodes.Required);
                }
                else
                {
                    Hash($"{field}.sha256", p.Sha256);
                    if (!hashes.Add(p.Sha256))
                    {
                        Add($"{field}.sha256", ReportProblemCodes.DuplicateHash);
                    }
                }

                Text($"{field}.caption", p.Caption, required: true, blankAllowed: true, MaxShortTextLength);
                if (p.Width <= 0)
                {
                    Add($"{field}.width", ReportProblemCodes.NotPositive);
                }

                if (p.Height <= 0)
                {
                    Add($"{field}.height", ReportProblemCodes.NotPositive);
                }

                if (p.Length <= 0)
                {
                    Add($"{field}.length", ReportProblemCodes.NotPositive);
                }
            }
        }

        if (d.AssetId == Guid.Empty)
        {
            Add("assetId", ReportProblemCodes.Required);
        }

        if (d.SixPercentStatementConfirmed && d.Signature is { CustomerAbsent: true })
        {
            Add("sixPercentStatementConfirmed", ReportProblemCodes.NotAllowed); // only the customer can confirm it
        }

        if (d.Signature is not { } s)
        {
            Add("signature", ReportProblemCodes.Required);
            return problems;
        }

        // Signed by the customer (a name and an image), or recorded as absent with a reason: nothing in between.
        Text("signature.signerName", s.SignerName, required: true, blankAllowed: s.CustomerAbsent, MaxShortTextLength);
        Instant("signature.signedAt", s.SignedAt);
        if (s.ImageSha256 is null && !s.CustomerAbsent)
        {
            Add("signature.imageSha256", ReportProblemCodes.Required);
        }

        Hash("signature.imageSha256", s.ImageSha256);
        if (s.CustomerAbsent)
        {
            Text("signature.absenceReason", s.AbsenceReason, required: true, blankAllowed: false, MaxTextLength);
        }
        else if (s.AbsenceReason is not null)
        {
            Add("signature.absenceReason", ReportProblemCodes.NotAllowed);
        }

        return problems;
    }
}
