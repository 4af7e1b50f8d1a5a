using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace ServiceRegistry.Core.Figures;

/// <summary>A return as an agency system sends it: the spec's keys; <c>period</c> (if given) must be the address's;
/// <c>status</c> is <c>draft</c> (default) or <c>submitted</c>.</summary>
public sealed record ReturnInput
{
    public string? Period { get; init; }
    public string? Status { get; init; }
    public ChannelRequests? Requests { get; init; }
    public long? Completed { get; init; }
    public long? Rejected { get; init; }
    public ProcessingDays? ProcessingDays { get; init; }
    public long? InPersonVisits { get; init; }
    public InquiryCounts? Inquiries { get; init; }
    public long? FeesCollectedRials { get; init; }
    public Satisfaction? Satisfaction { get; init; }
    public long? Complaints { get; init; }

    public QuarterFigures ToFigures() => new()
    {
        Requests = Requests ?? new(),
        Completed = Completed,
        Rejected = Rejected,
        ProcessingDays = ProcessingDays ?? new(),
        InPersonVisits = InPersonVisits,
        Inquiries = Inquiries ?? new(),
        FeesCollectedRials = FeesCollectedRials,
        Satisfaction = Satisfaction ?? new(),
        Complaints = Complaints,
    };
}

/// <summary>The figures' JSON: the spec's camelCase keys, strict on input (unknown keys and wrong types are errors with their path).</summary>
public static class FiguresJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        AllowDuplicateProperties = false,
    };

    public static string Write(QuarterFigures figures) => JsonSerializer.Serialize(figures, Options);

    public static QuarterFigures ReadStored(string json) => JsonSerializer.Deserialize<QuarterFigures>(json, Options) ?? new();

    /// <summary>Reads a request body; on failure the error's JSON path and a Persian message.</summary>
    public static (ReturnInput? Input, string? Path, string? Error) Read(ReadOnlySpan<byte> body)
    {
        try
        {
            var input = JsonSerializer.Deserialize<ReturnInput>(body, Options);
            return input is null ? (null, "$", "بدنه درخواست خالی است.") : (input, null, null);
        }
        catch (JsonException ex)
        {
            return (null, ex.Path ?? "$", $"JSON آمار فصلی خوانده نشد: {ex.Message}");
        }
    }
}
