using ServiceRegistry.Core.Review;

namespace ServiceRegistry.Core.Cards;

/// <summary>The outcome of a workflow step: done, or refused with a reason a person can act on.</summary>
public sealed record WorkflowResult(bool Ok, string? Reason)
{
    public static readonly WorkflowResult Done = new(true, null);

    /// <summary>Refused because the person may not do this (as opposed to the card not being in the right state).</summary>
    public bool Forbidden { get; init; }

    public static WorkflowResult Refused(string reason) => new(false, reason);

    public static WorkflowResult NotAllowed(string reason) => new(false, reason) { Forbidden = true };
}

/// <summary>
/// The card's lifecycle: draft → submitted → returned (with comments) → … → approved (provincial reviewer) →
/// service ID issued (national administrator) → published; published → revision (a new draft card while the
/// published one stays visible) → published again; any → archived. Each step is one method used by pages and
/// API alike; it checks the status and who acts, records the audit trail, and refuses with a clear reason.
/// </summary>
public sealed partial class ServiceCard
{
    public bool IsEditable => Status is CardStatus.Draft or CardStatus.Returned;

    /// <summary>Agency staff edit their own drafts and returned cards.</summary>
    public WorkflowResult CanEdit(Actor actor) =>
        !actor.IsEditorOf(this) && !actor.IsHeadOf(this) ? WorkflowResult.NotAllowed("فقط کارشناسان همین دستگاه می‌توانند این شناسنامه را ویرایش کنند.")
        : !IsEditable ? WorkflowResult.Refused($"شناسنامه در وضعیت «{Labels.Of(Status)}» است و ویرایش نمی‌شود. برای تغییر خدمت منتشرشده «بازنگری» را آغاز کنید.")
        : WorkflowResult.Done;

    /// <summary>Saves new content written by <paramref name="actor"/>.</summary>
    public WorkflowResult Edit(Actor actor, CardContent content, DateTimeOffset now)
    {
        var check = CanEdit(actor);
        if (!check.Ok)
        {
            return check;
        }

        Update(content, now, actor.Name);
        Record(actor, now, AuditActions.Edited, $"نسخه {Version}");
        return WorkflowResult.Done;
    }

    /// <summary>Records the creation of a new card (after <see cref="NewDraft"/>).</summary>
    public void RecordCreated(Actor actor, DateTimeOffset now, string action = AuditActions.Created) => Record(actor, now, action, null);

    /// <summary>Records why a new card exists beside <paramref name="same"/>, the card it repeats (<see cref="SameService"/>):
    /// the person chose to keep both.</summary>
    public void RecordDuplicateKept(Actor actor, DateTimeOffset now, ExistingCard same) =>
        Record(actor, now, AuditActions.DuplicateKept, $"شناسنامه {same.Id} «{same.Title}» با همین خدمت هست؛ شناسنامه تازه به انتخاب کاربر ساخته شد.");

    /// <summary>Records that an imported file's content was saved into this card (a revision of the card it repeats).</summary>
    public void RecordImportedInto(Actor actor, DateTimeOffset now, string source) => Record(actor, now, AuditActions.Imported, source);

    /// <summary>Agency staff send their drafts and returned cards for review (the content is checked by <see cref="Submit"/>).</summary>
    public WorkflowResult CanSubmit(Actor actor) =>
        !actor.IsEditorOf(this) && !actor.IsHeadOf(this) ? WorkflowResult.NotAllowed("فقط کارشناسان همین دستگاه می‌توانند شناسنامه را برای بررسی بفرستند.")
        : !IsEditable ? WorkflowResult.Refused($"فقط پیش‌نویس یا شناسنامه برگشتی فرستاده می‌شود؛ این شناسنامه «{Labels.Of(Status)}» است.")
        : WorkflowResult.Done;

    public WorkflowResult Submit(Actor actor, DateTimeOffset now)
    {
        var check = CanSubmit(actor);
        if (!check.Ok)
        {
            return check;
        }

        if (Content.StructuralProblems().Count > 0)
        {
            return WorkflowResult.Refused("شناسنامه خطا دارد؛ پیش از ارسال آن را اصلاح کنید.");
        }

        return Move(actor, now, CardStatus.Submitted, AuditActions.Submitted, null);
    }

    /// <summary>The province's reviewer (or the national office) returns or approves a submitted card.</summary>
    public WorkflowResult CanReview(Actor actor) =>
        !actor.ReviewsProvinceOf(this) && !actor.IsAdmin ? WorkflowResult.NotAllowed("فقط کارشناس بررسی همین استان می‌تواند شناسنامه را بررسی کند.")
        : Status != CardStatus.Submitted ? WorkflowResult.Refused($"فقط شناسنامه ارسال‌شده بررسی می‌شود؛ این شناسنامه «{Labels.Of(Status)}» است.")
        : WorkflowResult.Done;

    /// <summary>Returns a submitted card to its agency with at least one comment (on a field or on the whole card).</summary>
    public WorkflowResult Return(Actor actor, IReadOnlyList<ReviewComment> comments, DateTimeOffset now)
    {
        var check = CanReview(actor);
        if (!check.Ok)
        {
            return check;
        }

        var real = comments.Where(c => !string.IsNullOrWhiteSpace(c.Text)).ToList();
        if (real.Count == 0)
        {
            return WorkflowResult.Refused("برای برگشت دادن دست‌کم یک توضیح بنویسید تا دستگاه بداند چه چیزی را اصلاح کند.");
        }

        foreach (var comment in real)
        {
            comment.Stamp(Version, actor.Name, now);
            Comments.Add(comment);
        }

        return Move(actor, now, CardStatus.Returned, AuditActions.Returned, $"{real.Count} توضیح");
    }

    /// <summary>Answers a reviewer's comment on this card: a reply (the agency's staff or the reviewer) and/or, by the
    /// agency's staff, marks it resolved. The comment must be one of this card's, not a reply.</summary>
    public WorkflowResult Answer(Actor actor, ReviewComment comment, string? reply, bool resolve, DateTimeOffset now)
    {
        var staff = actor.IsEditorOf(this) || actor.IsHeadOf(this);
        if (!staff && !actor.ReviewsProvinceOf(this) && !actor.IsAdmin)
        {
            return WorkflowResult.NotAllowed("فقط کارشناسان همین دستگاه و کارشناس بررسی آن به توضیحات پاسخ می‌دهند.");
        }

        if (comment.CardId != Id || comment.ReplyToId is not null)
        {
            return WorkflowResult.Refused("این توضیح از این شناسنامه نیست.");
        }

        if (resolve && !staff)
        {
            return WorkflowResult.NotAllowed("توضیح را کارشناس دستگاه پس از اصلاح «حل‌شده» می‌کند.");
        }

        if (!string.IsNullOrWhiteSpace(reply))
        {
            var answer = ReviewComment.ReplyTo(comment, reply);
            answer.Stamp(Version, actor.Name, now);
            Comments.Add(answer);
        }

        if (resolve && comment.ResolvedAt is null)
        {
            comment.Resolve(actor.Name, now);
        }

        return WorkflowResult.Done;
    }

    public WorkflowResult Approve(Actor actor, DateTimeOffset now) =>
        CanReview(actor) is { Ok: false } refused ? refused : Move(actor, now, CardStatus.Approved, AuditActions.Approved, null);

    /// <summary>The national office gives an approved card its service ID (from <see cref="ServiceIdIssuer"/>).</summary>
    public WorkflowResult IssueServiceId(Actor actor, string serviceId, DateTimeOffset now)
    {
        var check = CanIssueServiceId(actor);
        if (!check.Ok)
        {
            return check;
        }

        ServiceId = serviceId;
        Content.ServiceId = serviceId;
        return Move(actor, now, CardStatus.IdIssued, AuditActions.ServiceIdIssued, serviceId);
    }

    /// <summary>Whether <paramref name="actor"/> may give this card its service ID now (asked before a number is drawn,
    /// so a refused step does not use one up).</summary>
    public WorkflowResult CanIssueServiceId(Actor actor) =>
        !actor.IsAdmin ? WorkflowResult.NotAllowed("شناسه خدمت را فقط مدیر ملی سامانه صادر می‌کند.")
        : Status != CardStatus.Approved || RevisionOfId is not null ? WorkflowResult.Refused("شناسه فقط برای شناسنامه تاییدشده‌ای صادر می‌شود که هنوز شناسه ندارد.")
        : ServiceId is not null ? WorkflowResult.Refused($"این خدمت پیش از این شناسه {ServiceId} گرفته است.")
        : WorkflowResult.Done;

    /// <summary>Publishes a card that has its service ID. A revision is published by <see cref="PublishRevision"/>.</summary>
    public WorkflowResult Publish(Actor actor, DateTimeOffset now)
    {
        var check = CanPublish(actor);
        if (!check.Ok)
        {
            return check;
        }

        if (RevisionOfId is not null)
        {
            return WorkflowResult.Refused("بازنگری در خدمتی که بازنگری می‌کند منتشر می‌شود.");
        }

        PublishedAt = now.UtcDateTime;
        return Move(actor, now, CardStatus.Published, AuditActions.Published, ServiceId);
    }

    /// <summary>The national office publishes a card that has its service ID, or an approved revision (into the card it revises).</summary>
    public WorkflowResult CanPublish(Actor actor) =>
        !actor.IsAdmin ? WorkflowResult.NotAllowed("انتشار در فهرست عمومی با مدیر ملی سامانه است.")
        : RevisionOfId is null && Status != CardStatus.IdIssued ? WorkflowResult.Refused("فقط شناسنامه‌ای که شناسه خدمت گرفته منتشر می‌شود.")
        : RevisionOfId is not null && Status != CardStatus.Approved ? WorkflowResult.Refused("فقط بازنگری تاییدشده منتشر می‌شود.")
        : WorkflowResult.Done;

    /// <summary>Agency staff start a revision of a published card (one open revision at a time: see CardWorkflow).</summary>
    public WorkflowResult CanStartRevision(Actor actor) =>
        !actor.IsEditorOf(this) && !actor.IsHeadOf(this) ? WorkflowResult.NotAllowed("فقط کارشناسان همین دستگاه می‌توانند بازنگری را آغاز کنند.")
        : Status != CardStatus.Published ? WorkflowResult.Refused("بازنگری فقط برای خدمت منتشرشده آغاز می‌شود.")
        : WorkflowResult.Done;

    /// <summary>Starts a revision of a published card: a new draft with the same content, under the same agency;
    /// the published card stays visible until the revision is published.</summary>
    public WorkflowResult StartRevision(Actor actor, DateTimeOffset now, out ServiceCard? revision)
    {
        revision = null;
        var check = CanStartRevision(actor);
        if (!check.Ok)
        {
            return check;
        }

        revision = new ServiceCard
        {
            AgencyId = AgencyId,
            Province = Province,
            RevisionOfId = Id,
            Status = CardStatus.Draft,
            CreatedAt = now.UtcDateTime,
        };
        revision.CopyTemplateLink(this);
        revision.Update(CardJson.Clone(Content), now, actor.Name);
        revision.Content.ServiceId = ServiceId;
        Record(actor, now, AuditActions.RevisionStarted, null);
        return WorkflowResult.Done;
    }

    /// <summary>Publishes an approved revision into the card it revises (which keeps its id and service ID); the
    /// revision card is archived.</summary>
    public WorkflowResult PublishRevision(Actor actor, ServiceCard revision, DateTimeOffset now)
    {
        if (!actor.IsAdmin)
        {
            return WorkflowResult.NotAllowed("انتشار در فهرست عمومی با مدیر ملی سامانه است.");
        }

        if (revision.RevisionOfId != Id || revision.Status != CardStatus.Approved || Status != CardStatus.Published)
        {
            return WorkflowResult.Refused("فقط بازنگری تاییدشده یک خدمت منتشرشده منتشر می‌شود.");
        }

        CopyTemplateLink(revision);
        Update(CardJson.Clone(revision.Content), now, actor.Name);
        PublishedAt = now.UtcDateTime;
        Record(actor, now, AuditActions.Published, $"بازنگری {revision.Id}");
        revision.Move(actor, now, CardStatus.Archived, AuditActions.Archived, $"منتشر شد در {Id}");
        return WorkflowResult.Done;
    }

    /// <summary>The agency's head or the national office archives a card.</summary>
    public WorkflowResult CanArchive(Actor actor) =>
        !actor.IsAdmin && !actor.IsHeadOf(this) ? WorkflowResult.NotAllowed("بایگانی با بالاترین مقام دستگاه یا مدیر ملی سامانه است.")
        : Status == CardStatus.Archived ? WorkflowResult.Refused("این شناسنامه پیش از این بایگانی شده است.")
        : WorkflowResult.Done;

    public WorkflowResult Archive(Actor actor, DateTimeOffset now) =>
        CanArchive(actor) is { Ok: false } refused ? refused : Move(actor, now, CardStatus.Archived, AuditActions.Archived, null);

    private WorkflowResult Move(Actor actor, DateTimeOffset now, CardStatus to, string action, string? detail)
    {
        Status = to;
        UpdatedAt = now.UtcDateTime;
        Version++; // every change, content or status, moves the concurrency token
        // ...and is kept as a version, so every number a card has shown (its published states too) can be compared.
        Versions.Add(new CardVersion(Version, CardJson.Clone(Content), to, now, actor.Name));
        Record(actor, now, action, detail);
        return WorkflowResult.Done;
    }

    private void Record(Actor actor, DateTimeOffset now, string action, string? detail) =>
        AuditTrail.Add(new AuditEntry(now, actor.UserId, actor.Name, Id == 0 ? null : Id, action, detail));
}
