using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace ServiceRegistry.Core.Cards;

/// <summary>One problem with an incoming card: the JSON path of the field, where it is in the file
/// (1-based line and column, when known) and a message for people.</summary>
public sealed record CardJsonError(string Path, int? Line, int? Column, string Message)
{
    public override string ToString() =>
        Line is { } line ? $"line {line}, column {Column}: {Path}: {Message}" : $"{Path}: {Message}";
}

/// <summary>The result of reading a card: the content, or the errors that kept it from being read.</summary>
public sealed record CardReadResult(CardContent? Content, IReadOnlyList<CardJsonError> Errors)
{
    public bool Ok => Content is not null && Errors.Count == 0;
}

/// <summary>The spec's JSON format: camelCase keys, enum codes, readable Persian. One options object serves
/// files, the API and the database column, so the same card is the same JSON everywhere.</summary>
public static class CardJson
{
    public static readonly JsonSerializerOptions Options = Create(indented: false);
    public static readonly JsonSerializerOptions IndentedOptions = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false,
            NumberHandling = JsonNumberHandling.Strict,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            IndentSize = 2,
        };
        options.Converters.Add(new SpecEnumConverterFactory());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>The card as the spec's JSON, indented, with every key present, ending in a newline.</summary>
    public static string Serialize(CardContent content) =>
        JsonSerializer.Serialize(content, IndentedOptions) + "\n";

    /// <summary>Reads a card file or body. Nothing is returned when anything is wrong: every error names the
    /// field (JSON path) and where it is.</summary>
    public static CardReadResult Read(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json.TrimStart('\uFEFF'));
        return Read(bytes);
    }

    public static CardReadResult Read(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\xEF\xBB\xBF"u8))
        {
            utf8 = utf8[3..];
        }

        CardContent? content;
        try
        {
            content = JsonSerializer.Deserialize<CardContent>(utf8, Options);
        }
        catch (JsonException ex)
        {
            var path = ex.Path ?? "$";
            var line = ex.LineNumber is { } l ? (int)l + 1 : (int?)null;
            var column = ex.LineNumber is { } ln && ex.BytePositionInLine is { } b ? JsonPositions.Column(utf8, ln, b) : (int?)null;
            return new CardReadResult(null, [new CardJsonError(path, line, column, Explain(ex))]);
        }

        if (content is null)
        {
            return new CardReadResult(null, [new CardJsonError("$", 1, 1, "فایل باید یک شیء JSON (شناسنامه خدمت) باشد، نه null.")]);
        }

        var problems = content.StructuralProblems();
        if (problems.Count == 0)
        {
            return new CardReadResult(content, []);
        }

        var errors = new List<CardJsonError>(problems.Count);
        foreach (var problem in problems)
        {
            var position = JsonPositions.FindNearest(utf8, problem.Path);
            errors.Add(new CardJsonError(problem.Path, position?.Line, position?.Column, problem.Message));
        }

        return new CardReadResult(null, errors);
    }

    /// <summary>Reads JSON written by this application (the database column). Throws on anything malformed.</summary>
    public static CardContent ReadTrusted(string json) =>
        JsonSerializer.Deserialize<CardContent>(json, Options) ?? throw new JsonException("card content is null");

    /// <summary>The compact JSON form (the database column).</summary>
    public static string ToCompact(CardContent content) => JsonSerializer.Serialize(content, Options);

    /// <summary>A deep copy through the JSON form.</summary>
    public static CardContent Clone(CardContent content) =>
        ReadTrusted(ToCompact(content));

    private static string Explain(JsonException ex)
    {
        var message = ex.Message;
        if (message.StartsWith("The JSON value could not be converted to ", StringComparison.Ordinal))
        {
            var target = message.Replace("The JSON value could not be converted to ", "", StringComparison.Ordinal);
            return target switch
            {
                _ when target.StartsWith("System.Boolean", StringComparison.Ordinal) => "باید true یا false باشد.",
                _ when target.StartsWith("System.Nullable`1[System.Boolean]", StringComparison.Ordinal) => "باید true، false یا null باشد.",
                _ when target.StartsWith("System.Nullable`1[System.Int64]", StringComparison.Ordinal) => "باید عدد صحیح یا null باشد.",
                _ when target.StartsWith("System.Int64", StringComparison.Ordinal) => "باید عدد صحیح باشد.",
                _ when target.Contains("System.Decimal", StringComparison.Ordinal) => "باید عدد یا null باشد.",
                _ when target.StartsWith("System.String", StringComparison.Ordinal) => "باید متن (رشته) باشد.",
                _ when target.Contains("List`1", StringComparison.Ordinal) => "باید فهرست (آرایه JSON) باشد.",
                _ when target.StartsWith("ServiceRegistry", StringComparison.Ordinal) => "باید شیء JSON باشد.",
                _ => "مقدار با نوع این فیلد نمی‌خواند.",
            };
        }

        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var name = message.Split('\'') is { Length: > 2 } parts ? parts[1] : "?";
            return $"فیلد «{name}» در شناسنامه خدمت تعریف نشده است (کلیدها را در spec/service-card.md ببینید).";
        }

        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return "این فیلد دو بار آمده است.";
        }

        if (ex.InnerException is not null || message.Contains("invalid", StringComparison.OrdinalIgnoreCase))
        {
            return "JSON نامعتبر است (ساختار فایل خراب است): " + (ex.InnerException?.Message ?? message).Split(" Path:")[0].Split(" LineNumber:")[0];
        }

        return message.Split(" Path:")[0];
    }
}
