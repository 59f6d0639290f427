using Microsoft.AspNetCore.Mvc;
using Werkbon.Server.Hosting;

namespace Werkbon.Server.Components.Shared;

/// <summary>
/// What went wrong with a form: the use case's field errors, keyed like the API's
/// (<c>name</c>, <c>billingAddress.city</c>, <c>contacts[0].email</c>), and one message for the summary.
/// </summary>
public sealed class FormErrors
{
    private Dictionary<string, string[]> _fields = new(StringComparer.Ordinal);

    /// <summary>The headline of the summary, e.g. "Some of the data is not valid.".</summary>
    public string? Message { get; private set; }

    public bool Any => Message is not null || _fields.Count > 0;

    /// <summary>Someone else saved the row since it was loaded: the summary offers to reload.</summary>
    public bool Stale { get; private set; }

    public IReadOnlyDictionary<string, string[]> Fields => _fields;

    public bool Has(string field) => _fields.ContainsKey(field);

    /// <summary>The messages for one field, or null: made for MudBlazor's <c>ErrorText</c>.</summary>
    public string? Of(string field) => _fields.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public void Clear()
    {
        _fields = new(StringComparer.Ordinal);
        Message = null;
        Stale = false;
    }

    public void Show(string message, IDictionary<string, string[]>? fields = null)
    {
        Message = message;
        _fields = fields is null ? new(StringComparer.Ordinal) : new(fields, StringComparer.Ordinal);
        Stale = false;
    }

    /// <summary>Says the row changed under the user, with the way out: reload it.</summary>
    public void ShowStale(Texts texts)
    {
        Show(texts["Form.Stale"]);
        Stale = true;
    }

    /// <summary>Adds a field error found on the screen before the use case runs (an empty choice).</summary>
    public void Add(string field, string message)
    {
        _fields[field] = _fields.TryGetValue(field, out var messages) ? [.. messages, message] : [message];
    }

    /// <summary>
    /// Reads a use case's typed result: validation problems become field errors, a conflict or a missing
    /// row becomes a readable message. True when the use case succeeded.
    /// </summary>
    public bool Accept(IResult result, Texts texts)
    {
        switch (result)
        {
            case ValidationProblem problem:
                Show(texts["Validation.Title"], problem.ProblemDetails.Errors);
                return false;
            case Conflict<ProblemDetails>:
                ShowStale(texts);
                return false;
            case NotFound<ProblemDetails>:
                Show(texts["Form.Missing"]);
                return false;
            default:
                Clear();
                return true;
        }
    }
}
