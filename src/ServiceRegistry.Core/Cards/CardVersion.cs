
namespace ServiceRegistry.Core.Cards;

/// <summary>A saved version of a card's content, kept for ever so any two can be compared.</summary>
public sealed class CardVersion
{
    private CardVersion()
    {
    }

    public CardVersion(int version, CardContent content, CardStatus status, DateTimeOffset at, string savedBy)
    {
        Version = version;
        Content = content;
        Status = status;
        SavedAt = at.UtcDateTime;
        SavedBy = savedBy;
    }

    public long Id { get; private set; }
    public int CardId { get; private set; }
    public int Version { get; private set; }
    public CardContent Content { get; private set; } = new();
    public CardStatus Status { get; private set; }
    public DateTime SavedAt { get; private set; }
    public string SavedBy { get; private set; } = "";
}

/// <summary>A reviewer's comment on a returned card, on one field (its JSON path) or on the card as a whole; or a reply
/// in its thread (<see cref="ReplyToId"/>). Open until the agency marks it resolved.</summary>
public sealed class ReviewComment
{
    private ReviewComment()
    {
    }

    public ReviewComment(string? fieldPath, string text)
    {
        FieldPath = string.IsNullOrWhiteSpace(fieldPath) ? null : fieldPath.Trim();
        Text = text.Trim();
    }

    public long Id { get; private set; }
    public int CardId { get; private set; }
    public int CardVersion { get; private set; }
    public string? FieldPath { get; private set; }
    public string Text { get; private set; } = "";
    public string Author { get; private set; } = "";
    public DateTime At { get; private set; }

    /// <summary>The comment this one answers (a thread is one level deep: replies answer the reviewer's comment).</summary>
    public long? ReplyToId { get; private set; }

    public DateTime? ResolvedAt { get; private set; }
    public string? ResolvedBy { get; private set; }

    public bool IsOpen => ResolvedAt is null && ReplyToId is null;

    /// <summary>A reply to <paramref name="comment"/> (on the same field).</summary>
    public static ReviewComment ReplyTo(ReviewComment comment, string text) => new(comment.FieldPath, text) { ReplyToId = comment.Id };

    internal void Resolve(string by, DateTimeOffset at)
    {
        ResolvedAt = at.UtcDateTime;
        ResolvedBy = by;
    }

    internal void Stamp(int version, string author, DateTimeOffset at)
    {
        CardVersion = version;
        Author = author;
        At = at.UtcDateTime;
    }
}
