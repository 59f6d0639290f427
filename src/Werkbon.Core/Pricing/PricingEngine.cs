using System.Globalization;
using System.Text;
using Werkbon.Core.Vat;

namespace Werkbon.Core.Pricing;

/// <summary>
/// Prices a signed report against the effective terms (pricing.md). Pure and deterministic: the same
/// request gives the same lines, explanations and warnings, on the server and in the field app.
/// It never throws for report data: what it cannot price is priced at 0 (or as given) with a warning.
/// </summary>
public static class PricingEngine
{
    public static PricedReport Price(PricingRequest request) => new Calculation(request).Price();

    private enum Cover
    {
        None,
        Warranty,
        FixedPrice,
        Included,
    }

    /// <summary>Consecutive minutes of one time entry in one band; the unit of the chronological drawdowns.</summary>
    private readonly record struct Span(long StartMinute, DateTime LocalStart, int Minutes, int Band, int Entry, string Class, decimal Rate, bool IsExtra)
    {
        public long EndMinute => StartMinute + Minutes;
    }

    /// <summary>A material resolved once against the catalog and the fixed-price tasks.</summary>
    private readonly record struct Resolved(Article? Article, decimal? FixedPrice, int FixedMinutes, bool FixedIncludesTravel, bool FixedFromContract);

    /// <summary>The minutes of one future line: same class, band, extra flag and coverage.</summary>
    private sealed class Group(string technicianClass, decimal rate, int band, bool isExtra, Cover cover)
    {
        public string Class { get; } = technicianClass;
        public decimal Rate { get; } = rate;
        public int Band { get; } = band;
        public bool IsExtra { get; } = isExtra;
        public Cover Cover { get; } = cover;
        public int Minutes { get; set; }
        public int Added { get; set; }
        /// <summary>The minutes worked, as UTC minute numbers: joined and shown on the wall clock only when written, so a range across a DST change reads right.</summary>
        public List<(long From, long To)> Ranges { get; } = [];

        /// <summary>The group for these keys, added in first-seen order so lines follow the clock.</summary>
        public static Group For(List<Group> groups, string technicianClass, decimal rate, int band, bool isExtra, Cover cover)
        {
            foreach (var group in groups)
            {
                if (group.Band == band && group.IsExtra == isExtra && group.Cover == cover && string.Equals(group.Class, technicianClass, StringComparison.Ordinal))
                {
                    return group;
                }
            }

            var added = new Group(technicianClass, rate, band, isExtra, cover);
            groups.Add(added);
            return added;
        }

        public void AddRange(long fromMinute, int minutes)
        {
            var to = fromMinute + minutes;
            if (Ranges.Count > 0 && Ranges[^1].To == fromMinute)
            {
                Ranges[^1] = (Ranges[^1].From, to); // an entry split in two reads as one range
            }
            else
            {
                Ranges.Add((fromMinute, to));
            }
        }
    }

    private sealed class Calculation
    {
        private const int LongEntryMinutes = 16 * 60;
        private const int MaxEntryMinutes = 31 * 24 * 60; // longer is a typing error, not work to bill

        private readonly PricingRequest request;
        private readonly VisitReport report;
        private readonly Terms terms;
        private readonly Language lang;
        private readonly Language officeLang;
        private readonly VatRegime regime;
        private readonly bool warranty;
        private readonly List<PricedLine> lines = [];
        private readonly List<PricingWarning> warnings = [];
        private readonly StringBuilder text = new();
        private Resolved[] materials = [];
        private readonly int[] fixedMinutes = new int[2]; // [0] ordinary work, [1] extras
        private bool travelCoveredByTask;
        private bool classWarned;
        private IncludedHoursBalance? included;

        public Calculation(PricingRequest request)
        {
            this.request = request;
            report = request.Report;
            terms = request.Terms;
            lang = request.Language;
            officeLang = request.OfficeLanguage ?? request.Language;
            regime = VatRules.Decide(request.Customer, report.VisitDate.Year, report.SixPercentStatementConfirmed);
            warranty = report.IsWarrantyRepair && report.WarrantyEndsOn is { } end && end >= report.VisitDate;
        }

        public PricedReport Price()
        {
            CheckWarranty();
            ResolveMaterials();
            PriceLabour();
            PriceTravelTime();
            PriceTravel();
            PriceMaterials();
            CheckExtras();
            CheckVatStatement();
            return Totals();
        }

        private string ContractSource => Texts.Source(lang, terms.ContractName);

        private string Source(bool fromContract) => Texts.Source(lang, fromContract ? terms.ContractName : null);

        /// <summary>A warning in the office's language, kept in every language so each reader sees their own.</summary>
        private void Warn(WarningKind kind, Func<Language, string> message) =>
            warnings.Add(new(kind, message(officeLang)) { Text = new LocalizedText(message(Language.En), message(Language.Nl), message(Language.Fr)) });

        private void CheckWarranty()
        {
            if (report.IsWarrantyRepair && !warranty)
            {
                Warn(WarningKind.WarrantyNotApplicable, l => report.WarrantyEndsOn is { } ended
                    ? Texts.WarnWarrantyExpired(l, ended)
                    : Texts.WarnWarrantyUnknown(l));
            }
        }

        private void ResolveMaterials()
        {
            materials = new Resolved[report.Materials.Count];
            for (var i = 0; i < materials.Length; i++)
            {
                var use = report.Materials[i];
                var article = request.Catalog.Find(use.ArticleCode);
                Resolved resolved = terms.FixedPriceTasks.TryGetValue(use.ArticleCode ?? "", out var task)
                    ? new(article, task.Price, task.IncludedMinutes, task.IncludesTravel, true)
                    : article is { Kind: ArticleKind.FixedPriceTask }
                        ? new(article, article.ListPrice, article.IncludedMinutes, article.IncludesTravel, false)
                        : new(article, null, 0, false, false);
                materials[i] = resolved;
                if (resolved.FixedPrice is not null && use.Quantity > 0)
                {
                    fixedMinutes[use.IsExtra ? 1 : 0] += (int)Math.Max(0m, decimal.Truncate(use.Quantity * resolved.FixedMinutes));
                    travelCoveredByTask |= resolved.FixedIncludesTravel;
                }
            }
        }

        /// <summary>The rate of an entry's class; a missing or unknown class is priced as the default class.</summary>
        private (string Class, decimal Rate) ClassOf(TimeEntry entry)
        {
            if (terms.TryFindClass(entry.TechnicianClass, out var name, out var rate))
            {
                return (name, rate);
            }

            terms.TryFindClass(terms.DefaultTechnicianClass, out var fallback, out var fallbackRate);
            fallback = fallback.Length > 0 ? fallback : terms.DefaultTechnicianClass;
            if (string.IsNullOrWhiteSpace(entry.TechnicianClass))
            {
                if (!classWarned)
                {
                    Warn(WarningKind.MissingTechnicianClass, l => Texts.WarnMissingClass(l, terms.ClassName(fallback, l)));
                    classWarned = true;
                }
            }
            else
            {
                Warn(WarningKind.UnknownTechnicianClass, l => Texts.WarnUnknownClass(l, entry.TechnicianClass, terms.ClassName(fallback, l)));
            }

            return (fallback, fallbackRate);
        }

        /// <summary>
        /// Whole minutes of an entry (<see cref="WorkedMinutes.Of"/>: seconds of work count for the minute they
        /// started in), or null (with a warning) when it is no period to bill: empty, ending before it starts,
        /// longer than a month, or at the edge of the calendar where local time cannot be computed.
        /// </summary>
        private (long Start, int Minutes)? MinutesOf(TimeEntry entry)
        {
            var start = entry.Start.UtcTicks / TimeSpan.TicksPerMinute;
            var minutes = WorkedMinutes.Of(entry.Start, entry.End);
            if (minutes is <= 0 or > MaxEntryMinutes || entry.Start.UtcDateTime.Year is < 2 or > 9998)
            {
                Warn(WarningKind.InvalidTimeEntry, l => Texts.WarnInvalidEntry(l, entry.Start, entry.End));
                return null;
            }

            if (minutes > LongEntryMinutes)
            {
                Warn(WarningKind.InvalidTimeEntry, l => Texts.WarnLongEntry(l, entry.Start, entry.End));
            }

            return (start, (int)minutes);
        }

        private static DateTime Utc(long minute) => new(minute * TimeSpan.TicksPerMinute, DateTimeKind.Utc);

        private DateTime Local(long minute)
        {
            var utc = Utc(minute);
            return DateTime.SpecifyKind(utc + terms.TimeZone.GetUtcOffset(utc), DateTimeKind.Unspecified);
        }

        /// <summary>Cuts a work entry into spans of one band each, judged on the company's wall clock.</summary>
        private void AddSpans(List<Span> spans, TimeEntry entry, int index)
        {
            if (MinutesOf(entry) is not (var start, var minutes))
            {
                return;
            }

            var (technicianClass, rate) = ClassOf(entry);
            // Only an entry across a DST change needs a conversion per minute.
            var uniform = terms.TimeZone.GetUtcOffset(Utc(start)) == terms.TimeZone.GetUtcOffset(Utc(start + minutes - 1));
            var firstLocal = Local(start);
            var day = DateOnly.MinValue;
            var dayMask = BandDays.None;
            Span? open = null;
            for (var i = 0; i < minutes;)
            {
                var local = uniform ? firstLocal.AddMinutes(i) : Local(start + i);
                var date = DateOnly.FromDateTime(local);
                if (date != day)
                {
                    day = date;
                    dayMask = (BandDays)(1 << (((int)local.DayOfWeek + 6) % 7))
                        | (request.Holidays.IsHoliday(date) ? BandDays.PublicHoliday : BandDays.None);
                }

                // The band can only change where some band starts or ends, or at midnight: jump there.
                var minuteOfDay = (local.Hour * 60) + local.Minute;
                var band = BandOf(dayMask, minuteOfDay);
                var length = uniform ? Math.Min(NextBoundary(minuteOfDay) - minuteOfDay, minutes - i) : 1;
                i += length;
                if (open is { } run && run.Band == band && run.LocalStart.AddMinutes(run.Minutes) == local)
                {
                    open = run with { Minutes = run.Minutes + length };
                    continue;
                }

                if (open is { } done)
                {
                    spans.Add(done);
                }

                open = new Span(start + i - length, local, length, band, index, technicianClass, rate, entry.IsExtra);
            }

            spans.Add(open!.Value);
        }

        /// <summary>The band with the highest surcharge covering the minute (the first listed on a tie), or -1.</summary>
        private int BandOf(BandDays day, int minuteOfDay)
        {
            var best = -1;
            var windows = terms.Windows;
            for (var b = 0; b < windows.Length; b++)
            {
                if (windows[b].Covers(day, minuteOfDay) && (best < 0 || windows[b].Surcharge > windows[best].Surcharge))
                {
                    best = b;
                }
            }

            return best;
        }

        private int NextBoundary(int minuteOfDay)
        {
            var next = 24 * 60;
            foreach (var window in terms.Windows)
            {
                next = window.From > minuteOfDay && window.From < next ? window.From : next;
                next = window.To > minuteOfDay && window.To < next ? window.To : next;
            }

            return next;
        }

        private decimal SurchargeOf(int band) => band < 0 ? 0m : terms.Windows[band].Surcharge;

        private string BandName(int band, Language language) => band < 0 ? Texts.BaseRate(language) : terms.TimeBands[band].Name.In(language);

        private void PriceLabour()
        {
            var spans = new List<Span>();
            for (var i = 0; i < report.Time.Count; i++)
            {
                if (report.Time[i].Kind == TimeEntryKind.Work)
                {
                    AddSpans(spans, report.Time[i], i);
                }
            }

            var worked = 0;
            foreach (var span in spans)
            {
                worked += span.Minutes;
            }

            var includedLeft = IncludedMinutesAvailable();
            var includedAtStart = includedLeft;
            if (worked == 0)
            {
                Warn(WarningKind.NoWorkTime, l => Texts.WarnNoWorkTime(l));
                FinishIncluded(includedAtStart, 0);
                return;
            }

            spans.Sort(static (a, b) => a.StartMinute != b.StartMinute ? a.StartMinute.CompareTo(b.StartMinute) : a.Entry.CompareTo(b.Entry));

            // Minimum and rounding apply to the visit's total; the minutes they add go to the band of the last worked minute.
            var billable = Math.Max(worked, terms.MinimumMinutes);
            if (terms.RoundingMinutes > 0)
            {
                billable = (billable + terms.RoundingMinutes - 1) / terms.RoundingMinutes * terms.RoundingMinutes;
            }

            var last = spans[0];
            foreach (var span in spans)
            {
                if (span.EndMinute > last.EndMinute || (span.EndMinute == last.EndMinute && span.Entry > last.Entry))
                {
                    last = span;
                }
            }

            // Warranty, then fixed-price tasks, then included hours cover the earliest minutes first.
            var groups = new List<Group>();
            var fixedLeft = (int[])fixedMinutes.Clone();
            var beyondFixed = 0;
            foreach (var span in spans)
            {
                Allocate(span, span.Minutes, added: false);
            }

            if (billable > worked)
            {
                Allocate(last, billable - worked, added: true);
            }

            foreach (var group in groups)
            {
                AddLabourLine(group);
            }

            WarnSurchargedTime(groups);

            if (fixedMinutes[0] > 0 && beyondFixed > 0)
            {
                Warn(WarningKind.FixedPriceOvertime, l => Texts.WarnFixedPriceOvertime(l, beyondFixed, fixedMinutes[0]));
            }

            FinishIncluded(includedAtStart, includedAtStart - includedLeft);

            void Allocate(Span span, int minutes, bool added)
            {
                var offset = 0;
                while (minutes > 0)
                {
                    var extra = span.IsExtra ? 1 : 0;
                    var (cover, take) =
                        warranty && !span.IsExtra ? (Cover.Warranty, minutes)
                        : fixedLeft[extra] > 0 ? (Cover.FixedPrice, Math.Min(minutes, fixedLeft[extra]))
                        : includedLeft > 0 ? (Cover.Included, Math.Min(minutes, includedLeft))
                        : (Cover.None, minutes);
                    if (cover == Cover.FixedPrice)
                    {
                        fixedLeft[extra] -= take;
                    }
                    else if (cover == Cover.Included)
                    {
                        includedLeft -= take;
                    }

                    if (!span.IsExtra && cover is Cover.None or Cover.Included)
                    {
                        beyondFixed += take;
                    }

                    var group = Group.For(groups, span.Class, span.Rate, span.Band, span.IsExtra, cover);
                    group.Minutes += take;
                    if (added)
                    {
                        group.Added += take;
                    }
                    else
                    {
                        group.AddRange(span.StartMinute + offset, take);
                    }

                    offset += take;
                    minutes -= take;
                }
            }
        }

        /// <summary>What earlier visits of the same contract year left of the included minutes.</summary>
        private int IncludedMinutesAvailable()
        {
            if (terms.IncludedHours is not { } hours)
            {
                return 0;
            }

            // Same test as ContractYearOf(date) == year, without date arithmetic per earlier visit.
            var year = hours.ContractYearOf(report.VisitDate);
            var nextYear = year.AddYears(1);
            var firstYear = year == hours.ContractStart;
            var used = 0;
            var history = request.EarlierIncludedUse;
            for (var i = 0; i < history.Count; i++)
            {
                var date = history[i].VisitDate;
                used += (date >= year || firstYear) && date < nextYear ? history[i].Minutes : 0;
            }

            return Math.Max(0, hours.MinutesPerContractYear - used);
        }

        private void FinishIncluded(int available, int used)
        {
            if (terms.IncludedHours is { } hours)
            {
                included = new IncludedHoursBalance(hours.ContractYearOf(report.VisitDate), available, used);
            }
        }

        private void AddLabourLine(Group group)
        {
            var surcharge = SurchargeOf(group.Band);
            var unitPrice = group.Rate * (100m + surcharge) / 100m;
            var billed = group.Cover == Cover.None;
            var band = BandName(group.Band, lang);
            var rateFromContract = terms.RateFromContract(group.Class);

            text.Clear().Append(group.Minutes).Append(" min");
            AppendRanges(group.Ranges);
            if (group.Added > 0)
            {
                var source = terms.MinimumFromContract == terms.RoundingFromContract
                    ? Source(terms.MinimumFromContract)
                    : $"{Source(terms.MinimumFromContract)}, {Source(terms.RoundingFromContract)}";
                text.Append(", ").Append(Texts.Added(lang, group.Added, terms.MinimumMinutes, terms.RoundingMinutes, source));
            }

            text.Append(", ").Append(band);
            if (surcharge != 0m)
            {
                text.Append(" +").Append(Texts.Number(surcharge, lang)).Append(" %");
            }

            if (terms.BandsFromContract != rateFromContract)
            {
                text.Append(" (").Append(Source(terms.BandsFromContract)).Append(')');
            }

            text.Append(", ").Append(terms.ClassName(group.Class, lang)).Append(' ').Append(Texts.Money(group.Rate, lang)).Append(Texts.PerHour(lang))
                .Append(" (").Append(Source(rateFromContract)).Append(')');
            AppendCover(group.Cover);

            AddLine(
                LineKind.Labour,
                Texts.Labour(lang, terms.ClassName(group.Class, lang), band),
                group.Minutes,
                billed ? unitPrice : 0m,
                billed ? Money.Round(group.Minutes * unitPrice / 60m) : 0m,
                group.IsExtra,
                surcharge);
        }

        /// <summary>One warning per surcharged band, whoever pays for its minutes: the office checks overtime.</summary>
        private void WarnSurchargedTime(List<Group> groups)
        {
            for (var i = 0; i < groups.Count; i++)
            {
                var band = groups[i].Band;
                var minutes = 0;
                var first = true;
                for (var j = 0; j < groups.Count; j++)
                {
                    first &= j >= i || groups[j].Band != band;
                    minutes += groups[j].Band == band ? groups[j].Minutes : 0;
                }

                if (!first || SurchargeOf(band) <= 0m)
                {
                    continue;
                }

                Warn(WarningKind.SurchargedTime, l => Texts.WarnSurcharged(l, minutes, BandName(band, l), SurchargeOf(band)));
            }
        }

        private void AppendRanges(List<(long From, long To)> ranges)
        {
            var day = DateTime.MinValue;
            foreach (var (fromMinute, toMinute) in ranges)
            {
                var (from, to) = (Local(fromMinute), Local(toMinute));
                text.Append(", ");
                if (from.Date != day)
                {
                    day = from.Date;
                    text.Append(Texts.Day(lang, from.DayOfWeek)).Append(' ');
                }

                text.Append(CultureInfo.InvariantCulture, $"{from:HH:mm}–{to:HH:mm}");
            }
        }

        private void AppendCover(Cover cover)
        {
            var reason = cover switch
            {
                Cover.Warranty => Texts.CoverWarranty(lang, report.WarrantyEndsOn!.Value),
                Cover.FixedPrice => Texts.CoverFixedPrice(lang),
                Cover.Included => Texts.CoverIncluded(lang, ContractSource),
                _ => null,
            };
            if (reason is not null)
            {
                text.Append("; ").Append(reason);
            }
        }

        private void AddLine(LineKind kind, string description, int minutes, decimal unitPrice, decimal amount, bool isExtra, decimal surchargePercent = 0m)
        {
            var (category, percent) = VatRules.ForLine(regime, terms.DefaultVatPercent);
            lines.Add(new PricedLine(kind, description, Math.Round(minutes / 60m, 4), "HUR", unitPrice, amount, category, percent, text.ToString(), isExtra)
            {
                Minutes = minutes,
                SurchargePercent = surchargePercent,
            });
        }

        /// <summary>Travel entries at the class's normal rate, when the travel policy bills travel time.</summary>
        private void PriceTravelTime()
        {
            if (!terms.Travel.BillTravelTime)
            {
                return;
            }

            var groups = new List<Group>();
            var cover = warranty ? Cover.Warranty : travelCoveredByTask ? Cover.FixedPrice : Cover.None;
            foreach (var entry in report.Time)
            {
                if (entry.Kind != TimeEntryKind.Travel || MinutesOf(entry) is not (var start, var minutes))
                {
                    continue;
                }

                var (technicianClass, rate) = ClassOf(entry);
                var group = Group.For(groups, technicianClass, rate, -1, false, cover);
                group.Minutes += minutes;
                group.AddRange(start, minutes);
            }

            foreach (var group in groups)
            {
                var billed = group.Cover == Cover.None;
                text.Clear().Append(group.Minutes).Append(" min");
                AppendRanges(group.Ranges);
                text.Append(", ").Append(Texts.TravelTimeRule(lang, Source(terms.TravelFromContract)))
                    .Append(", ").Append(terms.ClassName(group.Class, lang)).Append(' ').Append(Texts.Money(group.Rate, lang)).Append(Texts.PerHour(lang))
                    .Append(" (").Append(Source(terms.RateFromContract(group.Class))).Append(')');
                AppendCover(group.Cover);
                AddLine(
                    LineKind.TravelTime,
                    Texts.TravelTime(lang, terms.ClassName(group.Class, lang)),
                    group.Minutes,
                    billed ? group.Rate : 0m,
                    billed ? Money.Round(group.Minutes * group.Rate / 60m) : 0m,
                    false);
            }
        }

        private void PriceTravel()
        {
            var policy = terms.Travel;
            var source = Source(terms.TravelFromContract);
            var cover = warranty ? Cover.Warranty : travelCoveredByTask ? Cover.FixedPrice : Cover.None;
            switch (policy.Kind)
            {
                case TravelKind.Included:
                    AddTravelLine(Texts.Travel(lang), 1m, "C62", 0m, $"{Texts.TravelIncluded(lang)} ({source})", Cover.None);
                    break;
                case TravelKind.Flat:
                    AddTravelLine(Texts.Travel(lang), 1m, "C62", policy.FlatFee, $"{Texts.Flat(lang)} ({source})", cover);
                    break;
                case TravelKind.Zones when policy.Zones.Count > 0:
                    PriceZones(policy, source, cover);
                    break;
                default:
                    break;
            }
        }

        private void PriceZones(TravelPolicy policy, string source, Cover cover)
        {
            var recorded = report.DistanceKm is >= 0m;
            var km = recorded ? report.DistanceKm : report.SiteDistanceKm is >= 0m ? report.SiteDistanceKm : null;
            if (km is not { } distance)
            {
                Warn(WarningKind.MissingDistance, l => Texts.WarnMissingDistance(l));
                AddTravelLine(Texts.Travel(lang), 1m, "C62", 0m, Texts.NoDistance(lang), Cover.None);
                return;
            }

            var what = recorded ? Texts.DistanceRecorded(lang, distance) : Texts.DistanceOfSite(lang, distance);
            TravelZone? zone = null;
            TravelZone? farthest = null;
            foreach (var candidate in policy.Zones)
            {
                if (candidate.UpToKm >= distance && (zone is null || candidate.UpToKm < zone.UpToKm))
                {
                    zone = candidate;
                }

                if (farthest is null || candidate.UpToKm > farthest.UpToKm)
                {
                    farthest = candidate;
                }
            }

            var applied = zone ?? farthest!;
            AddTravelLine(Texts.Travel(lang), 1m, "C62", applied.Fee, $"{what}, {Texts.Zone(lang, applied.UpToKm)} ({source})", cover);
            if (zone is null && policy.BeyondPerKm != 0m)
            {
                var over = distance - applied.UpToKm;
                AddTravelLine(
                    Texts.TravelBeyond(lang, applied.UpToKm),
                    over,
                    "KMT",
                    policy.BeyondPerKm,
                    $"{what}, {Texts.Number(over, lang)} km × {Texts.PerKm(lang, policy.BeyondPerKm)} ({source})",
                    cover);
            }
        }

        private void AddTravelLine(string description, decimal quantity, string unit, decimal unitPrice, string explanation, Cover cover)
        {
            text.Clear().Append(explanation);
            AppendCover(cover);
            var billed = cover == Cover.None;
            var (category, percent) = VatRules.ForLine(regime, terms.DefaultVatPercent);
            lines.Add(new PricedLine(
                LineKind.Travel,
                description,
                quantity,
                unit,
                billed ? unitPrice : 0m,
                billed ? Money.Round(quantity * unitPrice) : 0m,
                category,
                percent,
                text.ToString()));
        }

        private void PriceMaterials()
        {
            for (var i = 0; i < materials.Length; i++)
            {
                var use = report.Materials[i];
                var resolved = materials[i];
                var article = resolved.Article;
                var code = use.ArticleCode ?? "";
                text.Clear().Append(Texts.Number(use.Quantity, lang)).Append(" × ").Append(code).Append(" (").Append(Texts.Report(lang));
                if (use.IsExtra)
                {
                    text.Append(", ").Append(Texts.Extra(lang));
                }

                text.Append("): ");
                decimal unitPrice;
                if (warranty && !use.IsExtra)
                {
                    unitPrice = 0m;
                    text.Append(Texts.CoverWarranty(lang, report.WarrantyEndsOn!.Value));
                }
                else if (article?.Category is { } category && terms.CoveredCategories.Contains(category))
                {
                    unitPrice = 0m;
                    text.Append(Texts.CategoryCovered(lang, category, ContractSource));
                }
                else if (use.PriceOverride is { } given)
                {
                    unitPrice = given;
                    text.Append(Texts.PriceGiven(lang, given));
                }
                else if (article is null)
                {
                    unitPrice = 0m;
                    text.Append(Texts.UnknownArticle(lang, code));
                }
                else if (resolved.FixedPrice is { } fixedPrice)
                {
                    unitPrice = fixedPrice;
                    var source = resolved.FixedFromContract ? ContractSource : Texts.Catalog(lang);
                    text.Append(Texts.FixedPrice(lang, fixedPrice, resolved.FixedMinutes, resolved.FixedIncludesTravel, source));
                }
                else if (article.Kind == ArticleKind.Part && terms.PartsDiscountPercent != 0m)
                {
                    unitPrice = Money.Round(article.ListPrice * (100m - terms.PartsDiscountPercent) / 100m);
                    text.Append(Texts.ListPrice(lang, article.ListPrice)).Append(" (").Append(Texts.Catalog(lang)).Append(") −")
                        .Append(Texts.Number(terms.PartsDiscountPercent, lang)).Append(" % = ").Append(Texts.Money(unitPrice, lang))
                        .Append(" (").Append(ContractSource).Append(')');
                }
                else
                {
                    unitPrice = article.ListPrice;
                    text.Append(Texts.ListPrice(lang, article.ListPrice)).Append(" (").Append(Texts.Catalog(lang)).Append(')');
                }

                if (article is null)
                {
                    Warn(WarningKind.UnknownArticle, l => Texts.WarnUnknownArticle(l, code, use.PriceOverride ?? 0m));
                }

                if (use.PriceOverride is { } overridden)
                {
                    Warn(WarningKind.PriceOverride, l => Texts.WarnPriceOverride(l, code, overridden));
                }

                var (vatCategory, vatPercent) = VatRules.ForLine(regime, article?.VatPercent ?? terms.DefaultVatPercent);
                lines.Add(new PricedLine(
                    LineKind.Material,
                    article?.Name.In(lang) ?? (string.IsNullOrWhiteSpace(use.Description) ? code : use.Description),
                    use.Quantity,
                    article?.UnitCode ?? "C62",
                    unitPrice,
                    Money.Round(use.Quantity * unitPrice),
                    vatCategory,
                    vatPercent,
                    text.ToString(),
                    use.IsExtra)
                {
                    ArticleCode = code,
                });
            }
        }

        private void CheckExtras()
        {
            var count = 0;
            foreach (var entry in report.Time)
            {
                count += entry.IsExtra ? 1 : 0;
            }

            foreach (var use in report.Materials)
            {
                count += use.IsExtra ? 1 : 0;
            }

            if (count > 0)
            {
                Warn(WarningKind.Extras, l => Texts.WarnExtras(l, count));
            }
        }

        private void CheckVatStatement()
        {
            var customer = request.Customer;
            if (customer.IsBusiness)
            {
                return;
            }

            var qualifies = VatRules.QualifiesForRenovationRate(customer, report.VisitDate.Year);
            if (qualifies && !report.SixPercentStatementConfirmed)
            {
                Warn(WarningKind.VatStatement, l => Texts.WarnStatementMissing(l));
            }
            else if (!qualifies && report.SixPercentStatementConfirmed)
            {
                Warn(WarningKind.VatStatement, l => Texts.WarnStatementWithoutConditions(l));
            }
        }

        private PricedReport Totals()
        {
            var totals = VatBreakdown.Of(lines);
            LegalText[] legal = regime switch
            {
                VatRegime.RenovationSixPercent => [new(LegalTextKind.RenovationSixPercent, LegalTexts.RenovationSixPercent(lang))],
                VatRegime.ReverseCharge => [new(LegalTextKind.ReverseCharge, LegalTexts.ReverseCharge(lang))],
                _ => [],
            };

            return new PricedReport(lines, totals.Breakdown, totals.Net, totals.Vat, totals.Total, regime, legal, included, warnings);
        }
    }
}
