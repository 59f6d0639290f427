using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;
using static Werkbon.Core.Tests.Reports.Samples;

namespace Werkbon.Core.Tests.Reports;

/// <summary>The canonical form and its hash: pinned by a golden report, the same whatever the runtime does.</summary>
public class CanonicalFormTests
{
    /// <summary>
    /// Pins the format across versions: if this test fails, signed reports stop verifying. Broken into
    /// lines for reading; the canonical form itself has no line breaks (the "\n" below is an escape).
    /// </summary>
    private static readonly string GoldenCanonical = string.Concat(
        """
        {"protocolVersion":1,
        "reportId":"019c6a3e-5b10-7d2a-9c41-3f8e2a6b7c01",
        "workOrderId":"019c5f12-0a44-7e3b-8d21-6b9f0c3d4e02",
        "technicianId":"0195e2b7-4c8d-7a10-b3f2-9e1d5c7a8b03",
        "technicianClass":"technician",
        "visitDate":"2026-02-17",
        "time":[
        {"id":"019c6a3e-5b11-7000-8000-000000000011","start":"2026-02-17T06:42:10Z","end":"2026-02-17T07:09:55Z","kind":"Travel","isExtra":false,"note":null},
        {"id":"019c6a3e-5b12-7000-8000-000000000012","start":"2026-02-17T07:09:55Z","end":"2026-02-17T09:21:30Z","kind":"Work","isExtra":false,"note":"Radiator badkamer: kraan vervangen, installatie ontlucht"}],
        "distanceKm":23.5,
        "materials":[
        {"id":"019c6a3e-5b13-7000-8000-000000000013","articleCode":"VALVE-RAD","description":"Radiatorkraan","quantity":2,"unitCode":"C62","isExtra":false,"priceOverride":null,"isFreeText":false},
        {"id":"019c6a3e-5b14-7000-8000-000000000014","articleCode":null,"description":"Thermostatische kop Danfoss RA 2000","quantity":1,"unitCode":"C62","isExtra":false,"priceOverride":28.5,"isFreeText":true},
        {"id":"019c6a3e-5b15-7000-8000-000000000015","articleCode":"PIPE-CU","description":"Koperen buis 15 mm","quantity":1.5,"unitCode":"MTR","isExtra":true,"priceOverride":null,"isFreeText":false}],
        "workDone":"Radiatorkraan in de badkamer vervangen; cliënt vroeg ter plaatse om de leiding naar de handdoekdroger te verlengen.",
        "remarks":"Klant vraagt \"offerte\" voor een nieuwe ketel.\nToegang via de garage (code 4711).",
        "checklist":[
        {"key":"pressure-ok","question":"Druk na ontluchten ≥ 1,5 bar?","answer":"Ja, 1,8 bar"}],
        "photos":[
        {"sha256":"7a19b1496bb2fbd1717e0ff1b90168afb6cb20384c30a7f10541becfbcc15006","caption":"Oude kraan, lekt aan de wartel","width":1600,"height":1200,"length":284513},
        {"sha256":"de897f1066de2a6fc07243e5c6c0c2f0255e99a52299bcf8ff62d521588da2fd","caption":"Nieuwe kraan en verlengde leiding","width":1200,"height":1600,"length":301877}],
        "warrantyRepair":false,
        "assetId":"0194aa10-2b3c-7d4e-8f50-617283940516",
        "sixPercentStatementConfirmed":true,
        "signature":{"signerName":"Anaïs Peeters","signedAt":"2026-02-17T09:24:37Z","imageSha256":"712e48918428287e0a8a21e37371086c50981a9bb5d54d10cc2c0178b21691df","customerAbsent":false,"absenceReason":null}}
        """.Split('\n'));

    private const string GoldenHash = "743c900ac55e3250c211adf871a9e7949978416581927b083c2e9771b953cf1f";

    [Fact]
    public void The_golden_report_has_the_committed_canonical_form_and_hash()
    {
        var report = Golden();

        Assert.Equal(GoldenCanonical, CanonicalReport.ToText(report));
        Assert.Equal(GoldenHash, ReportHash.Compute(report));
        Assert.True(ReportHash.Verify(report, GoldenHash));
    }

    [Fact]
    public void The_documentation_shows_the_golden_canonical_form_and_hash()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "report-canonical-form.md"));

        Assert.Contains(GoldenCanonical, doc, StringComparison.Ordinal);
        Assert.Contains(GoldenHash, doc, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hash_survives_a_json_round_trip_of_the_document()
    {
        var json = JsonSerializer.Serialize(Golden(), JsonSerializerOptions.Web);
        var received = JsonSerializer.Deserialize<ReportDocument>(json, JsonSerializerOptions.Web)!;

        Assert.Equal(GoldenHash, ReportHash.Compute(received));
    }

    [Fact]
    public void The_canonical_form_read_back_as_a_document_has_the_same_hash()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

        var readBack = JsonSerializer.Deserialize<ReportDocument>(CanonicalReport.ToUtf8Bytes(Golden()), options)!;

        Assert.Equal(GoldenCanonical, CanonicalReport.ToText(readBack));
        Assert.Equal(GoldenHash, ReportHash.Compute(readBack));
    }

    [Theory]
    [InlineData("fr-BE")]
    [InlineData("nl-BE")]
    [InlineData("")]
    [InlineData("th-TH")] // Buddhist calendar: year 2569
    [InlineData("ar-SA")]
    public void The_hash_does_not_depend_on_the_current_culture(string culture)
    {
        var (current, currentUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

            Assert.Equal(GoldenHash, ReportHash.Compute(Golden()));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (current, currentUi);
        }
    }

    [Fact]
    public void The_hash_does_not_depend_on_the_scale_of_a_decimal()
    {
        var golden = Golden();
        var rescaled = golden with
        {
            DistanceKm = 23.500m,
            Materials =
            [
                golden.Materials[0] with { Quantity = 2.00m },
                golden.Materials[1] with { Quantity = 1m, PriceOverride = 28.5000m },
                golden.Materials[2] with { Quantity = 1.5m },
            ],
        };

        Assert.Equal(GoldenHash, ReportHash.Compute(rescaled));
    }

    [Fact]
    public void The_hash_does_not_depend_on_the_offset_an_instant_was_recorded_with()
    {
        var golden = Golden();
        var utc = golden with
        {
            Time = [.. golden.Time.Select(t => t with { Start = t.Start.ToUniversalTime(), End = t.End.ToOffset(TimeSpan.FromHours(5.5)) })],
            Signature = golden.Signature with { SignedAt = golden.Signature.SignedAt.ToUniversalTime() },
        };

        Assert.Equal(GoldenHash, ReportHash.Compute(utc));
    }

    [Fact]
    public void The_hash_does_not_depend_on_the_unicode_normalisation_form_of_a_text()
    {
        var golden = Golden();
        var decomposed = golden with
        {
            WorkDone = golden.WorkDone.Normalize(NormalizationForm.FormD),
            Signature = golden.Signature with { SignerName = "Ana\u0069\u0308s Peeters" },
        };

        Assert.NotEqual(golden.Signature.SignerName, decomposed.Signature.SignerName);
        Assert.Equal(GoldenHash, ReportHash.Compute(decomposed));
    }

    [Theory]
    [InlineData("1.50", "1.5")]
    [InlineData("2.0", "2")]
    [InlineData("2", "2")]
    [InlineData("100", "100")]
    [InlineData("0.000", "0")]
    [InlineData("-0.0", "0")]
    [InlineData("-12.340", "-12.34")]
    [InlineData("0.0000000000000000000000000001", "0.0000000000000000000000000001")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    public void Decimals_are_written_as_plain_numbers_without_trailing_zeros(string value, string written) =>
        Assert.Equal(written, CanonicalReport.Number(decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture)));

    [Fact]
    public void Instants_are_written_in_utc_to_the_second()
    {
        var summer = new DateTimeOffset(2026, 7, 1, 0, 30, 5, TimeSpan.FromHours(2));

        Assert.Equal("2026-06-30T22:30:05Z", CanonicalReport.Instant(summer));
        Assert.Equal("0001-01-01T00:00:00Z", CanonicalReport.Instant(DateTimeOffset.MinValue));
    }

    [Fact]
    public void Strings_escape_only_the_quote_the_backslash_and_control_characters()
    {
        var text = "<a href='x'>&+/</a> \u007f \u2028 😀 \"q\" \\ \b\f\n\r\t\u0000\u001f";
        var report = Golden() with { Remarks = text };

        var canonical = CanonicalReport.ToText(report);

        Assert.Contains("\"remarks\":\"<a href='x'>&+/</a> \u007f \u2028 😀 \\\"q\\\" \\\\ \\b\\f\\n\\r\\t\\u0000\\u001f\",", canonical, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_property_is_present_in_declaration_order_even_when_null()
    {
        var golden = Golden();
        var sparse = golden with
        {
            TechnicianClass = null,
            DistanceKm = null,
            AssetId = null,
            Signature = golden.Signature with { ImageSha256 = null, CustomerAbsent = true, AbsenceReason = "Niemand thuis" },
        };

        using var json = JsonDocument.Parse(CanonicalReport.ToUtf8Bytes(sparse));

        Assert.Equal(
            ["protocolVersion", "reportId", "workOrderId", "technicianId", "technicianClass", "visitDate", "time", "distanceKm", "materials", "workDone", "remarks", "checklist", "photos", "warrantyRepair", "assetId", "sixPercentStatementConfirmed", "signature"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("technicianClass").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("distanceKm").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("assetId").ValueKind);
        Assert.Equal(
            ["signerName", "signedAt", "imageSha256", "customerAbsent", "absenceReason"],
            json.RootElement.GetProperty("signature").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["id", "start", "end", "kind", "isExtra", "note"], json.RootElement.GetProperty("time")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["id", "articleCode", "description", "quantity", "unitCode", "isExtra", "priceOverride", "isFreeText"],
            json.RootElement.GetProperty("materials")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["key", "question", "answer"], json.RootElement.GetProperty("checklist")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["sha256", "caption", "width", "height", "length"], json.RootElement.GetProperty("photos")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_time_entry_kind_without_a_name_is_written_as_its_number()
    {
        var golden = Golden();
        var odd = golden with { Time = [golden.Time[0] with { Kind = (TimeEntryKind)7 }] };

        Assert.Contains("\"kind\":7,", CanonicalReport.ToText(odd), StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_accepts_only_the_exact_lowercase_hash()
    {
        var report = Golden();

        Assert.True(ReportHash.Verify(report, GoldenHash));
        Assert.False(ReportHash.Verify(report, GoldenHash.ToUpperInvariant()));
        Assert.False(ReportHash.Verify(report, GoldenHash[..^1] + "0"));
        Assert.False(ReportHash.Verify(report, GoldenHash[..^1]));
        Assert.False(ReportHash.Verify(report, ""));
        Assert.False(ReportHash.Verify(report, null));
    }

    [Fact]
    public void A_document_with_a_lone_surrogate_has_no_canonical_form_and_never_verifies()
    {
        var broken = Golden() with { Remarks = "half an emoji \ud83d" };

        Assert.Throws<ArgumentException>(() => CanonicalReport.ToUtf8Bytes(broken));
        Assert.False(ReportHash.TryCompute(broken, out _));
        Assert.False(ReportHash.Verify(broken, GoldenHash));
    }

    [Fact]
    public void A_photo_is_named_by_the_lowercase_hex_sha256_of_its_bytes()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", PhotoHash.Compute("abc"u8));
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", PhotoHash.Compute([]));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Werkbon.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Werkbon.slnx not found above " + AppContext.BaseDirectory);
    }
}
