using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using Werkbon.Field;
using Werkbon.Field.Local;
using Werkbon.Field.Reports;
using Werkbon.Field.Sync;
using Werkbon.Field.Words;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

var services = builder.Services;
services.AddSingleton(TimeProvider.System);
// The app lives under /field/; the API it talks to is the same server's root.
var serverRoot = new Uri(new Uri(builder.HostEnvironment.BaseAddress), "/");
services.AddSingleton(_ => new HttpClient { BaseAddress = serverRoot });
services.AddSingleton<LocalStore>();
services.AddSingleton<Session>();
services.AddSingleton<FieldApi>();
services.AddSingleton<FieldData>();
services.AddSingleton<Outbox>();
services.AddSingleton<Drafts>();
services.AddSingleton<SyncService>();
services.AddSingleton<FieldApp>();
services.AddSingleton<Texts>();

var host = builder.Build();
host.Services.GetRequiredService<Texts>().Load();
await host.RunAsync();
