using System.Net;
using System.Text.RegularExpressions;

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
        client ??= app.CreateDefaultClient(new CookieJar());
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

/// <summary>
/// Keeps cookies like a browser whose clock agrees with the app's (the tests' clock is fixed in the past,
/// so a real cookie container would drop every persistent cookie as expired).
/// </summary>
public sealed class CookieJar : DelegatingHandler
{
    private readonly Dictionary<string, string> _cookies;

    public CookieJar()
    {
        _cookies = new(StringComparer.Ordinal);
    }

    /// <summary>A second handler over the same cookies (a handler serves one client).</summary>
    public CookieJar(CookieJar shared)
    {
        _cookies = shared._cookies;
    }

    /// <summary>A copy of the cookies as they are now, as someone who copied them would keep them.</summary>
    public CookieJar Snapshot()
    {
        var copy = new CookieJar();
        lock (_cookies)
        {
            foreach (var (name, value) in _cookies)
            {
                copy._cookies[name] = value;
            }
        }

        return copy;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_cookies)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            lock (_cookies)
            {
                foreach (var header in setCookies)
                {
                    var pair = header.Split(';', 2)[0];
                    var name = pair[..pair.IndexOf('=', StringComparison.Ordinal)];
                    var value = pair[(name.Length + 1)..];
                    if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                    {
                        _cookies.Remove(name);
                    }
                    else
                    {
                        _cookies[name] = value;
                    }
                }
            }
        }

        return response;
    }
}
