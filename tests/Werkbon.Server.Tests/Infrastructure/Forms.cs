using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Werkbon.Server.Tests.Infrastructure;

/// <summary>A server-rendered HTML form as a browser sees it: fields, antiforgery token and cookies.</summary>
public sealed class Forms
{
    private readonly string _html;

    private Forms(HttpClient client, string html)
    {
        Client = client;
        _html = html;
    }

    public HttpClient Client { get; }

    public string Html => _html;

    public static async Task<Forms> FetchAsync(WerkbonApp app, string url, HttpClient? client = null)
    {
        client ??= app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new Forms(client, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public string Field(string name)
    {
        var match = Regex.Match(_html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"");
        Assert.True(match.Success, $"no field {name} in the form");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public Task<HttpResponseMessage> PostAsync(string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Field("__RequestVerificationToken");
        return Client.PostAsync(action, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
    }
}
