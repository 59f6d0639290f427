namespace Werkbon.Server.Demo;

/// <summary>Creates the demo company on first run with an empty database.</summary>
public sealed class DemoSeeder
{
    public Task SeedAsync(CancellationToken ct) => Task.CompletedTask;
}
