using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Werkbon.Server.Hosting;

/// <summary>
/// Collects field errors for one request. Messages are text keys, translated by <see cref="Texts"/>
/// so the API and the screens give the same message in the user's language.
/// </summary>
public sealed partial class Validation(Texts texts)
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validation Add(string field, string key, params object[] args)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(texts[key, args]);
        return this;
    }

    public Validation Required(string field, string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "Validation.Required");
        }
        else if (value.Length > maxLength)
        {
            Add(field, "Validation.TooLong", maxLength);
        }
        else
        {
            Text(field, value);
        }

        return this;
    }

    /// <summary>Text with control characters is refused (<see cref="Core.PlainText.IsClean"/>), the same rule as every API body.</summary>
    public Validation Text(string field, string? value) =>
        Core.PlainText.IsClean(value) ? this : Add(field, "Validation.ControlCharacters");

    public Validation MaxLength(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
        {
            Add(field, "Validation.TooLong", maxLength);
        }
        else
        {
            Text(field, value);
        }

        return this;
    }

    public Validation Email(string field, string? value, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Add(field, "Validation.Required") : this;
        }

        if (!MailAddress.TryCreate(value, out var parsed) || parsed.Address != value.Trim() || !value.Contains('.', StringComparison.Ordinal))
        {
            Add(field, "Validation.Email");
        }

        return this;
    }

    public Validation Range(string field, decimal value, decimal min, decimal max)
    {
        if (value < min || value > max)
        {
            Add(field, "Validation.Range", min, max);
        }

        return this;
    }

    public Validation Address(string field, Data.Address? address, bool required = true)
    {
        if (address is null)
        {
            return required ? Add(field, "Validation.Required") : this;
        }

        // A JSON body can leave members out; an address that is sent names all four.
        foreach (var (member, value) in new[] { ("street", address.Street), ("postalCode", address.PostalCode), ("city", address.City), ("country", address.Country) })
        {
            if (value is null)
            {
                Add($"{field}.{member}", "Validation.Required");
            }
        }

        if (!IsValid)
        {
            return this;
        }

        if (required || !string.IsNullOrWhiteSpace(address.Street + address.PostalCode + address.City))
        {
            Required($"{field}.street", address.Street);
            Required($"{field}.postalCode", address.PostalCode, 12);
            Required($"{field}.city", address.City);
        }

        if (!CountryCode().IsMatch(address.Country ?? ""))
        {
            Add($"{field}.country", "Validation.Country");
        }

        return this;
    }

    /// <summary>A date the application works with lies in years <see cref="MinYear"/>–<see cref="MaxYear"/>: anything else is a typo.</summary>
    public const int MinYear = 2000;

    public const int MaxYear = 2100;

    /// <summary>At most this many ids in one request (one bulk-issue batch); more cannot be queried in one go.</summary>
    public const int MaxIds = 2000;

    public static bool IsSaneDate(DateOnly day) => day.Year is >= MinYear and <= MaxYear;

    public static bool IsSaneDate(DateTime instant) => IsSaneDate(DateOnly.FromDateTime(instant));

    public static bool IsSaneDate(DateTimeOffset instant) => IsSaneDate(instant.DateTime) && IsSaneDate(instant.UtcDateTime);

    public Validation Date(string field, DateOnly day) => IsSaneDate(day) ? this : Add(field, "Validation.DateRange", MinYear, MaxYear);

    public Validation Date(string field, DateTime instant) => IsSaneDate(instant) ? this : Add(field, "Validation.DateRange", MinYear, MaxYear);

    public Validation Date(string field, DateTimeOffset instant) => IsSaneDate(instant) ? this : Add(field, "Validation.DateRange", MinYear, MaxYear);

    public Validation Ids<T>(string field, IReadOnlyCollection<T>? ids) =>
        ids is { Count: > MaxIds } ? Add(field, "Validation.TooManyIds", MaxIds) : this;

    public Dictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public ValidationProblem Problem() => TypedResults.ValidationProblem(Errors, title: texts["Validation.Title"]);

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCode();
}
