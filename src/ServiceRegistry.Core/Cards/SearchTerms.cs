using System.Globalization;
using System.Text;
using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Core.Cards;

/// <summary>
/// The words search sees, the same on both sides: the card's text is stored this way (<c>TitleKey</c>,
/// <c>SearchText</c>) and a query is split this way. <see cref="PersianText.Normalize"/> folds the letters, digits
/// and ZWNJ; then anything that is not a letter or digit becomes a space, so SQLite's FTS5 tokenizer and
/// PostgreSQL's parser see the same plain words.
/// </summary>
public static class SearchTerms
{
    /// <summary>The normalised text as words separated by single spaces.</summary>
    public static string Document(string? text)
    {
        var normalized = PersianText.Normalize(text);
        var sb = new StringBuilder(normalized.Length);
        var space = false;
        foreach (var c in normalized)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(c);
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return sb.ToString();
    }

    /// <summary>The query's words (at most 8, each at most 64 characters), in order, without repeats.</summary>
    public static IReadOnlyList<string> Words(string? query) =>
        Document(query).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Length > 64 ? w[..64] : w)
            .Distinct(StringComparer.Ordinal)
            .Take(8)
            .ToList();

    /// <summary>FTS5 query: every word as a prefix, in any column.</summary>
    public static string Fts5(IReadOnlyList<string> words) => string.Join(" AND ", words.Select(w => $"\"{w}\"*"));

    /// <summary>PostgreSQL tsquery: every word as a prefix.</summary>
    public static string TsQuery(IReadOnlyList<string> words) => string.Join(" & ", words.Select(w => $"'{w}':*"));

    internal static string Join(params string?[] parts) =>
        Document(string.Join(' ', parts.Where(p => !string.IsNullOrWhiteSpace(p))));

    internal static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
