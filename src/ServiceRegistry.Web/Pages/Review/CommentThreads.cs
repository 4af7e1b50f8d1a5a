using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Review;

/// <summary>The reviewer's comments on a card as threads (the comment, the replies under it), shown on the review page
/// and in the edit form until resolved; each with a form to reply and, for the agency's staff, to mark it resolved.</summary>
public sealed record CommentThreads(int CardId, IReadOnlyList<CommentThread> Threads, bool MayResolve, string From)
{
    public IEnumerable<CommentThread> Open => Threads.Where(t => t.Comment.IsOpen);

    /// <summary>The threads of card <paramref name="card"/>, newest first; only the open ones when <paramref name="openOnly"/>.</summary>
    public static async Task<CommentThreads> LoadAsync(RegistryDbContext db, ServiceCard card, Actor actor, string from, bool openOnly, CancellationToken ct)
    {
        var all = await db.ReviewComments.AsNoTracking().Where(c => c.CardId == card.Id).OrderBy(c => c.Id).ToListAsync(ct);
        var replies = all.Where(c => c.ReplyToId is not null).ToLookup(c => c.ReplyToId!.Value);
        var threads = all.Where(c => c.ReplyToId is null && (!openOnly || c.ResolvedAt is null))
            .OrderByDescending(c => c.At).ThenBy(c => c.Id)
            .Select(c => new CommentThread(c, replies[c.Id].ToList())).ToList();
        return new CommentThreads(card.Id, threads, actor.IsEditorOf(card) || actor.IsHeadOf(card), from);
    }

    /// <summary>The open comments by form field name, for <see cref="CardFormNames.CommentsKey"/>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ByField() =>
        Open.Where(t => t.Comment.FieldPath is not null)
            .GroupBy(t => CardFormNames.FieldName(t.Comment.FieldPath!))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(t => t.Comment.Text).ToList());
}

public sealed record CommentThread(ReviewComment Comment, IReadOnlyList<ReviewComment> Replies)
{
    public string FieldLabel => Comment.FieldPath is null ? "کل شناسنامه" : CardFields.LabelOf(Comment.FieldPath);

    /// <summary>The form field's element id, to jump to from the list (null for the whole card).</summary>
    public string? Anchor => Comment.FieldPath is null ? null : CardFormNames.Id(CardFormNames.FieldName(Comment.FieldPath));
}
