using System.Reflection;
using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;
using static Werkbon.Core.Tests.Reports.Samples;

namespace Werkbon.Core.Tests.Reports;

/// <summary>
/// Changing any single field of a signed report, after signing, changes its hash: a systematic table
/// of mutations of the golden report, one test each, covering every property of every record in it,
/// plus removing, adding and reordering list elements.
/// </summary>
public class TamperTests
{
    private static readonly ReportDocument Signed = Golden();
    private static readonly string SignedHash = ReportHash.Compute(Signed);

    private static readonly Type[] RecordTypes =
        [typeof(ReportDocument), typeof(ReportTimeEntry), typeof(ReportMaterial), typeof(ChecklistAnswer), typeof(ReportPhoto), typeof(ReportSignature)];

    /// <summary>A change to the signed report; <see cref="Target"/> names the property it changes ("ReportPhoto.Width").</summary>
    public sealed record Mutation(string Target, Func<ReportDocument, ReportDocument> Apply);

    private static readonly Dictionary<string, Mutation> Table = BuildTable();

    public static TheoryData<string> Mutations => new(Table.Keys);

    [Theory]
    [MemberData(nameof(Mutations))]
    public void Changing_one_field_of_a_signed_report_changes_its_hash(string mutation)
    {
        var tampered = Table[mutation].Apply(Signed);

        Assert.NotEqual(SignedHash, ReportHash.Compute(tampered));
        Assert.False(ReportHash.Verify(tampered, SignedHash));
    }

    [Fact]
    public void Every_mutation_is_detected_and_every_property_of_every_record_is_mutated()
    {
        var detected = Table.Values.Count(m => !ReportHash.Verify(m.Apply(Signed), SignedHash));
        var targets = Table.Values.Select(m => m.Target).ToHashSet(StringComparer.Ordinal);
        var unmutated = RecordTypes
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => $"{t.Name}.{p.Name}"))
            .Where(p => !targets.Contains(p))
            .ToList();

        Assert.Equal(Table.Count, detected);
        Assert.Empty(unmutated);
        Assert.True(Table.Count > 200, $"only {Table.Count} mutations");
    }

    [Fact]
    public void Every_element_of_every_list_is_mutated_in_every_property()
    {
        var names = Table.Keys.ToList();
        (string List, int Count, Type Element)[] lists =
        [
            ("time", Signed.Time.Count, typeof(ReportTimeEntry)),
            ("materials", Signed.Materials.Count, typeof(ReportMaterial)),
            ("checklist", Signed.Checklist.Count, typeof(ChecklistAnswer)),
            ("photos", Signed.Photos.Count, typeof(ReportPhoto)),
        ];

        foreach (var (list, count, element) in lists)
        {
            for (var i = 0; i < count; i++)
            {
                foreach (var property in element.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    var prefix = $"{list}[{i}].{CamelCase(property.Name)} ";
                    Assert.Contains(names, n => n.StartsWith(prefix, StringComparison.Ordinal));
                }

                Assert.Contains($"{list}: [{i}] removed", names);
            }
        }
    }

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static Dictionary<string, Mutation> BuildTable()
    {
        var table = new Dictionary<string, Mutation>(StringComparer.Ordinal);
        void Add(string target, string name, Func<ReportDocument, ReportDocument> apply) => table.Add(name, new(target, apply));
        var s = Signed;

        // The document's own fields.
        foreach (var (label, value) in Ints(s.ProtocolVersion))
        {
            Add("ReportDocument.ProtocolVersion", $"protocolVersion {label}", d => d with { ProtocolVersion = value });
        }

        foreach (var (label, value) in Guids(s.ReportId))
        {
            Add("ReportDocument.ReportId", $"reportId {label}", d => d with { ReportId = value });
        }

        foreach (var (label, value) in Guids(s.WorkOrderId))
        {
            Add("ReportDocument.WorkOrderId", $"workOrderId {label}", d => d with { WorkOrderId = value });
        }

        foreach (var (label, value) in Guids(s.TechnicianId))
        {
            Add("ReportDocument.TechnicianId", $"technicianId {label}", d => d with { TechnicianId = value });
        }

        Add("ReportDocument.WorkOrderId", "workOrderId and technicianId swapped", d => d with { WorkOrderId = d.TechnicianId, TechnicianId = d.WorkOrderId });
        foreach (var (label, value) in Texts(s.TechnicianClass, nullable: true))
        {
            Add("ReportDocument.TechnicianClass", $"technicianClass {label}", d => d with { TechnicianClass = value });
        }

        Add("ReportDocument.TechnicianClass", "technicianClass another class", d => d with { TechnicianClass = "senior" });
        Add("ReportDocument.VisitDate", "visitDate one day later", d => d with { VisitDate = d.VisitDate.AddDays(1) });
        Add("ReportDocument.VisitDate", "visitDate one year earlier", d => d with { VisitDate = d.VisitDate.AddYears(-1) });
        Add("ReportDocument.VisitDate", "visitDate day and month swapped", d => d with { VisitDate = new DateOnly(d.VisitDate.Year, 2, 2) });
        foreach (var (label, value) in Decimals(s.DistanceKm, nullable: true))
        {
            Add("ReportDocument.DistanceKm", $"distanceKm {label}", d => d with { DistanceKm = value });
        }

        foreach (var (label, value) in Texts(s.WorkDone, nullable: false))
        {
            Add("ReportDocument.WorkDone", $"workDone {label}", d => d with { WorkDone = value! });
        }

        foreach (var (label, value) in Texts(s.Remarks, nullable: false))
        {
            Add("ReportDocument.Remarks", $"remarks {label}", d => d with { Remarks = value! });
        }

        Add("ReportDocument.WorkDone", "workDone and remarks swapped", d => d with { WorkDone = d.Remarks, Remarks = d.WorkDone });
        Add("ReportDocument.Remarks", "remarks' first character moved to the end of workDone", d => d with { WorkDone = d.WorkDone + d.Remarks[0], Remarks = d.Remarks[1..] });
        Add("ReportDocument.WarrantyRepair", "warrantyRepair flipped", d => d with { WarrantyRepair = !d.WarrantyRepair });
        foreach (var (label, value) in Guids(s.AssetId!.Value))
        {
            Add("ReportDocument.AssetId", $"assetId {label}", d => d with { AssetId = value });
        }

        Add("ReportDocument.AssetId", "assetId removed", d => d with { AssetId = null });
        Add("ReportDocument.SixPercentStatementConfirmed", "sixPercentStatementConfirmed flipped", d => d with { SixPercentStatementConfirmed = !d.SixPercentStatementConfirmed });

        // Each time entry, each field.
        for (var i = 0; i < s.Time.Count; i++)
        {
            var at = i;
            var e = s.Time[i];
            var p = $"time[{i}]";
            ReportDocument Entry(ReportDocument d, Func<ReportTimeEntry, ReportTimeEntry> change) => d with { Time = Replace(d.Time, at, change) };
            foreach (var (label, value) in Guids(e.Id))
            {
                Add("ReportTimeEntry.Id", $"{p}.id {label}", d => Entry(d, x => x with { Id = value }));
            }

            foreach (var (label, value) in Instants(e.Start))
            {
                Add("ReportTimeEntry.Start", $"{p}.start {label}", d => Entry(d, x => x with { Start = value }));
            }

            foreach (var (label, value) in Instants(e.End))
            {
                Add("ReportTimeEntry.End", $"{p}.end {label}", d => Entry(d, x => x with { End = value }));
            }

            Add("ReportTimeEntry.Start", $"{p}.start and end swapped", d => Entry(d, x => x with { Start = x.End, End = x.Start }));
            Add("ReportTimeEntry.Kind", $"{p}.kind the other kind", d => Entry(d, x => x with { Kind = x.Kind == TimeEntryKind.Work ? TimeEntryKind.Travel : TimeEntryKind.Work }));
            Add("ReportTimeEntry.IsExtra", $"{p}.isExtra flipped", d => Entry(d, x => x with { IsExtra = !x.IsExtra }));
            foreach (var (label, value) in Texts(e.Note, nullable: true))
            {
                Add("ReportTimeEntry.Note", $"{p}.note {label}", d => Entry(d, x => x with { Note = value }));
            }
        }

        // Each material, each field.
        for (var i = 0; i < s.Materials.Count; i++)
        {
            var at = i;
            var m = s.Materials[i];
            var p = $"materials[{i}]";
            ReportDocument Material(ReportDocument d, Func<ReportMaterial, ReportMaterial> change) => d with { Materials = Replace(d.Materials, at, change) };
            foreach (var (label, value) in Guids(m.Id))
            {
                Add("ReportMaterial.Id", $"{p}.id {label}", d => Material(d, x => x with { Id = value }));
            }

            foreach (var (label, value) in Texts(m.ArticleCode, nullable: true))
            {
                Add("ReportMaterial.ArticleCode", $"{p}.articleCode {label}", d => Material(d, x => x with { ArticleCode = value }));
            }

            foreach (var (label, value) in Texts(m.Description, nullable: false))
            {
                Add("ReportMaterial.Description", $"{p}.description {label}", d => Material(d, x => x with { Description = value! }));
            }

            foreach (var (label, value) in Decimals(m.Quantity, nullable: false))
            {
                Add("ReportMaterial.Quantity", $"{p}.quantity {label}", d => Material(d, x => x with { Quantity = value!.Value }));
            }

            foreach (var (label, value) in Texts(m.UnitCode, nullable: false))
            {
                Add("ReportMaterial.UnitCode", $"{p}.unitCode {label}", d => Material(d, x => x with { UnitCode = value! }));
            }

            Add("ReportMaterial.IsExtra", $"{p}.isExtra flipped", d => Material(d, x => x with { IsExtra = !x.IsExtra }));
            foreach (var (label, value) in Decimals(m.PriceOverride, nullable: true))
            {
                Add("ReportMaterial.PriceOverride", $"{p}.priceOverride {label}", d => Material(d, x => x with { PriceOverride = value }));
            }

            Add("ReportMaterial.IsFreeText", $"{p}.isFreeText flipped", d => Material(d, x => x with { IsFreeText = !x.IsFreeText }));
        }

        // Each checklist answer, each field.
        for (var i = 0; i < s.Checklist.Count; i++)
        {
            var at = i;
            var a = s.Checklist[i];
            var p = $"checklist[{i}]";
            ReportDocument Answer(ReportDocument d, Func<ChecklistAnswer, ChecklistAnswer> change) => d with { Checklist = Replace(d.Checklist, at, change) };
            foreach (var (label, value) in Texts(a.Key, nullable: false))
            {
                Add("ChecklistAnswer.Key", $"{p}.key {label}", d => Answer(d, x => x with { Key = value! }));
            }

            foreach (var (label, value) in Texts(a.Question, nullable: false))
            {
                Add("ChecklistAnswer.Question", $"{p}.question {label}", d => Answer(d, x => x with { Question = value! }));
            }

            foreach (var (label, value) in Texts(a.Answer, nullable: false))
            {
                Add("ChecklistAnswer.Answer", $"{p}.answer {label}", d => Answer(d, x => x with { Answer = value! }));
            }

            Add("ChecklistAnswer.Answer", $"{p}.answer the opposite", d => Answer(d, x => x with { Answer = "Nee, 1,8 bar" }));
        }

        // Each photo, each field.
        for (var i = 0; i < s.Photos.Count; i++)
        {
            var at = i;
            var ph = s.Photos[i];
            var p = $"photos[{i}]";
            ReportDocument Photo(ReportDocument d, Func<ReportPhoto, ReportPhoto> change) => d with { Photos = Replace(d.Photos, at, change) };
            foreach (var (label, value) in Hashes(ph.Sha256))
            {
                Add("ReportPhoto.Sha256", $"{p}.sha256 {label}", d => Photo(d, x => x with { Sha256 = value }));
            }

            foreach (var (label, value) in Texts(ph.Caption, nullable: false))
            {
                Add("ReportPhoto.Caption", $"{p}.caption {label}", d => Photo(d, x => x with { Caption = value! }));
            }

            foreach (var (label, value) in Ints(ph.Width))
            {
                Add("ReportPhoto.Width", $"{p}.width {label}", d => Photo(d, x => x with { Width = value }));
            }

            foreach (var (label, value) in Ints(ph.Height))
            {
                Add("ReportPhoto.Height", $"{p}.height {label}", d => Photo(d, x => x with { Height = value }));
            }

            Add("ReportPhoto.Width", $"{p}.width and height swapped", d => Photo(d, x => x with { Width = x.Height, Height = x.Width }));
            Add("ReportPhoto.Length", $"{p}.length one byte more", d => Photo(d, x => x with { Length = x.Length + 1 }));
            Add("ReportPhoto.Length", $"{p}.length one byte less", d => Photo(d, x => x with { Length = x.Length - 1 }));
            Add("ReportPhoto.Length", $"{p}.length times 10", d => Photo(d, x => x with { Length = x.Length * 10 }));
        }

        Add("ReportPhoto.Sha256", "photos: the two hashes swapped", d => d with { Photos = [d.Photos[0] with { Sha256 = d.Photos[1].Sha256 }, d.Photos[1] with { Sha256 = d.Photos[0].Sha256 }] });

        // The signature, each field.
        ReportDocument Signature(ReportDocument d, Func<ReportSignature, ReportSignature> change) => d with { Signature = change(d.Signature) };
        foreach (var (label, value) in Texts(s.Signature.SignerName, nullable: false))
        {
            Add("ReportSignature.SignerName", $"signature.signerName {label}", d => Signature(d, x => x with { SignerName = value! }));
        }

        foreach (var (label, value) in Instants(s.Signature.SignedAt))
        {
            Add("ReportSignature.SignedAt", $"signature.signedAt {label}", d => Signature(d, x => x with { SignedAt = value }));
        }

        foreach (var (label, value) in Hashes(s.Signature.ImageSha256!))
        {
            Add("ReportSignature.ImageSha256", $"signature.imageSha256 {label}", d => Signature(d, x => x with { ImageSha256 = value }));
        }

        Add("ReportSignature.ImageSha256", "signature.imageSha256 removed", d => Signature(d, x => x with { ImageSha256 = null }));
        Add("ReportSignature.ImageSha256", "signature.imageSha256 the first photo's", d => Signature(d, x => x with { ImageSha256 = Photo1Hash }));
        Add("ReportSignature.CustomerAbsent", "signature.customerAbsent flipped", d => Signature(d, x => x with { CustomerAbsent = !x.CustomerAbsent }));
        foreach (var (label, value) in Texts(s.Signature.AbsenceReason, nullable: true))
        {
            Add("ReportSignature.AbsenceReason", $"signature.absenceReason {label}", d => Signature(d, x => x with { AbsenceReason = value }));
        }

        Add("ReportDocument.Signature", "signature removed", d => d with { Signature = null! });
        Add("ReportDocument.Signature", "signature replaced by an absent customer", d => d with { Signature = new("", d.Signature.SignedAt, null, true, "Niemand thuis") });

        // Removing, adding and reordering the elements of each list.
        Lists(Add, "ReportDocument.Time", "time", s.Time, (d, l) => d with { Time = l }, d => d.Time, x => x with { Id = Flip(x.Id) });
        Lists(Add, "ReportDocument.Materials", "materials", s.Materials, (d, l) => d with { Materials = l }, d => d.Materials, x => x with { Id = Flip(x.Id) });
        Lists(Add, "ReportDocument.Checklist", "checklist", s.Checklist, (d, l) => d with { Checklist = l }, d => d.Checklist, x => x with { Key = x.Key + "-2" });
        Lists(Add, "ReportDocument.Photos", "photos", s.Photos, (d, l) => d with { Photos = l }, d => d.Photos, x => x with { Sha256 = SignatureHash });
        return table;
    }

    private static void Lists<T>(
        Action<string, string, Func<ReportDocument, ReportDocument>> add,
        string target,
        string name,
        IReadOnlyList<T> items,
        Func<ReportDocument, IReadOnlyList<T>, ReportDocument> set,
        Func<ReportDocument, IReadOnlyList<T>> get,
        Func<T, T> another)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var at = i;
            add(target, $"{name}: [{i}] removed", d => set(d, [.. get(d).Where((_, j) => j != at)]));
            add(target, $"{name}: [{i}] repeated right after itself", d => set(d, [.. get(d).Take(at + 1), get(d)[at], .. get(d).Skip(at + 1)]));
            add(target, $"{name}: a new element like [{i}] added at the end", d => set(d, [.. get(d), another(get(d)[at])]));
            add(target, $"{name}: a new element like [{i}] added at the start", d => set(d, [another(get(d)[at]), .. get(d)]));
            if (i + 1 < items.Count)
            {
                add(target, $"{name}: [{i}] and [{i + 1}] swapped", d => set(d, Replace(Replace(get(d), at, _ => get(d)[at + 1]), at + 1, _ => get(d)[at])));
            }
        }

        add(target, $"{name}: emptied", d => set(d, []));
        if (items.Count > 2)
        {
            add(target, $"{name}: reversed", d => set(d, [.. get(d).Reverse()]));
        }
    }

    private static IReadOnlyList<T> Replace<T>(IReadOnlyList<T> list, int index, Func<T, T> change)
    {
        var copy = list.ToList();
        copy[index] = change(copy[index]);
        return copy;
    }

    internal static Guid Flip(Guid id)
    {
        var bytes = id.ToByteArray();
        bytes[15] ^= 1;
        return new Guid(bytes);
    }

    private static IEnumerable<(string, int)> Ints(int value) => [("plus one", value + 1), ("minus one", value - 1), ("zero", 0), ("negated", -value)];

    private static IEnumerable<(string, Guid)> Guids(Guid id) =>
        [("one bit flipped", Flip(id)), ("emptied", Guid.Empty), ("another id", Guid.Parse("019c6a3e-5b10-7d2a-9c41-3f8e2a6b7cff"))];

    private static IEnumerable<(string, DateTimeOffset)> Instants(DateTimeOffset at) =>
    [
        ("one second later", at.AddSeconds(1)),
        ("one second earlier", at.AddSeconds(-1)),
        ("one minute later", at.AddMinutes(1)),
        ("one hour earlier", at.AddHours(-1)),
        ("one day later", at.AddDays(1)),
        ("same wall clock, UTC offset", new DateTimeOffset(at.DateTime, TimeSpan.Zero)),
    ];

    private static IEnumerable<(string, decimal?)> Decimals(decimal? value, bool nullable)
    {
        if (value is not { } v)
        {
            return [("0 instead of null", 0m), ("1 instead of null", 1m)];
        }

        List<(string, decimal?)> changes = [("plus 0.01", v + 0.01m), ("minus 0.01", v - 0.01m), ("times 10", v * 10m), ("divided by 10", v / 10m), ("negated", -v), ("zero", 0m)];
        if (nullable)
        {
            changes.Add(("removed", null));
        }

        return changes;
    }

    private static IEnumerable<(string, string?)> Texts(string? value, bool nullable)
    {
        if (value is null)
        {
            return [("empty instead of null", ""), ("a text instead of null", "x"), ("the text \"null\" instead of null", "null")];
        }

        List<(string, string?)> changes =
        [
            ("last character changed", value[..^1] + (value[^1] == 'x' ? 'y' : 'x')),
            ("first character's case changed", (char.IsUpper(value[0]) ? char.ToLowerInvariant(value[0]) : char.ToUpperInvariant(value[0])) + value[1..]),
            ("space appended", value + " "),
            ("space prepended", " " + value),
            ("emptied", ""),
            ("a character removed", value.Remove(value.Length / 2, 1)),
            ("escaped quote added", value + "\""),
            ("line break added", value + "\n"),
        ];
        if (value.IndexOfAny(['é', 'ë', 'ï', '≥']) is var accented and >= 0)
        {
            changes.Add(("accent or symbol dropped", value.Remove(accented, 1).Insert(accented, value[accented] == '≥' ? ">" : "e")));
        }

        if (nullable)
        {
            changes.Add(("removed", null));
        }

        return changes;
    }

    private static IEnumerable<(string, string)> Hashes(string hash) =>
    [
        ("last hex digit changed", hash[..^1] + (hash[^1] == '0' ? '1' : '0')),
        ("first hex digit changed", (hash[0] == '0' ? '1' : '0') + hash[1..]),
        ("uppercased", hash.ToUpperInvariant()),
        ("another file's", PhotoHash.Compute("another photo"u8)),
    ];
}
