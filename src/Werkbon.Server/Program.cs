using Werkbon.Server.Companies;
using Werkbon.Server.Hosting;

if (CompanyCommand.IsCommand(args))
{
    return await CompanyCommand.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddWerkbon();

var app = builder.Build();
if (Ports.FirstTaken(app.ListenUrls()) is { } taken)
{
    return Ports.Explain(taken);
}

await app.PrepareDatabaseAsync();
app.UseWerkbon();
return await app.RunOrExplainAsync();

/// <summary>Entry point, visible to the integration tests.</summary>
public partial class Program;
