using System.Text.Json;
using System.Text.Json.Serialization;

namespace CreditAlt.Api.Decisions;

/// <summary>
/// Compile-time JSON metadata for the decision answer, written once per decision: the generated writer is cheaper than
/// the reflection-based one (figures in docs/benchmarks.md) and writes the same bytes.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DecisionResponse))]
[JsonSerializable(typeof(RecourseView))]
internal sealed partial class DecisionJsonContext : JsonSerializerContext;
