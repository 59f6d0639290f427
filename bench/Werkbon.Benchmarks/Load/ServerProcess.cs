using System.Diagnostics;
using System.Globalization;

namespace Werkbon.Benchmarks.Load;

/// <summary>
/// The app under load, started as a child process from its Release build (own data folder, loopback port, demo
/// company), so the run knows its process id and reads its CPU time and memory from <c>/proc</c>. Killed on dispose,
/// on Ctrl-C and when the load tool exits.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peakSampled;

    private ServerProcess(Process process, StreamWriter log, Uri address, string logPath)
    {
        _process = process;
        _log = log;
        Address = address;
        LogPath = logPath;
        _sampler = Task.Run(SampleAsync);
    }

    public Uri Address { get; }

    public string LogPath { get; }

    public int Pid => _process.Id;

    public static async Task<ServerProcess> StartAsync(string repository, string configuration, int port, string dataFolder, IReadOnlyList<string> settings, IReadOnlyList<string> environment)
    {
        var dll = Path.Combine(repository, "src", "Werkbon.Server", "bin", configuration, "net10.0", "Werkbon.Server.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"No server build at {dll}: build with `dotnet build -c {configuration} src/Werkbon.Server` first.");
        }

        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in (string[])["--urls", address.ToString().TrimEnd('/'), "--DataFolder", dataFolder, .. settings])
        {
            start.ArgumentList.Add(argument);
        }

        // Development serves the build's static web assets (MudBlazor, blazor.web.js) without a publish, for the browser.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var variable in environment)
        {
            var at = variable.IndexOf('=', StringComparison.Ordinal);
            start.Environment[variable[..at]] = variable[(at + 1)..];
        }
        var logPath = Path.Combine(dataFolder, "server.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, log, address, logPath);
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server stopped with exit code {process.ExitCode}; see {logPath}.");
            }

            try
            {
                using var health = await probe.GetAsync(new Uri("/health", UriKind.Relative));
                if (health.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (waited.Elapsed > TimeSpan.FromMinutes(3))
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"The server did not answer /health within 3 minutes; see {logPath}.");
            }

            await Task.Delay(250);
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // the run is over; the last lines of a killed server are not needed
            }
        }
    }

    /// <summary>CPU time the server has used so far, user + system (<c>/proc/&lt;pid&gt;/stat</c> utime + stime).</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }

    /// <summary>Resident memory now (VmRSS), in bytes.</summary>
    public long Rss() => Status("VmRSS:");

    /// <summary>
    /// Starts a phase's peak: resets the kernel's high-water mark (<c>clear_refs</c> 5) and the sampled maximum.
    /// </summary>
    public void ResetPeak()
    {
        try
        {
            File.WriteAllText($"/proc/{Pid}/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        Interlocked.Exchange(ref _peakSampled, Rss());
    }

    /// <summary>The phase's peak resident memory: the kernel's VmHWM since <see cref="ResetPeak"/>, or the sampled maximum if higher.</summary>
    public long Peak() => Math.Max(Status("VmHWM:"), Interlocked.Read(ref _peakSampled));

    /// <summary>What the resident memory is made of now: anonymous (heaps), mapped files (assemblies), shared memory (JIT code, mapped twice under W^X).</summary>
    public string Breakdown() => string.Create(CultureInfo.InvariantCulture,
        $"{Status("RssAnon:") / 1048576.0:0} MB anonymous, {Status("RssFile:") / 1048576.0:0} MB mapped files, {Status("RssShmem:") / 1048576.0:0} MB shared (JIT code)");

    private long Status(string key)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var rss = Rss();
            long seen;
            do
            {
                seen = Interlocked.Read(ref _peakSampled);
            }
            while (rss > seen && Interlocked.CompareExchange(ref _peakSampled, rss, seen) != seen);

            try
            {
                await Task.Delay(50, _stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>Lines of the server's log containing <paramref name="text"/>, and the first of them with the line after it.</summary>
    public int LogLines(string text) => LogLines(text, out _);

    public int LogLines(string text, out string? first) => LogLines(text, null, out first);

    /// <summary>
    /// Counts the log entries whose first line holds <paramref name="text"/>, leaving out those whose next lines hold
    /// <paramref name="unless"/> (an entry's message follows its level line); <paramref name="first"/> is the first one counted.
    /// </summary>
    public int LogLines(string text, string? unless, out string? first)
    {
        lock (_log)
        {
            _log.Flush();
        }

        var lines = new List<string>();
        using (var reader = new StreamReader(new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite)))
        {
            while (reader.ReadLine() is { } line)
            {
                lines.Add(line);
            }
        }

        var count = 0;
        first = null;
        for (var i = 0; i < lines.Count; i++)
        {
            if (!lines[i].Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var following = lines.Skip(i + 1).Take(4).ToList();
            if (unless is not null && following.Any(l => l.Contains(unless, StringComparison.Ordinal)))
            {
                continue;
            }

            count++;
            first ??= lines[i].Trim() + " " + following.FirstOrDefault()?.Trim();
        }

        return count;
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Kill();
        await _sampler;
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }

        _stop.Dispose();
    }
}
