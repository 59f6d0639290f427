using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsCheck;
using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;

namespace Werkbon.Core.Tests.Reports;

/// <summary>
/// The hash on random well-formed reports (CsCheck): any single-field change is detected, and nothing
/// that keeps the meaning (offsets, decimal scale, Unicode form, a JSON round trip) changes it.
/// </summary>
public class ReportHashPropertyTests
{
    private const long Iterations = 3_000;

    private static readonly JsonSerializerOptions StringEnums = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan[] Offsets = [TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(-5), new(5, 30, 0)];

    // Pieces of text that catch escaping and normalisation mistakes: quotes, controls, combining marks,
    // singletons that NFC replaces (Ångström sign), a compatibility ligature NFC keeps, surrogate pairs.
    private static readonly string[] Pieces =
        ["a", "Z", "7", " ", "-", "é", "e\u0301", "ë", "ß", "€", "😀", "\"", "\\", "\n", "\t", "\u0001", "\u2028", "/", "<", "&", "\u212B", "A\u030A", "ﬁ", "null"];

    private static readonly Gen<string> GenText = Gen.OneOf(Pieces).Array[0, 8].Select(string.Concat);

    private static readonly Gen<string> GenName = GenText.Select(t => "x" + t);

    private static readonly Gen<string?> GenOptionalText = Gen.Frequency((1, Gen.Const((string?)null)), (3, GenText.Select(t => (string?)t)));

    /// <summary>A decimal of up to 4 decimals, sometimes written with extra trailing zeros.</summary>
    private static readonly Gen<decimal> GenAmount =
        from units in Gen.Int[0, 1_000_000]
        from scale in Gen.Int[0, 4]
        from padding in Gen.Int[0, 3]
        select new decimal(units, 0, 0, false, (byte)scale) * new decimal(1, 0, 0, false, (byte)padding);

    private static readonly Gen<DateTimeOffset> GenInstant =
        from seconds in Gen.Int[0, 400 * 86_400]
        from offset in Gen.Int[0, Offsets.Length - 1]
        select Epoch.AddSeconds(seconds).ToOffset(Offsets[offset]);

    private static readonly Gen<string> GenHash = Gen.Byte.Array[32].Select(b => Convert.ToHexStringLower(b));

    private static readonly Gen<ReportTimeEntry> GenTimeEntry =
        from id in Gen.Guid
        from start in GenInstant
        from seconds in Gen.Int[0, 8 * 3600]
        from kind in Gen.Bool
        from extra in Gen.Bool
        from note in GenOptionalText
        select new ReportTimeEntry(id, start, start.AddSeconds(seconds), kind ? TimeEntryKind.Work : TimeEntryKind.Travel, extra, note);

    /// <summary>At least a second of work, which every signed report records.</summary>
    private static readonly Gen<ReportTimeEntry> GenWork =
        from entry in GenTimeEntry
        from seconds in Gen.Int[1, 8 * 3600]
        select entry with { Kind = TimeEntryKind.Work, End = entry.Start.AddSeconds(seconds) };

    private static readonly Gen<ReportMaterial> GenMaterial =
        from id in Gen.Guid
        from freeText in Gen.Bool
        from code in GenName
        from description in GenName
        from quantity in GenAmount
        from unit in Gen.OneOf("C62", "MTR", "HUR", "KGM")
        from extra in Gen.Bool
        from priceOverride in Gen.Frequency((3, Gen.Const((decimal?)null)), (1, GenAmount.Select(a => (decimal?)a)))
        select new ReportMaterial(id, freeText ? null : code, description, quantity, unit, extra, priceOverride, freeText);

    private static readonly Gen<ReportPhoto> GenPhoto =
        from hash in GenHash
        from caption in GenText
        from width in Gen.Int[1, 4000]
        from height in Gen.Int[1, 4000]
        from length in Gen.Long[1, 20_000_000]
        select new ReportPhoto(hash, caption, width, height, length);

    private static readonly Gen<ReportSignature> GenSignature =
        from absent in Gen.Frequency((4, Gen.Const(false)), (1, Gen.Const(true)))
        from name in GenName
        from at in GenInstant
        from image in GenHash
        from reason in GenName
        select absent ? new ReportSignature("", at, null, true, reason) : new ReportSignature(name, at, image, false, null);

    private static readonly Gen<ReportDocument> GenDocument =
        from ids in Gen.Guid.Array[4]
        from technicianClass in Gen.OneOf<string?>("technician", "senior", null)
        from day in Gen.Int[0, 400]
        from time in GenTimeEntry.Array[0, 4]
        from distance in Gen.Frequency((1, Gen.Const((decimal?)null)), (3, GenAmount.Select(a => (decimal?)a)))
        from materials in GenMaterial.Array[0, 4]
        from workDone in GenText
        from remarks in GenText
        from answers in Gen.Select(GenText, GenText).Array[0, 3]
        from photos in GenPhoto.Array[0, 3]
        from flags in Gen.Int[0, 7]
        from signature in GenSignature
        select new ReportDocument(
            ReportDocument.CurrentVersion,
            ids[0],
            ids[1],
            ids[2],
            technicianClass,
            DateOnly.FromDateTime(Epoch.UtcDateTime).AddDays(day),
            time,
            distance,
            materials,
            workDone,
            remarks,
            [.. answers.Select((a, i) => new ChecklistAnswer($"q{i}", a.Item1, a.Item2))],
            photos,
            (flags & 1) != 0,
            (flags & 2) != 0 ? ids[3] : null,
            (flags & 4) != 0 && !signature.CustomerAbsent,
            signature);

    /// <summary>Random values a mutation draws its new value from; each is made to differ from the old one.</summary>
    private sealed record Draw(int Pick, int Sub, string Text, decimal Amount, int Seconds, Guid Id, int Delta, ReportTimeEntry Entry, ReportMaterial Material, ReportPhoto Photo);

    private static readonly Gen<Draw> GenDraw =
        from pick in Gen.Int[0, int.MaxValue]
        from sub in Gen.Int[0, int.MaxValue]
        from text in GenText
        from amount in GenAmount
        from seconds in Gen.Int[1, 86_400 * 30]
        from sign in Gen.Bool
        from id in Gen.Guid
        from delta in Gen.Int[1, 1000]
        from entry in GenTimeEntry
        from material in GenMaterial
        from photo in GenPhoto
        select new Draw(pick, sub, text, amount, sign ? seconds : -seconds, id, delta, entry, material, photo);

    [Fact]
    public void Random_reports_are_well_formed() =>
        GenDocument.Select(GenWork).Sample((d, work) => Assert.Empty(ReportRules.Check(d with { Time = [.. d.Time, work] })), iter: Iterations);

    [Fact]
    public void Any_single_field_change_of_a_random_report_changes_its_hash() =>
        Gen.Select(GenDocument, GenDraw).Sample(
            (document, draw) =>
            {
                var (what, tampered) = Mutate(document, draw);

                Assert.False(ReportHash.Verify(tampered, ReportHash.Compute(document)), what);
            },
            iter: Iterations * 3);

    [Fact]
    public void Offsets_decimal_scale_unicode_form_and_json_round_trips_leave_the_hash_alone() =>
        Gen.Select(GenDocument, Gen.Int[0, Offsets.Length - 1]).Sample(
            (document, offset) =>
            {
                var zone = Offsets[offset];
                var same = document with
                {
                    Time = [.. document.Time.Select(t => t with { Start = t.Start.ToOffset(zone), End = t.End.ToOffset(zone), Note = t.Note?.Normalize(NormalizationForm.FormD) })],
                    DistanceKm = document.DistanceKm * 1.000m,
                    Materials = [.. document.Materials.Select(m => m with { Quantity = m.Quantity * 1.00m, PriceOverride = m.PriceOverride * 1.0m, Description = m.Description.Normalize(NormalizationForm.FormD) })],
                    WorkDone = document.WorkDone.Normalize(NormalizationForm.FormD),
                    Checklist = [.. document.Checklist.Select(a => a with { Answer = a.Answer.Normalize(NormalizationForm.FormC) })],
                    Signature = document.Signature with { SignedAt = document.Signature.SignedAt.ToOffset(zone) },
                };
                var json = JsonSerializer.Serialize(same, JsonSerializerOptions.Web);
                var received = JsonSerializer.Deserialize<ReportDocument>(json, JsonSerializerOptions.Web)!;

                var canonical = JsonSerializer.Deserialize<ReportDocument>(CanonicalReport.ToUtf8Bytes(same), StringEnums)!;

                Assert.Equal(ReportHash.Compute(document), ReportHash.Compute(received));
                Assert.Equal(ReportHash.Compute(document), ReportHash.Compute(canonical));
            },
            iter: Iterations);

    /// <summary>One change to one field (or one list), to a value that differs in meaning from the old one.</summary>
    private static (string What, ReportDocument Tampered) Mutate(ReportDocument d, Draw r)
    {
        var options = new List<(string What, Func<ReportDocument> Apply)>
        {
            ("protocolVersion", () => d with { ProtocolVersion = d.ProtocolVersion + r.Delta }),
            ("reportId", () => d with { ReportId = Other(d.ReportId, r.Id) }),
            ("workOrderId", () => d with { WorkOrderId = Other(d.WorkOrderId, r.Id) }),
            ("technicianId", () => d with { TechnicianId = Other(d.TechnicianId, r.Id) }),
            ("technicianClass", () => d with { TechnicianClass = OtherOptional(d.TechnicianClass, r) }),
            ("visitDate", () => d with { VisitDate = d.VisitDate.AddDays(r.Delta) }),
            ("distanceKm", () => d with { DistanceKm = OtherOptional(d.DistanceKm, r) }),
            ("workDone", () => d with { WorkDone = Other(d.WorkDone, r.Text) }),
            ("remarks", () => d with { Remarks = Other(d.Remarks, r.Text) }),
            ("warrantyRepair", () => d with { WarrantyRepair = !d.WarrantyRepair }),
            ("assetId", () => d with { AssetId = d.AssetId is { } asset && r.Sub % 2 == 0 ? null : Other(d.AssetId ?? Guid.Empty, r.Id) }),
            ("sixPercentStatementConfirmed", () => d with { SixPercentStatementConfirmed = !d.SixPercentStatementConfirmed }),
            ("signature.signerName", () => d with { Signature = d.Signature with { SignerName = Other(d.Signature.SignerName, r.Text) } }),
            ("signature.signedAt", () => d with { Signature = d.Signature with { SignedAt = d.Signature.SignedAt.AddSeconds(r.Seconds) } }),
            ("signature.imageSha256", () => d with { Signature = d.Signature with { ImageSha256 = d.Signature.ImageSha256 is null ? r.Photo.Sha256 : Other(d.Signature.ImageSha256, r.Photo.Sha256) } }),
            ("signature.customerAbsent", () => d with { Signature = d.Signature with { CustomerAbsent = !d.Signature.CustomerAbsent } }),
            ("signature.absenceReason", () => d with { Signature = d.Signature with { AbsenceReason = OtherOptional(d.Signature.AbsenceReason, r) } }),
            ("time: added", () => d with { Time = Insert(d.Time, r.Sub, r.Entry) }),
            ("materials: added", () => d with { Materials = Insert(d.Materials, r.Sub, r.Material) }),
            ("checklist: added", () => d with { Checklist = Insert(d.Checklist, r.Sub, new ChecklistAnswer("new", r.Text, r.Text)) }),
            ("photos: added", () => d with { Photos = Insert(d.Photos, r.Sub, r.Photo) }),
        };

        for (var i = 0; i < d.Time.Count; i++)
        {
            var at = i;
            var e = d.Time[i];
            ReportDocument Entry(ReportTimeEntry changed) => d with { Time = Replace(d.Time, at, changed) };
            options.Add(($"time[{i}].id", () => Entry(e with { Id = Other(e.Id, r.Id) })));
            options.Add(($"time[{i}].start", () => Entry(e with { Start = e.Start.AddSeconds(r.Seconds) })));
            options.Add(($"time[{i}].end", () => Entry(e with { End = e.End.AddSeconds(r.Seconds) })));
            options.Add(($"time[{i}].kind", () => Entry(e with { Kind = e.Kind == TimeEntryKind.Work ? TimeEntryKind.Travel : TimeEntryKind.Work })));
            options.Add(($"time[{i}].isExtra", () => Entry(e with { IsExtra = !e.IsExtra })));
            options.Add(($"time[{i}].note", () => Entry(e with { Note = OtherOptional(e.Note, r) })));
            options.Add(($"time[{i}] removed", () => d with { Time = Remove(d.Time, at) }));
            options.Add(($"time[{i}] moved", () => d with { Time = Move(d.Time, at, r.Sub) }));
        }

        for (var i = 0; i < d.Materials.Count; i++)
        {
            var at = i;
            var m = d.Materials[i];
            ReportDocument Material(ReportMaterial changed) => d with { Materials = Replace(d.Materials, at, changed) };
            options.Add(($"materials[{i}].id", () => Material(m with { Id = Other(m.Id, r.Id) })));
            options.Add(($"materials[{i}].articleCode", () => Material(m with { ArticleCode = OtherOptional(m.ArticleCode, r) })));
            options.Add(($"materials[{i}].description", () => Material(m with { Description = Other(m.Description, r.Text) })));
            options.Add(($"materials[{i}].quantity", () => Material(m with { Quantity = Other(m.Quantity, r.Amount) })));
            options.Add(($"materials[{i}].unitCode", () => Material(m with { UnitCode = Other(m.UnitCode, r.Text) })));
            options.Add(($"materials[{i}].isExtra", () => Material(m with { IsExtra = !m.IsExtra })));
            options.Add(($"materials[{i}].priceOverride", () => Material(m with { PriceOverride = OtherOptional(m.PriceOverride, r) })));
            options.Add(($"materials[{i}].isFreeText", () => Material(m with { IsFreeText = !m.IsFreeText })));
            options.Add(($"materials[{i}] removed", () => d with { Materials = Remove(d.Materials, at) }));
            options.Add(($"materials[{i}] moved", () => d with { Materials = Move(d.Materials, at, r.Sub) }));
        }

        for (var i = 0; i < d.Checklist.Count; i++)
        {
            var at = i;
            var a = d.Checklist[i];
            ReportDocument Answer(ChecklistAnswer changed) => d with { Checklist = Replace(d.Checklist, at, changed) };
            options.Add(($"checklist[{i}].key", () => Answer(a with { Key = Other(a.Key, r.Text) })));
            options.Add(($"checklist[{i}].question", () => Answer(a with { Question = Other(a.Question, r.Text) })));
            options.Add(($"checklist[{i}].answer", () => Answer(a with { Answer = Other(a.Answer, r.Text) })));
            options.Add(($"checklist[{i}] removed", () => d with { Checklist = Remove(d.Checklist, at) }));
            options.Add(($"checklist[{i}] moved", () => d with { Checklist = Move(d.Checklist, at, r.Sub) }));
        }

        for (var i = 0; i < d.Photos.Count; i++)
        {
            var at = i;
            var p = d.Photos[i];
            ReportDocument Photo(ReportPhoto changed) => d with { Photos = Replace(d.Photos, at, changed) };
            options.Add(($"photos[{i}].sha256", () => Photo(p with { Sha256 = Other(p.Sha256, r.Photo.Sha256) })));
            options.Add(($"photos[{i}].caption", () => Photo(p with { Caption = Other(p.Caption, r.Text) })));
            options.Add(($"photos[{i}].width", () => Photo(p with { Width = p.Width + r.Delta })));
            options.Add(($"photos[{i}].height", () => Photo(p with { Height = p.Height - r.Delta })));
            options.Add(($"photos[{i}].length", () => Photo(p with { Length = p.Length + r.Delta })));
            options.Add(($"photos[{i}] removed", () => d with { Photos = Remove(d.Photos, at) }));
            options.Add(($"photos[{i}] moved", () => d with { Photos = Move(d.Photos, at, r.Sub) }));
        }

        var (what, apply) = options[r.Pick % options.Count];
        return (what, apply());
    }

    private static Guid Other(Guid old, Guid drawn) => drawn != old ? drawn : TamperTests.Flip(old);

    /// <summary>A text that differs from <paramref name="old"/> after NFC normalisation, as the canonical form compares them.</summary>
    private static string Other(string old, string drawn) =>
        string.Equals(drawn.Normalize(NormalizationForm.FormC), old.Normalize(NormalizationForm.FormC), StringComparison.Ordinal) ? drawn + "x" : drawn;

    private static decimal Other(decimal old, decimal drawn) => drawn != old ? drawn : drawn + 1m;

    private static string? OtherOptional(string? old, Draw r) => old is not null && r.Sub % 3 == 0 ? null : Other(old ?? "\u0000null", r.Text);

    private static decimal? OtherOptional(decimal? old, Draw r) => old is { } value ? (r.Sub % 3 == 0 ? null : Other(value, r.Amount)) : r.Amount;

    /// <summary>Swaps with another element: elements always differ (unique ids, keys and hashes), so the order changes.</summary>
    private static IReadOnlyList<T> Move<T>(IReadOnlyList<T> list, int from, int pick)
    {
        if (list.Count < 2)
        {
            return Remove(list, from); // nowhere to move to: dropping it is the one-element change
        }

        var to = (from + 1 + (pick % (list.Count - 1))) % list.Count;
        var copy = list.ToList();
        (copy[from], copy[to]) = (copy[to], copy[from]);
        return copy;
    }

    private static IReadOnlyList<T> Insert<T>(IReadOnlyList<T> list, int pick, T item)
    {
        var copy = list.ToList();
        copy.Insert(pick % (list.Count + 1), item);
        return copy;
    }

    private static IReadOnlyList<T> Remove<T>(IReadOnlyList<T> list, int index) => [.. list.Where((_, i) => i != index)];

    private static IReadOnlyList<T> Replace<T>(IReadOnlyList<T> list, int index, T item)
    {
        var copy = list.ToList();
        copy[index] = item;
        return copy;
    }
}
