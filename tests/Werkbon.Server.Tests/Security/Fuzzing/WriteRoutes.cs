using System.Text.Json;

namespace Werkbon.Server.Tests.Security.Fuzzing;

/// <summary>A route that changes something (POST, PUT, PATCH, DELETE), as the OpenAPI document describes it.</summary>
public sealed record WriteRoute(string Method, string Path, IReadOnlyList<RouteParameter> Parameters, JsonElement? Body)
{
    public override string ToString() => $"{Method} {Path}";

    /// <summary>The resource a route is about: "/api/work-orders/{id}/plan" is about work-orders.</summary>
    public string Resource
    {
        get
        {
            var segments = Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var api = segments.Length > 1 && segments[0] == "api";
            return !api ? segments[0] : segments[1] == "sync" && segments.Length > 2 ? segments[2] : segments[1];
        }
    }

    /// <summary>Every write route of the document, in its order.</summary>
    public static IReadOnlyList<WriteRoute> From(JsonElement document)
    {
        var routes = new List<WriteRoute>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var method = operation.Name.ToUpperInvariant();
                if (method is not ("POST" or "PUT" or "PATCH" or "DELETE"))
                {
                    continue;
                }

                var parameters = new List<RouteParameter>();
                if (operation.Value.TryGetProperty("parameters", out var declared))
                {
                    foreach (var parameter in declared.EnumerateArray())
                    {
                        parameters.Add(new RouteParameter(
                            parameter.GetProperty("name").GetString()!,
                            parameter.GetProperty("in").GetString()!,
                            parameter.TryGetProperty("schema", out var schema) ? schema.Clone() : default,
                            parameter.TryGetProperty("required", out var required) && required.GetBoolean()));
                    }
                }

                JsonElement? body = operation.Value.TryGetProperty("requestBody", out var requestBody)
                    && requestBody.TryGetProperty("content", out var content)
                    && content.TryGetProperty("application/json", out var json)
                    && json.TryGetProperty("schema", out var bodySchema)
                    ? bodySchema.Clone()
                    : null;
                routes.Add(new WriteRoute(method, path.Name, parameters, body));
            }
        }

        return routes;
    }
}

public sealed record RouteParameter(string Name, string In, JsonElement Schema, bool Required);
