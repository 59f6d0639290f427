namespace Werkbon.Server.Hosting;

/// <summary>
/// Collects field errors for one request. Messages are text keys, translated by <see cref="Texts"/>
/// so the API and the screens give the same message in the user's language.
/// </summary>
public sealed class Validation(Texts texts)
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

    /// <summary>A required text of the kind (<see cref="Fields"/>): present, not too long, without control characters, well formed.</summary>
    public Validation Required(string field, string? value, FieldKind kind) =>
        string.IsNullOrWhiteSpace(value) ? Add(field, "Validation.Required") : Field(field, value, kind);

    /// <summary>A required text of at most <paramref name="maxLength"/> characters; a name (<see cref="Fields.Name"/>) unless said otherwise.</summary>
    public Validation Required(string field, string? value, int maxLength = 200) => Required(field, value, new FieldKind(maxLength));

    /// <summary>
    /// An optional text of the kind (<see cref="Fields"/>): when given, at most its length, without control
    /// characters (<see cref="Core.PlainText.IsClean"/>, the same rule as every API body) and, for a code, well formed.
    /// </summary>
    public Validation Field(string field, string? value, FieldKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (value is null)
        {
            return this;
        }

        if (value.Length > kind.MaxLength)
        {
            return Add(field, "Validation.TooLong", kind.MaxLength);
        }

        if (!Core.PlainText.IsClean(value))
        {
            return Add(field, "Validation.ControlCharacters");
        }

        return kind.IsWellFormed is null || value.Length == 0 || kind.IsWellFormed(value.Trim()) ? this : Add(field, kind.FormatKey);
    }

    /// <summary>Text with control characters is refused (<see cref="Core.PlainText.IsClean"/>), the same rule as every API body.</summary>
    public Validation Text(string field, string? value) =>
        Core.PlainText.IsClean(value) ? this : Add(field, "Validation.ControlCharacters");

    public Validation MaxLength(string field, string? value, int maxLength) => Field(field, value, new FieldKind(maxLength));

    public Validation Email(string field, string? value, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Add(field, "Validation.Required") : this;
        }

        return Field(field, value, Fields.Email);
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
            Required($"{field}.street", address.Street, Fields.Street);
            Required($"{field}.postalCode", address.PostalCode, Fields.PostalCode);
            Required($"{field}.city", address.City, Fields.City);
        }
        else
        {
            Field($"{field}.street", address.Street, Fields.Street);
            Field($"{field}.postalCode", address.PostalCode, Fields.PostalCode);
            Field($"{field}.city", address.City, Fields.City);
        }

        if (string.IsNullOrEmpty(address.Country))
        {
            Add($"{field}.country", "Validation.Country");
        }
        else
        {
            Field($"{field}.country", address.Country, Fields.Country);
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
}
