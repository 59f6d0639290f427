using Microsoft.Extensions.DependencyInjection;
using Werkbon.Server.Data;
using Werkbon.Server.Reports;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Reports;

public class ReportFeedTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_report_stored_on_one_node_reaches_the_pages_of_every_node_of_its_company_only(DatabaseProvider provider)
    {
        using var first = await WerkbonApp.StartAsync(provider);
        var company = await first.CreateCompanyAsync("Alpha");
        var bravo = await first.CreateCompanyAsync("Bravo");
        var data = await MasterData.CreateAsync(company, "Alpha");
        // On SQLite there is one node; on PostgreSQL a second node shares the database.
        using var second = provider == DatabaseProvider.Postgres ? first.StartSecondNode() : null;
        var listening = (second ?? first).Services.GetRequiredService<IReportFeed>();
        var heard = new TaskCompletionSource<ReportChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        var wrongCompany = 0;
        using var subscription = listening.Subscribe(company.Id, change =>
        {
            heard.TrySetResult(change);
            return Task.CompletedTask;
        });
        using var other = listening.Subscribe(bravo.Id, _ =>
        {
            Interlocked.Increment(ref wrongCompany);
            return Task.CompletedTask;
        });
        await Task.Delay(200, TestContext.Current.CancellationToken); // LISTEN is set up in the background on start

        var technician = await company.TechnicianAsync();
        var signed = SignedReports.Create(data.WorkOrderId, company.Technician.Id, new Random(31));
        (await technician.PushAsync(signed.Document, signed.Hash)).EnsureSuccessStatusCode();
        var change = await heard.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(signed.Document.ReportId, change.ReportId);
        Assert.Equal(company.Id, change.CompanyId);
        Assert.Equal(FeedTopic.Report, change.Topic);
        Assert.Equal(0, wrongCompany);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_change_keeps_its_topic_on_the_way_to_every_node(DatabaseProvider provider)
    {
        using var first = await WerkbonApp.StartAsync(provider);
        var company = await first.CreateCompanyAsync("Alpha");
        using var second = provider == DatabaseProvider.Postgres ? first.StartSecondNode() : null;
        var listening = (second ?? first).Services.GetRequiredService<IReportFeed>();
        var heard = new System.Collections.Concurrent.ConcurrentQueue<ReportChanged>();
        using var subscription = listening.Subscribe(company.Id, change =>
        {
            heard.Enqueue(change);
            return Task.CompletedTask;
        });
        await Task.Delay(200, TestContext.Current.CancellationToken); // LISTEN is set up in the background on start

        var dispute = Guid.NewGuid();
        var report = Guid.NewGuid();
        var publishing = first.Services.GetRequiredService<IReportFeed>();
        await publishing.PublishAsync(new ReportChanged(company.Id, dispute, FeedTopic.Dispute), TestContext.Current.CancellationToken);
        await publishing.PublishAsync(new ReportChanged(company.Id, report), TestContext.Current.CancellationToken);
        for (var i = 0; i < 300 && heard.Count < 2; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        // The disputes list reloads on the first only, the inbox on the second only.
        Assert.Equal([new ReportChanged(company.Id, dispute, FeedTopic.Dispute), new ReportChanged(company.Id, report, FeedTopic.Report)], heard.OrderBy(c => c.Topic == FeedTopic.Dispute ? 0 : 1));
    }
}
