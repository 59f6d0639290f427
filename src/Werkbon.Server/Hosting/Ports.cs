using System.Net;
using System.Net.Sockets;

namespace Werkbon.Server.Hosting;

/// <summary>
/// Tells, before the app prepares its database and listens, whether an address it is told to listen on is taken by
/// another program, so a newcomer reads one line instead of the host's stack trace.
/// </summary>
public static class Ports
{
    /// <summary>The first URL whose port cannot be bound because another program holds it; null when all are free.</summary>
    public static string? FirstTaken(IEnumerable<string> urls)
    {
        foreach (var url in urls)
        {
            if (!TryParse(url, out var host, out var port))
            {
                continue; // Kestrel reports what it cannot parse itself.
            }

            foreach (var address in Addresses(host))
            {
                if (IsTaken(new IPEndPoint(address, port)))
                {
                    return url;
                }
            }
        }

        return null;
    }

    /// <summary>Prints the one line a newcomer needs and gives the process's exit code.</summary>
    public static int Explain(string url)
    {
        Console.Error.WriteLine(
            $"Werkbon cannot start: {url} is already in use by another program. Choose another port, e.g. dotnet run --project src/Werkbon.Server --urls http://localhost:5081");
        return 1;
    }

    private static bool TryParse(string url, out string host, out int port)
    {
        // Kestrel accepts the wildcards * and + as hosts, which Uri does not.
        var normalized = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        if (Uri.TryCreate(normalized, UriKind.Absolute, out var uri) && uri.Port > 0)
        {
            host = uri.Host;
            port = uri.Port;
            return true;
        }

        host = "";
        port = 0;
        return false;
    }

    private static IEnumerable<IPAddress> Addresses(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            yield return IPAddress.Loopback;
            if (Socket.OSSupportsIPv6)
            {
                yield return IPAddress.IPv6Loopback;
            }
        }
        else if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            yield return address;
        }
    }

    private static bool IsTaken(IPEndPoint endpoint)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(endpoint);
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (SocketException)
        {
            return false; // e.g. no IPv6 on this machine: not ours to judge, Kestrel decides.
        }
    }
}
