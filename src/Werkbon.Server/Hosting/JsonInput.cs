using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Json;
using Werkbon.Core;

namespace Werkbon.Server.Hosting;

/// <summary>
/// How every API request body is read, in one place: text with control characters is refused
/// (<see cref="PlainText.IsClean"/>), so is text longer than any field takes (<see cref="Fields.LongestText"/>), a member without a default value must be sent rather than
/// silently become 0, 0001-01-01 or an empty id, and a member sent twice is refused. A body that breaks
/// one of these leaves as a validation problem naming the field (<see cref="Problem"/>).
/// </summary>
public static partial class JsonInput
{
    public static IServiceCollection AddWerkbonJsonInput(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));

        // A body that cannot be read throws, so ProblemExceptionHandler answers with the field instead of an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>
    /// The OpenAPI document describes text as a string (nullable where the member is): the converter that checks text
    /// hides the type from the schema generator, which would otherwise describe every text member as "anything".
    /// </summary>
    public static void DescribeText(Microsoft.AspNetCore.OpenApi.OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null && schema.Enum is not { Count: > 0 })
            {
                schema.Type = context.JsonPropertyInfo is { IsGetNullable: true }
                    ? Microsoft.OpenApi.JsonSchemaType.String | Microsoft.OpenApi.JsonSchemaType.Null
                    : Microsoft.OpenApi.JsonSchemaType.String;
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// A JSON body is read as UTF-8 (RFC 8259 §8.1): one declared in another character set, or in one that does not
    /// exist, is refused as 415 before anything reads it.
    /// </summary>
    public static IApplicationBuilder UseJsonInput(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
                && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
                && type.Charset.Value is { Length: > 0 } charset
                && !IsUtf8(charset.Trim('"')))
            {
                context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                    {
                        Status = StatusCodes.Status415UnsupportedMediaType,
                        Title = "The request body must be JSON in UTF-8.",
                        Detail = $"The body is declared as {charset}; send it as UTF-8.",
                    },
                });
                return;
            }

            await next(context);
        });

    private static bool IsUtf8(string charset) =>
        charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);

    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new PlainTextConverter());
        options.AllowDuplicateProperties = false;
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(RequireValues);
    }

    /// <summary>
    /// A constructor parameter of a value type (number, date, id, enum) without a default value is required:
    /// leaving it out is refused rather than read as its zero value. Nullable parameters, those with a default
    /// and yes/no flags (left out means no) stay optional.
    /// </summary>
    private static void RequireValues(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || info.Type.Assembly.GetName().Name?.StartsWith("Werkbon", StringComparison.Ordinal) != true)
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (property.AssociatedParameter is { HasDefaultValue: false } parameter
                && parameter.ParameterType.IsValueType
                && parameter.ParameterType != typeof(bool)
                && Nullable.GetUnderlyingType(parameter.ParameterType) is null)
            {
                property.IsRequired = true;
            }
        }
    }

    /// <summary>The validation problem for a body that could not be read, or null when the failure is not about the body.</summary>
    public static ValidationProblem? Problem(BadHttpRequestException bad, Texts texts)
    {
        ArgumentNullException.ThrowIfNull(bad);
        ArgumentNullException.ThrowIfNull(texts);
        if (bad.InnerException is not JsonException json)
        {
            return null;
        }

        var at = Field(json.Path);
        object[] arguments = [];
        var (fields, key) = json switch
        {
            UncleanTextException => ([at], "Validation.ControlCharacters"),
            TooLongTextException => ([at], "Validation.TooLong"),
            _ when MissingMembers().Match(json.Message) is { Success: true } missing =>
                (Quoted().Matches(missing.Groups[1].Value).Select(m => Join(at, m.Groups[1].Value)).ToArray(), "Validation.Required"),
            _ when DuplicateMember().Match(json.Message) is { Success: true } duplicate =>
                ([Join(Parent(at, duplicate.Groups[1].Value), duplicate.Groups[1].Value)], "Validation.Duplicate"),
            _ => ([at], "Validation.Unreadable"),
        };

        if (json is TooLongTextException)
        {
            arguments = [Fields.LongestText];
        }

        var validation = new Validation(texts);
        foreach (var field in fields)
        {
            validation.Add(field, key, arguments);
        }

        return validation.Problem();
    }

    private static string Field(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static string Join(string parent, string member) => parent.Length == 0 ? member : $"{parent}.{member}";

    // A duplicate is reported at the member itself or at its object, depending on where the reader stood.
    private static string Parent(string at, string member) =>
        at == member ? "" : at.EndsWith("." + member, StringComparison.Ordinal) ? at[..^(member.Length + 1)] : at;

    [GeneratedRegex("missing required properties including: (.*)$", RegexOptions.Singleline)]
    private static partial Regex MissingMembers();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex Quoted();

    [GeneratedRegex("Duplicate property '([^']+)'")]
    private static partial Regex DuplicateMember();

    /// <summary>Reads every text value and refuses one that <see cref="PlainText.IsClean"/> refuses.</summary>
    private sealed class PlainTextConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Checked(reader.GetString());

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Checked(reader.GetString()) ?? "";

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

        private static string? Checked(string? text) =>
            text is { Length: > 0 } && text.Length > Fields.LongestText ? throw new TooLongTextException()
            : PlainText.IsClean(text) ? text : throw new UncleanTextException();
    }

    private sealed class UncleanTextException() : JsonException("The text holds control characters.");

    private sealed class TooLongTextException() : JsonException("The text is longer than any field takes.");
}
