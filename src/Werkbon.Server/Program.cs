using Werkbon.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddWerkbon();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseWerkbon();
await app.RunAsync();

/// <summary>Entry point, visible to the integration tests.</summary>
public partial class Program;
