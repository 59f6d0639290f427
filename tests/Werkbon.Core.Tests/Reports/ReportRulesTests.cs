using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;
using static Werkbon.Core.Tests.Reports.Samples;

namespace Werkbon.Core.Tests.Reports;

/// <summary>Each structural problem the server refuses a signed document for, one at a time.</summary>
public class ReportRulesTests
{
    private static readonly ReportDocument Valid = Golden();

    private static ReportProblem Single(ReportDocument document) => Assert.Single(ReportRules.Check(document));

    private static IReadOnlyList<T> With<T>(IReadOnlyList<T> list, int index, Func<T, T> change)
    {
        var copy = list.ToList();
        copy[index] = change(copy[index]);
        return copy;
    }

    [Fact]
    public void Accepts_a_valid_signed_report() => Assert.Empty(ReportRules.Check(Valid));

    [Fact]
    public void Accepts_a_report_the_customer_could_not_sign_when_the_technician_gives_a_reason()
    {
        var absent = Valid with
        {
            SixPercentStatementConfirmed = false,
            Signature = new("", Valid.Signature.SignedAt, null, CustomerAbsent: true, "Niemand thuis, sleutel bij de buren"),
        };

        Assert.Empty(ReportRules.Check(absent));
    }

    [Fact]
    public void Accepts_a_report_with_only_work_time_without_materials_checklist_photos_distance_or_asset()
    {
        var bare = Valid with { Time = [Valid.Time[1]], Materials = [], Checklist = [], Photos = [], DistanceKm = null, AssetId = null, TechnicianClass = null, WorkDone = "", Remarks = "" };

        Assert.Empty(ReportRules.Check(bare));
    }

    [Fact]
    public void Refuses_an_unknown_protocol_version_and_judges_nothing_else() =>
        Assert.Equal(
            new ReportProblem("protocolVersion", ReportProblemCodes.UnsupportedVersion),
            Single(Valid with { ProtocolVersion = 2, ReportId = Guid.Empty }));

    [Fact]
    public void Refuses_a_time_entry_that_ends_before_it_starts() =>
        Assert.Equal(
            new ReportProblem("time[0].end", ReportProblemCodes.EndBeforeStart),
            Single(Valid with { Time = With(Valid.Time, 0, t => t with { End = t.Start.AddSeconds(-1) }) }));

    [Fact]
    public void Accepts_a_time_entry_that_ends_when_it_starts() =>
        Assert.Empty(ReportRules.Check(Valid with { Time = With(Valid.Time, 0, t => t with { End = t.Start }) }));

    [Fact]
    public void Refuses_an_instant_finer_than_the_second() =>
        Assert.Equal(
            new ReportProblem("time[0].start", ReportProblemCodes.SubSecond),
            Single(Valid with { Time = With(Valid.Time, 0, t => t with { Start = t.Start.AddMilliseconds(250) }) }));

    [Fact]
    public void Refuses_a_signing_time_finer_than_the_second() =>
        Assert.Equal(
            new ReportProblem("signature.signedAt", ReportProblemCodes.SubSecond),
            Single(Valid with { Signature = Valid.Signature with { SignedAt = Valid.Signature.SignedAt.AddTicks(1) } }));

    [Fact]
    public void Refuses_a_time_entry_kind_without_a_name() =>
        Assert.Equal(
            new ReportProblem("time[0].kind", ReportProblemCodes.UnknownKind),
            Single(Valid with { Time = With(Valid.Time, 0, t => t with { Kind = (TimeEntryKind)7 }) }));

    [Fact]
    public void Refuses_a_negative_quantity() =>
        Assert.Equal(
            new ReportProblem("materials[0].quantity", ReportProblemCodes.Negative),
            Single(Valid with { Materials = With(Valid.Materials, 0, m => m with { Quantity = -1m }) }));

    [Fact]
    public void Refuses_a_negative_price_override() =>
        Assert.Equal(
            new ReportProblem("materials[1].priceOverride", ReportProblemCodes.Negative),
            Single(Valid with { Materials = With(Valid.Materials, 1, m => m with { PriceOverride = -0.01m }) }));

    [Fact]
    public void Refuses_a_negative_distance() =>
        Assert.Equal(new ReportProblem("distanceKm", ReportProblemCodes.Negative), Single(Valid with { DistanceKm = -5m }));

    [Fact]
    public void Refuses_a_catalog_material_without_an_article_code() =>
        Assert.Equal(
            new ReportProblem("materials[0].articleCode", ReportProblemCodes.Required),
            Single(Valid with { Materials = With(Valid.Materials, 0, m => m with { ArticleCode = " " }) }));

    [Fact]
    public void Refuses_a_free_text_material_without_a_description() =>
        Assert.Equal(
            new ReportProblem("materials[1].description", ReportProblemCodes.Required),
            Single(Valid with { Materials = With(Valid.Materials, 1, m => m with { Description = "  " }) }));

    [Fact]
    public void Refuses_a_material_without_a_unit() =>
        Assert.Equal(
            new ReportProblem("materials[2].unitCode", ReportProblemCodes.Required),
            Single(Valid with { Materials = With(Valid.Materials, 2, m => m with { UnitCode = "" }) }));

    [Fact]
    public void Refuses_two_time_entries_with_one_id() =>
        Assert.Equal(
            new ReportProblem("time[1].id", ReportProblemCodes.DuplicateId),
            Single(Valid with { Time = With(Valid.Time, 1, t => t with { Id = Valid.Time[0].Id }) }));

    [Fact]
    public void Refuses_a_material_with_the_id_of_a_time_entry() =>
        Assert.Equal(
            new ReportProblem("materials[0].id", ReportProblemCodes.DuplicateId),
            Single(Valid with { Materials = With(Valid.Materials, 0, m => m with { Id = Valid.Time[1].Id }) }));

    [Fact]
    public void Refuses_an_empty_id() =>
        Assert.Equal(new ReportProblem("reportId", ReportProblemCodes.Required), Single(Valid with { ReportId = Guid.Empty }));

    [Fact]
    public void Refuses_an_empty_asset_id() =>
        Assert.Equal(new ReportProblem("assetId", ReportProblemCodes.Required), Single(Valid with { AssetId = Guid.Empty }));

    [Fact]
    public void Refuses_a_report_without_a_visit_date() =>
        Assert.Equal(new ReportProblem("visitDate", ReportProblemCodes.Required), Single(Valid with { VisitDate = default }));

    [Fact]
    public void Refuses_a_signature_without_the_signers_name() =>
        Assert.Equal(
            new ReportProblem("signature.signerName", ReportProblemCodes.Required),
            Single(Valid with { Signature = Valid.Signature with { SignerName = " " } }));

    [Fact]
    public void Refuses_a_signature_without_its_image_while_the_customer_was_there() =>
        Assert.Equal(
            new ReportProblem("signature.imageSha256", ReportProblemCodes.Required),
            Single(Valid with { Signature = Valid.Signature with { ImageSha256 = null } }));

    [Fact]
    public void Refuses_an_absent_customer_without_a_reason() =>
        Assert.Equal(
            new ReportProblem("signature.absenceReason", ReportProblemCodes.Required),
            Single(Valid with { SixPercentStatementConfirmed = false, Signature = new("", Valid.Signature.SignedAt, null, CustomerAbsent: true, " ") }));

    [Fact]
    public void Refuses_an_absence_reason_when_the_customer_signed() =>
        Assert.Equal(
            new ReportProblem("signature.absenceReason", ReportProblemCodes.NotAllowed),
            Single(Valid with { Signature = Valid.Signature with { AbsenceReason = "Niemand thuis" } }));

    [Fact]
    public void Refuses_the_six_percent_statement_when_the_customer_was_absent() =>
        Assert.Equal(
            new ReportProblem("sixPercentStatementConfirmed", ReportProblemCodes.NotAllowed),
            Single(Valid with { Signature = new("", Valid.Signature.SignedAt, null, CustomerAbsent: true, "Niemand thuis") }));

    [Fact]
    public void Refuses_a_report_without_a_signature() =>
        Assert.Equal(new ReportProblem("signature", ReportProblemCodes.Required), Single(Valid with { Signature = null! }));

    [Theory]
    [InlineData("7A19B1496BB2FBD1717E0FF1B90168AFB6CB20384C30A7F10541BECFBCC15006")] // uppercase
    [InlineData("7a19b1496bb2fbd1717e0ff1b90168afb6cb20384c30a7f10541becfbcc1500")] // 63 characters
    [InlineData("7a19b1496bb2fbd1717e0ff1b90168afb6cb20384c30a7f10541becfbcc150066")] // 65 characters
    [InlineData("7a19b1496bb2fbd1717e0ff1b90168afb6cb20384c30a7f10541becfbcc1500g")]
    [InlineData("")]
    public void Refuses_a_photo_hash_that_is_not_64_lowercase_hex_characters(string hash) =>
        Assert.Equal(
            new ReportProblem("photos[0].sha256", ReportProblemCodes.InvalidHash),
            Single(Valid with { Photos = With(Valid.Photos, 0, p => p with { Sha256 = hash }) }));

    [Fact]
    public void Refuses_a_signature_image_hash_that_is_not_64_lowercase_hex_characters() =>
        Assert.Equal(
            new ReportProblem("signature.imageSha256", ReportProblemCodes.InvalidHash),
            Single(Valid with { Signature = Valid.Signature with { ImageSha256 = "signature.png" } }));

    [Fact]
    public void Refuses_one_photo_listed_twice() =>
        Assert.Equal(
            new ReportProblem("photos[1].sha256", ReportProblemCodes.DuplicateHash),
            Single(Valid with { Photos = With(Valid.Photos, 1, p => p with { Sha256 = Photo1Hash }) }));

    [Fact]
    public void Refuses_a_photo_without_pixels_or_bytes()
    {
        var empty = Valid with { Photos = With(Valid.Photos, 0, p => p with { Width = 0, Height = -1, Length = 0 }) };

        Assert.Equal(
            [
                new ReportProblem("photos[0].width", ReportProblemCodes.NotPositive),
                new ReportProblem("photos[0].height", ReportProblemCodes.NotPositive),
                new ReportProblem("photos[0].length", ReportProblemCodes.NotPositive),
            ],
            ReportRules.Check(empty));
    }

    [Fact]
    public void Refuses_one_checklist_question_answered_twice() =>
        Assert.Equal(
            new ReportProblem("checklist[1].key", ReportProblemCodes.DuplicateKey),
            Single(Valid with { Checklist = [Valid.Checklist[0], Valid.Checklist[0] with { Answer = "Nee" }] }));

    [Fact]
    public void Refuses_text_with_a_lone_surrogate() =>
        Assert.Equal(new ReportProblem("workDone", ReportProblemCodes.InvalidText), Single(Valid with { WorkDone = "kapot \ud83d" }));

    [Fact]
    public void Refuses_text_longer_than_the_limit() =>
        Assert.Equal(
            new ReportProblem("remarks", ReportProblemCodes.TooLong),
            Single(Valid with { Remarks = new string('x', ReportRules.MaxTextLength + 1) }));

    [Fact]
    public void Refuses_a_list_longer_than_the_limit()
    {
        var many = Enumerable.Range(0, ReportRules.MaxListLength + 1)
            .Select(i => new ChecklistAnswer($"q{i}", "Vraag?", "Ja"))
            .ToList();

        Assert.Equal(new ReportProblem("checklist", ReportProblemCodes.TooMany), Single(Valid with { Checklist = many }));
    }

    [Fact]
    public void Refuses_missing_lists_texts_and_elements_as_a_json_body_without_them_would_give()
    {
        var holes = Valid with
        {
            Time = [Valid.Time[1], null!],
            Materials = null!,
            WorkDone = null!,
            Photos = [Valid.Photos[0] with { Sha256 = null!, Caption = null! }],
        };

        Assert.Equal(
            [
                new ReportProblem("time[1]", ReportProblemCodes.Required),
                new ReportProblem("materials", ReportProblemCodes.Required),
                new ReportProblem("workDone", ReportProblemCodes.Required),
                new ReportProblem("photos[0].sha256", ReportProblemCodes.Required),
                new ReportProblem("photos[0].caption", ReportProblemCodes.Required),
            ],
            ReportRules.Check(holes));
    }

    public static TheoryData<string, ReportTimeEntry[]> WithoutWork => new()
    {
        { "no time at all", [] },
        { "travel only", [Valid.Time[0]] },
        { "work that ends when it starts", [Valid.Time[0], Valid.Time[1] with { End = Valid.Time[1].Start }] },
        { "work that ends before it starts", [Valid.Time[1] with { End = Valid.Time[1].Start.AddSeconds(-30) }] },
    };

    [Theory]
    [MemberData(nameof(WithoutWork))]
    public void Refuses_a_report_without_work_time(string situation, ReportTimeEntry[] time)
    {
        var problems = ReportRules.Check(Valid with { Time = time });

        Assert.True(problems.Contains(new ReportProblem("time", ReportProblemCodes.NoWorkTime)), situation);
        Assert.Equal(new ReportProblem("time", ReportProblemCodes.NoWorkTime), ReportRules.SigningBlock(time, timerRunning: false));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(59)]
    [InlineData(3600)]
    public void Seconds_of_work_are_enough_to_sign(int seconds)
    {
        var work = Valid.Time[1] with { End = Valid.Time[1].Start.AddSeconds(seconds) };

        Assert.Empty(ReportRules.Check(Valid with { Time = [Valid.Time[0], work] }));
        Assert.Null(ReportRules.SigningBlock([work], timerRunning: false));
    }

    [Fact]
    public void Extra_work_asked_on_site_is_work_time() =>
        Assert.Empty(ReportRules.Check(Valid with { Time = [Valid.Time[0], Valid.Time[1] with { IsExtra = true }] }));

    [Fact]
    public void A_running_timer_blocks_signing_whatever_was_recorded_before() =>
        Assert.Equal(new ReportProblem("time", ReportProblemCodes.TimerRunning), ReportRules.SigningBlock(Valid.Time, timerRunning: true));
}
