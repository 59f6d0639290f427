using System.Text.Json;
using System.Text.Json.Serialization;
using Werkbon.Core.Reports;
using Werkbon.Core.Sync;
using Werkbon.Field.Reports;
using Werkbon.Field.Sync;

namespace Werkbon.Field.Local;

/// <summary>
/// Every shape the app reads or writes as JSON, source-generated so the published (trimmed) app keeps
/// them. Web defaults with enums as names: the server's own wire format.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(PullResponse))]
[JsonSerializable(typeof(FieldWorkOrder))]
[JsonSerializable(typeof(FieldArticle))]
[JsonSerializable(typeof(FieldPricing))]
[JsonSerializable(typeof(PushReportBody))]
[JsonSerializable(typeof(PushResult))]
[JsonSerializable(typeof(ReportDocument))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(RefreshRequest))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(FieldIdentity))]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(StoredSession))]
[JsonSerializable(typeof(SyncMeta))]
[JsonSerializable(typeof(OutboxItem))]
[JsonSerializable(typeof(ReportDraft))]
[JsonSerializable(typeof(TakenPhotos))]
[JsonSerializable(typeof(SavedImage))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, string>>))]
internal sealed partial class FieldJson : JsonSerializerContext;
