using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Werkbon.Core.Reports;
using Werkbon.Server.Data;
using Werkbon.Server.Reports;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Reports;

/// <summary>
/// Exactly-once sync over a bad link: requests lost, responses lost after the server committed,
/// requests duplicated, and the app restarted along the way. Seeded, so a failure replays.
/// </summary>
public class SyncChaosTests
{
    private const int Reports = 1000;
    private const int PhotosPerReport = 3;
    private const int Restarts = 5;

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_thousand_reports_with_photos_arrive_exactly_once_over_a_link_that_drops_and_duplicates(DatabaseProvider provider)
    {
        const int seed = 20261129;
        var random = new Random(seed);
        var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");

        // The device's outbox: per report, its files first, then the signed report.
        var outbox = new Queue<Func<HttpClient, Task<HttpResponseMessage>>>();
        var expectedFiles = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var expectedReports = new Dictionary<Guid, string>();
        for (var i = 0; i < Reports; i++)
        {
            var signed = SignedReports.Create(data.WorkOrderId, company.Technician.Id, random, PhotosPerReport);
            expectedReports[signed.Document.ReportId] = signed.Hash;
            foreach (var (hash, bytes) in signed.Files)
            {
                expectedFiles[hash] = bytes;
                outbox.Enqueue(client => client.UploadAsync(hash, bytes, bytes[0] == 0x89 ? "image/png" : "image/jpeg"));
            }

            outbox.Enqueue(client => client.PushAsync(signed.Document, signed.Hash));
        }

        var link = new LinkStats();
        var restartEvery = outbox.Count / (Restarts + 1) + 1;
        var delivered = 0;
        var client = await FlakyClientAsync(app, company, link, random);
        try
        {
            while (outbox.Count > 0)
            {
                if (delivered > 0 && delivered % restartEvery == 0 && link.Restarts < Restarts)
                {
                    app = app.Restart();
                    link.Restarts++;
                    client = await FlakyClientAsync(app, company, link, random);
                }

                var send = outbox.Peek();
                try
                {
                    var response = await send(client);
                    Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
                    outbox.Dequeue();
                    delivered++;
                }
                catch (HttpRequestException)
                {
                    link.Retries++; // the device retries the same item until the server confirms it
                }
            }

            var (reports, files, intact, filesIntact) = await app.InCompany(company.Id, async (db, services) =>
            {
                var stored = await db.Reports.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
                var storedFiles = await db.Files.AsNoTracking().Select(f => f.Sha256).ToListAsync(TestContext.Current.CancellationToken);
                var store = services.GetRequiredService<IFileStore>();
                var goodFiles = 0;
                foreach (var hash in storedFiles)
                {
                    var bytes = await store.ReadAsync(company.Id, hash, TestContext.Current.CancellationToken);
                    goodFiles += bytes is not null && PhotoHash.Compute(bytes) == hash ? 1 : 0;
                }

                return (stored, storedFiles, stored.Count(r => r.IsIntact() && expectedReports[r.Id] == r.Hash), goodFiles);
            });

            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{provider}: {reports.Count} reports, {files.Count} files ({reports.Count * PhotosPerReport} photos + signatures) stored; " +
                $"{link.Sent} requests sent, {link.DroppedRequests} dropped before the server, {link.DroppedResponses} answers lost after commit, " +
                $"{link.Duplicated} duplicated, {link.Retries} retries, {link.Restarts} restarts");
            Assert.Equal(Reports, reports.Count);
            Assert.Equal(reports.Count, reports.Select(r => r.Id).Distinct().Count());
            Assert.Equal(expectedFiles.Count, files.Count);
            Assert.Equal(Reports * (PhotosPerReport + 1), files.Count);
            Assert.Equal(Reports, intact);
            Assert.Equal(files.Count, filesIntact);
            Assert.Empty(outbox);
            Assert.Equal(Restarts, link.Restarts);
            Assert.True(link.DroppedRequests > 0 && link.DroppedResponses > 0 && link.Duplicated > 0);
        }
        finally
        {
            app.Dispose();
        }
    }

    private static async Task<HttpClient> FlakyClientAsync(WerkbonApp app, TestCompany company, LinkStats link, Random random)
    {
        var token = (await app.ClientForAsync(company.Technician.Email!)).DefaultRequestHeaders.Authorization;
        var client = app.CreateDefaultClient(new FlakyLink(random, link));
        client.DefaultRequestHeaders.Authorization = token;
        return client;
    }

    private sealed class LinkStats
    {
        public int Sent { get; set; }

        public int DroppedRequests { get; set; }

        public int DroppedResponses { get; set; }

        public int Duplicated { get; set; }

        public int Retries { get; set; }

        public int Restarts { get; set; }
    }

    /// <summary>Loses 30 % of requests, 20 % of answers (after the server committed), and sends 10 % twice.</summary>
    private sealed class FlakyLink(Random random, LinkStats stats) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (random.NextDouble() < 0.30)
            {
                stats.DroppedRequests++;
                throw new HttpRequestException("request lost on the way");
            }

            var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            var contentType = request.Content?.Headers.ContentType;
            var response = await base.SendAsync(Copy(request, body, contentType), cancellationToken);
            stats.Sent++;
            if (random.NextDouble() < 0.10)
            {
                stats.Duplicated++;
                response = await base.SendAsync(Copy(request, body, contentType), cancellationToken);
                stats.Sent++;
            }

            if (random.NextDouble() < 0.20)
            {
                stats.DroppedResponses++;
                throw new HttpRequestException("answer lost on the way back");
            }

            return response;
        }

        private static HttpRequestMessage Copy(HttpRequestMessage request, byte[]? body, MediaTypeHeaderValue? contentType)
        {
            var copy = new HttpRequestMessage(request.Method, request.RequestUri);
            foreach (var header in request.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            if (body is not null)
            {
                copy.Content = new ByteArrayContent(body);
                copy.Content.Headers.ContentType = contentType;
            }

            return copy;
        }
    }
}
