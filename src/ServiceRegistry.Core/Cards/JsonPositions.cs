using System.Text;
using System.Text.Json;

namespace ServiceRegistry.Core.Cards;

/// <summary>Finds where a JSON path ($.fees.amountsRials[1]) is in a UTF-8 document, as 1-based line and column.</summary>
internal static class JsonPositions
{
    /// <summary>The position of the path, or of its nearest ancestor present in the document (a missing
    /// required key is reported where its object starts).</summary>
    public static (int Line, int Column)? FindNearest(ReadOnlySpan<byte> utf8, string path)
    {
        while (true)
        {
            if (Find(utf8, path) is { } found)
            {
                return found;
            }

            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            if (cut <= 0)
            {
                return Find(utf8, "$");
            }

            path = path[..cut];
        }
    }

    public static (int Line, int Column)? Find(ReadOnlySpan<byte> utf8, string path)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var stack = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        stack[^1] = stack[^1] with { Name = reader.GetString() };
                        if (Path(stack) == path)
                        {
                            return Position(utf8, reader.TokenStartIndex);
                        }

                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        stack.RemoveAt(stack.Count - 1);
                        continue;
                }

                if (stack.Count > 0 && stack[^1].IsArray)
                {
                    stack[^1] = stack[^1] with { Index = stack[^1].Index + 1 };
                }

                if (Path(stack) == path)
                {
                    return Position(utf8, reader.TokenStartIndex);
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    stack.Add(new Frame(reader.TokenType == JsonTokenType.StartArray, -1, null));
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    /// <summary>The 1-based character column of a 0-based byte position in a 0-based line.</summary>
    public static int Column(ReadOnlySpan<byte> utf8, long line, long bytePositionInLine)
    {
        var start = 0;
        for (long l = 0; l < line && start < utf8.Length; l++)
        {
            var next = utf8[start..].IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }

            start += next + 1;
        }

        var length = (int)Math.Min(bytePositionInLine, utf8.Length - start);
        return Encoding.UTF8.GetCharCount(utf8.Slice(start, Math.Max(length, 0))) + 1;
    }

    private static (int, int) Position(ReadOnlySpan<byte> utf8, long offset)
    {
        var before = utf8[..(int)offset];
        var line = before.Count((byte)'\n');
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (line + 1, Encoding.UTF8.GetCharCount(before[lineStart..]) + 1);
    }

    private static string Path(List<Frame> stack)
    {
        var sb = new StringBuilder("$");
        foreach (var frame in stack)
        {
            if (frame.IsArray)
            {
                sb.Append('[').Append(frame.Index).Append(']');
            }
            else if (frame.Name is not null)
            {
                sb.Append('.').Append(frame.Name);
            }
        }

        return sb.ToString();
    }

    private sealed record Frame(bool IsArray, int Index, string? Name);
}
