using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Werkbon.Core.Pricing;

namespace Werkbon.Core.Reports;

/// <summary>
/// The canonical byte form of a <see cref="ReportDocument"/> (docs/report-canonical-form.md): compact
/// UTF-8 JSON written by hand, so the bytes depend only on the document, never on the .NET version,
/// the culture or a serializer's defaults. Properties in declaration order, always present; strings
/// NFC-normalised with minimal escaping; instants in UTC to the second; decimals without trailing zeros.
/// </summary>
public static class CanonicalReport
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = false };

    // In globalization-invariant mode .NET leaves non-ASCII text as it is instead of normalising it,
    // which would seal NFD text differently here than on a server with ICU: refuse loudly instead.
    private static readonly bool CanNormalize = "e\u0301".Normalize(NormalizationForm.FormC) == "\u00e9";

    /// <summary>The canonical bytes. Throws <see cref="ArgumentException"/> for text that is not well-formed UTF-16 (a lone surrogate).</summary>
    public static byte[] ToUtf8Bytes(ReportDocument document) =>
        TryToUtf8Bytes(document, out var bytes)
            ? bytes
            : throw new ArgumentException("The report holds text that is not well-formed Unicode (a lone surrogate); it has no canonical form.", nameof(document));

    /// <summary>The canonical form as text, for logs of tests and for the documentation.</summary>
    public static string ToText(ReportDocument document) => Encoding.UTF8.GetString(ToUtf8Bytes(document));

    /// <summary>False when a string of the document is not well-formed UTF-16: such a document cannot have been signed.</summary>
    public static bool TryToUtf8Bytes(ReportDocument document, [NotNullWhen(true)] out byte[]? bytes)
    {
        ArgumentNullException.ThrowIfNull(document);
        var buffer = new ArrayBufferWriter<byte>(2048);
        using var json = new Utf8JsonWriter(buffer, WriterOptions);
        var writer = new Writer(json);
        writer.Document(document);
        bytes = writer.WellFormed ? buffer.WrittenSpan.ToArray() : null;
        return bytes is not null;
    }

    /// <summary>
    /// A decimal as a JSON number: invariant digits, no exponent, no trailing fractional zeros, no
    /// point when nothing follows it, and zero without a sign ("1.50" → 1.5, "2.0" → 2, "-0.0" → 0).
    /// </summary>
    public static string Number(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        if (text.Contains('.', StringComparison.Ordinal))
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        return text == "-0" ? "0" : text;
    }

    /// <summary>An instant as written in the canonical form: UTC, to the second (anything finer is dropped; the rules refuse it).</summary>
    public static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    private static string KindName(TimeEntryKind kind) => kind switch
    {
        TimeEntryKind.Work => "Work",
        TimeEntryKind.Travel => "Travel",
        _ => "",
    };

    internal static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes one document; remembers instead of throwing when a string is ill-formed, so the caller decides.</summary>
    private sealed class Writer(Utf8JsonWriter json)
    {
        private static readonly JsonEncodedText ProtocolVersion = JsonEncodedText.Encode("protocolVersion");
        private static readonly JsonEncodedText ReportId = JsonEncodedText.Encode("reportId");
        private static readonly JsonEncodedText WorkOrderId = JsonEncodedText.Encode("workOrderId");
        private static readonly JsonEncodedText TechnicianId = JsonEncodedText.Encode("technicianId");
        private static readonly JsonEncodedText TechnicianClass = JsonEncodedText.Encode("technicianClass");
        private static readonly JsonEncodedText VisitDate = JsonEncodedText.Encode("visitDate");
        private static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
        private static readonly JsonEncodedText DistanceKm = JsonEncodedText.Encode("distanceKm");
        private static readonly JsonEncodedText Materials = JsonEncodedText.Encode("materials");
        private static readonly JsonEncodedText WorkDone = JsonEncodedText.Encode("workDone");
        private static readonly JsonEncodedText Remarks = JsonEncodedText.Encode("remarks");
        private static readonly JsonEncodedText Checklist = JsonEncodedText.Encode("checklist");
        private static readonly JsonEncodedText Photos = JsonEncodedText.Encode("photos");
        private static readonly JsonEncodedText WarrantyRepair = JsonEncodedText.Encode("warrantyRepair");
        private static readonly JsonEncodedText AssetId = JsonEncodedText.Encode("assetId");
        private static readonly JsonEncodedText SixPercentStatementConfirmed = JsonEncodedText.Encode("sixPercentStatementConfirmed");
        private static readonly JsonEncodedText Signature = JsonEncodedText.Encode("signature");
        private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        private static readonly JsonEncodedText Start = JsonEncodedText.Encode("start");
        private static readonly JsonEncodedText End = JsonEncodedText.Encode("end");
        private static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
        private static readonly JsonEncodedText IsExtra = JsonEncodedText.Encode("isExtra");
        private static readonly JsonEncodedText Note = JsonEncodedText.Encode("note");
        private static readonly JsonEncodedText ArticleCode = JsonEncodedText.Encode("articleCode");
        private static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
        private static readonly JsonEncodedText Quantity = JsonEncodedText.Encode("quantity");
        private static readonly JsonEncodedText UnitCode = JsonEncodedText.Encode("unitCode");
        private static readonly JsonEncodedText PriceOverride = JsonEncodedText.Encode("priceOverride");
        private static readonly JsonEncodedText IsFreeText = JsonEncodedText.Encode("isFreeText");
        private static readonly JsonEncodedText Key = JsonEncodedText.Encode("key");
        private static readonly JsonEncodedText Question = JsonEncodedText.Encode("question");
        private static readonly JsonEncodedText Answer = JsonEncodedText.Encode("answer");
        private static readonly JsonEncodedText Sha256 = JsonEncodedText.Encode("sha256");
        private static readonly JsonEncodedText Caption = JsonEncodedText.Encode("caption");
        private static readonly JsonEncodedText Width = JsonEncodedText.Encode("width");
        private static readonly JsonEncodedText Height = JsonEncodedText.Encode("height");
        private static readonly JsonEncodedText Length = JsonEncodedText.Encode("length");
        private static readonly JsonEncodedText SignerName = JsonEncodedText.Encode("signerName");
        private static readonly JsonEncodedText SignedAt = JsonEncodedText.Encode("signedAt");
        private static readonly JsonEncodedText ImageSha256 = JsonEncodedText.Encode("imageSha256");
        private static readonly JsonEncodedText CustomerAbsent = JsonEncodedText.Encode("customerAbsent");
        private static readonly JsonEncodedText AbsenceReason = JsonEncodedText.Encode("absenceReason");

        private readonly StringBuilder token = new();

        public bool WellFormed { get; private set; } = true;

        public void Document(ReportDocument d)
        {
            json.WriteStartObject();
            json.WriteNumber(ProtocolVersion, d.ProtocolVersion);
            GuidValue(ReportId, d.ReportId);
            GuidValue(WorkOrderId, d.WorkOrderId);
            GuidValue(TechnicianId, d.TechnicianId);
            StringValue(TechnicianClass, d.TechnicianClass);
            json.WriteString(VisitDate, d.VisitDate.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture));
            List(Time, d.Time, TimeEntry);
            DecimalValue(DistanceKm, d.DistanceKm);
            List(Materials, d.Materials, Material);
            StringValue(WorkDone, d.WorkDone);
            StringValue(Remarks, d.Remarks);
            List(Checklist, d.Checklist, ChecklistAnswer);
            List(Photos, d.Photos, Photo);
            json.WriteBoolean(WarrantyRepair, d.WarrantyRepair);
            GuidValue(AssetId, d.AssetId);
            json.WriteBoolean(SixPercentStatementConfirmed, d.SixPercentStatementConfirmed);
            json.WritePropertyName(Signature);
            if (d.Signature is { } s)
            {
                json.WriteStartObject();
                StringValue(SignerName, s.SignerName);
                InstantValue(SignedAt, s.SignedAt);
                StringValue(ImageSha256, s.ImageSha256);
                json.WriteBoolean(CustomerAbsent, s.CustomerAbsent);
                StringValue(AbsenceReason, s.AbsenceReason);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNullValue();
            }

            json.WriteEndObject();
            json.Flush();
        }

        private void TimeEntry(ReportTimeEntry t)
        {
            GuidValue(Id, t.Id);
            InstantValue(Start, t.Start);
            InstantValue(End, t.End);
            json.WritePropertyName(Kind);
            if (KindName(t.Kind) is { Length: > 0 } name)
            {
                json.WriteStringValue(name);
            }
            else
            {
                json.WriteNumberValue((int)t.Kind); // no name: the rules refuse it, the hash still tells it apart
            }

            json.WriteBoolean(IsExtra, t.IsExtra);
            StringValue(Note, t.Note);
        }

        private void Material(ReportMaterial m)
        {
            GuidValue(Id, m.Id);
            StringValue(ArticleCode, m.ArticleCode);
            StringValue(Description, m.Description);
            DecimalValue(Quantity, m.Quantity);
            StringValue(UnitCode, m.UnitCode);
            json.WriteBoolean(IsExtra, m.IsExtra);
            DecimalValue(PriceOverride, m.PriceOverride);
            json.WriteBoolean(IsFreeText, m.IsFreeText);
        }

        private void ChecklistAnswer(ChecklistAnswer a)
        {
            StringValue(Key, a.Key);
            StringValue(Question, a.Question);
            StringValue(Answer, a.Answer);
        }

        private void Photo(ReportPhoto p)
        {
            StringValue(Sha256, p.Sha256);
            StringValue(Caption, p.Caption);
            json.WriteNumber(Width, p.Width);
            json.WriteNumber(Height, p.Height);
            json.WriteNumber(Length, p.Length);
        }

        private void List<T>(JsonEncodedText name, IReadOnlyList<T>? items, Action<T> writeFields)
            where T : class
        {
            json.WritePropertyName(name);
            if (items is null)
            {
                json.WriteNullValue();
                return;
            }

            json.WriteStartArray();
            foreach (var item in items)
            {
                if (item is null)
                {
                    json.WriteNullValue();
                    continue;
                }

                json.WriteStartObject();
                writeFields(item);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        private void GuidValue(JsonEncodedText name, Guid? value)
        {
            json.WritePropertyName(name);
            if (value is { } id)
            {
                json.WriteStringValue(id.ToString("D", CultureInfo.InvariantCulture));
            }
            else
            {
                json.WriteNullValue();
            }
        }

        private void InstantValue(JsonEncodedText name, DateTimeOffset value) => json.WriteString(name, Instant(value));

        private void DecimalValue(JsonEncodedText name, decimal? value)
        {
            json.WritePropertyName(name);
            if (value is { } number)
            {
                json.WriteRawValue(Number(number), skipInputValidation: true);
            }
            else
            {
                json.WriteNullValue();
            }
        }

        /// <summary>
        /// A string in NFC, escaped as RFC 8785 (and JavaScript's JSON.stringify) do: only the quote, the
        /// backslash and U+0000–U+001F; everything else as its own UTF-8 bytes, whatever an encoder would do.
        /// </summary>
        private void StringValue(JsonEncodedText name, string? value)
        {
            json.WritePropertyName(name);
            if (value is null)
            {
                json.WriteNullValue();
                return;
            }

            if (!IsWellFormed(value))
            {
                WellFormed = false;
                json.WriteNullValue();
                return;
            }

            var text = value;
            if (!Ascii.IsValid(value))
            {
                if (!CanNormalize)
                {
                    throw new InvalidOperationException(
                        "Unicode normalisation is unavailable (InvariantGlobalization): a report's canonical form cannot be written. Do not build an app that seals reports in globalization-invariant mode.");
                }

                text = value.IsNormalized(NormalizationForm.FormC) ? value : value.Normalize(NormalizationForm.FormC);
            }

            token.Clear().Append('"');
            foreach (var c in text)
            {
                switch (c)
                {
                    case '"':
                        token.Append("\\\"");
                        break;
                    case '\\':
                        token.Append("\\\\");
                        break;
                    case '\b':
                        token.Append("\\b");
                        break;
                    case '\f':
                        token.Append("\\f");
                        break;
                    case '\n':
                        token.Append("\\n");
                        break;
                    case '\r':
                        token.Append("\\r");
                        break;
                    case '\t':
                        token.Append("\\t");
                        break;
                    case < ' ':
                        token.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                        break;
                    default:
                        token.Append(c);
                        break;
                }
            }

            token.Append('"');
            json.WriteRawValue(token.ToString(), skipInputValidation: false);
        }
    }
}
