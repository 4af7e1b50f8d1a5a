using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Figures;

/// <summary>Where a quarterly return stands: the agency drafts and submits it; the provincial reviewer locks a submitted one.</summary>
public enum ReturnStatus
{
    Draft,
    Submitted,
    Locked,
}

/// <summary>
/// One service's figures for one Jalali quarter (the spec's «بازگشت فصلی»): one row per card and quarter, every figure a
/// nullable column so the dashboard sums them in the database. <see cref="Version"/> counts every change and is the
/// concurrency token; every change is kept as a <see cref="ReturnVersion"/> and written to the audit log by
/// <see cref="ReturnWorkflow"/>. Who may do what is answered here, as the card answers it for cards.
/// </summary>
public sealed class QuarterlyReturn
{
    private QuarterlyReturn()
    {
    }

    public QuarterlyReturn(int cardId, Quarter period)
    {
        CardId = cardId;
        Period = period;
    }

    public long Id { get; private set; }
    public int CardId { get; private set; }
    public Quarter Period { get; private set; }
    public ReturnStatus Status { get; private set; }
    public int Version { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public DateTime? LockedAt { get; private set; }
    public string? LockedBy { get; private set; }

    public long? RequestsWebsite { get; private set; }
    public long? RequestsMobileApp { get; private set; }
    public long? RequestsEmail { get; private set; }
    public long? RequestsSms { get; private set; }
    public long? RequestsCallCenter { get; private set; }
    public long? RequestsCounterOffice { get; private set; }
    public long? RequestsPost { get; private set; }
    public long? RequestsOther { get; private set; }
    public long? RequestsInPerson { get; private set; }
    public long? Completed { get; private set; }
    public long? Rejected { get; private set; }
    public double? ProcessingDaysAverage { get; private set; }
    public double? ProcessingDaysP90 { get; private set; }
    public long? InPersonVisits { get; private set; }
    public long? InquiriesOnline { get; private set; }
    public long? InquiriesByHand { get; private set; }
    public long? FeesCollectedRials { get; private set; }
    public double? SatisfiedShare { get; private set; }
    public long? SatisfactionAnswers { get; private set; }
    public long? Complaints { get; private set; }

    /// <summary>Derived when written (<see cref="Derived.Requests"/> with the card's channels at that time): electronic, assisted
    /// (counter offices) and all requests, null when a channel the card lists is unknown; and their ratio, the digital take-up.
    /// Stored so the dashboard sums them in the database.</summary>
    public long? ElectronicRequests { get; private set; }
    public long? AssistedRequests { get; private set; }
    public long? AllRequests { get; private set; }
    public double? TakeUp { get; private set; }

    /// <summary>The card's scope (published or not, agency, province, e-readiness level), kept by the database: a trigger
    /// fills it when a return is inserted and copies every change of the card to its returns (migration
    /// 20261201180000_ReturnScope). Code never sets it; the quarterly views filter and group on it without joining Cards.</summary>
    public bool CardPublished { get; private set; }
    public int? AgencyId { get; private set; }
    public string? Province { get; private set; }
    public int? Maturity { get; private set; }

    public List<ReturnVersion> Versions { get; private set; } = [];

    /// <summary>The figures as the spec shapes them.</summary>
    public QuarterFigures Figures => new()
    {
        Requests = new ChannelRequests
        {
            Website = RequestsWebsite, MobileApp = RequestsMobileApp, Email = RequestsEmail, Sms = RequestsSms, CallCenter = RequestsCallCenter,
            CounterOffice = RequestsCounterOffice, Post = RequestsPost, Other = RequestsOther, InPerson = RequestsInPerson,
        },
        Completed = Completed,
        Rejected = Rejected,
        ProcessingDays = new ProcessingDays { Average = ProcessingDaysAverage, P90 = ProcessingDaysP90 },
        InPersonVisits = InPersonVisits,
        Inquiries = new InquiryCounts { Online = InquiriesOnline, ByHand = InquiriesByHand },
        FeesCollectedRials = FeesCollectedRials,
        Satisfaction = new Satisfaction { SatisfiedShare = SatisfiedShare, Answers = SatisfactionAnswers },
        Complaints = Complaints,
    };

    /// <summary>The ETag of this return's state (card, period, version).</summary>
    public string ETag() => $"\"{CardId}-{Period}-{Version}\"";

    /// <summary>Agency staff (editor or head) of the card's agency write its returns, while a return is not locked.</summary>
    public static WorkflowResult CanWrite(Actor actor, ServiceCard card, QuarterlyReturn? existing) =>
        !actor.IsEditorOf(card) && !actor.IsHeadOf(card)
            ? WorkflowResult.NotAllowed("فقط کارشناسان همین دستگاه می‌توانند آمار فصلی این خدمت را ثبت کنند.")
        : card.Status != CardStatus.Published
            ? WorkflowResult.Refused("آمار فصلی برای خدمت منتشرشده ثبت می‌شود؛ این شناسنامه هنوز منتشر نشده است.")
        : existing?.Status == ReturnStatus.Locked
            ? WorkflowResult.Refused($"آمار «{existing.Period.Label}» قفل شده است و تغییر نمی‌کند.")
        : WorkflowResult.Done;

    /// <summary>The reviewer of the card's province (the national office for national agencies, and always) locks a submitted return.</summary>
    public WorkflowResult CanLock(Actor actor, ServiceCard card) =>
        !actor.ReviewsProvinceOf(card) && !actor.IsAdmin
            ? WorkflowResult.NotAllowed("فقط کارشناس بررسی همین استان می‌تواند آمار فصلی را قفل کند.")
        : Status != ReturnStatus.Submitted
            ? WorkflowResult.Refused($"فقط آمار ارسال‌شده قفل می‌شود؛ آمار «{Period.Label}» {Label(Status)} است.")
        : WorkflowResult.Done;

    /// <summary>Drafts are seen by the card's agency staff, the reviewer of its province and the national office.</summary>
    public static bool SeesDrafts(Actor actor, ServiceCard card) => actor.IsAdmin || actor.WorksFor(card) || actor.ReviewsProvinceOf(card);

    /// <summary>Drafts or submitted returns may be seen by whoever sees the card's unpublished work; submitted and locked ones are public.</summary>
    public static bool IsPublic(ReturnStatus status) => status != ReturnStatus.Draft;

    /// <summary>Whether <paramref name="figures"/> and <paramref name="status"/> are what is stored already (an idempotent repeat).</summary>
    public bool Holds(QuarterFigures figures, ReturnStatus status) => Status == status && Figures == figures;

    /// <summary>A return made by the system, not through the rules (demo data, synthetic data, test arrangement), as
    /// <see cref="ServiceCard.FromFile"/> is for cards: written once in <paramref name="status"/> with its first version.</summary>
    public static QuarterlyReturn Seeded(int cardId, Quarter period, QuarterFigures figures, IReadOnlySet<string>? offered, ReturnStatus status, DateTimeOffset now, bool keepVersion = true)
    {
        var r = new QuarterlyReturn(cardId, period);
        r.Write(figures, offered, status == ReturnStatus.Locked ? ReturnStatus.Submitted : status, now, "سامانه", keepVersion ? FiguresJson.Write(figures) : null);
        if (status == ReturnStatus.Locked)
        {
            r.Status = ReturnStatus.Locked;
            r.LockedAt = now.UtcDateTime;
            r.LockedBy = "سامانه";
        }

        return r;
    }

    /// <summary>Stores new figures (and draft or submitted), counting a version and keeping it. Call after <see cref="CanWrite"/>.</summary>
    internal void Write(QuarterFigures f, IReadOnlySet<string>? offered, ReturnStatus status, DateTimeOffset now, string by, string? json)
    {
        if (status == ReturnStatus.Locked)
        {
            throw new ArgumentOutOfRangeException(nameof(status), "a return is locked by Lock, not written locked");
        }

        (RequestsWebsite, RequestsMobileApp, RequestsEmail, RequestsSms, RequestsCallCenter) =
            (f.Requests.Website, f.Requests.MobileApp, f.Requests.Email, f.Requests.Sms, f.Requests.CallCenter);
        (RequestsCounterOffice, RequestsPost, RequestsOther, RequestsInPerson) =
            (f.Requests.CounterOffice, f.Requests.Post, f.Requests.Other, f.Requests.InPerson);
        (Completed, Rejected, ProcessingDaysAverage, ProcessingDaysP90) = (f.Completed, f.Rejected, f.ProcessingDays.Average, f.ProcessingDays.P90);
        (InPersonVisits, InquiriesOnline, InquiriesByHand, FeesCollectedRials) = (f.InPersonVisits, f.Inquiries.Online, f.Inquiries.ByHand, f.FeesCollectedRials);
        (SatisfiedShare, SatisfactionAnswers, Complaints) = (f.Satisfaction.SatisfiedShare, f.Satisfaction.Answers, f.Complaints);
        var requests = Derived.Requests(f, offered);
        (ElectronicRequests, AssistedRequests, AllRequests) = (requests?.Electronic, requests?.Assisted, requests?.All);
        TakeUp = Derived.TakeUp(f, offered);
        Status = status;
        Stamp(now, by, json);
    }

    internal void Lock(DateTimeOffset now, string by, string json)
    {
        Status = ReturnStatus.Locked;
        LockedAt = now.UtcDateTime;
        LockedBy = by;
        Stamp(now, by, json);
    }

    private void Stamp(DateTimeOffset now, string by, string? json)
    {
        Version++;
        UpdatedAt = now.UtcDateTime;
        UpdatedBy = by;
        if (json is not null)
        {
            Versions.Add(new ReturnVersion(Version, Status, json, now, by));
        }
    }

    public static string Label(ReturnStatus status) => status switch
    {
        ReturnStatus.Draft => "پیش‌نویس",
        ReturnStatus.Submitted => "ارسال‌شده",
        _ => "قفل‌شده",
    };

    /// <summary>The spec's code of a status (<c>draft</c>, <c>submitted</c>, <c>locked</c>).</summary>
    public static string Code(ReturnStatus status) => status switch
    {
        ReturnStatus.Draft => "draft",
        ReturnStatus.Submitted => "submitted",
        _ => "locked",
    };
}

/// <summary>A kept state of a return: its figures as the spec's JSON, its status, who saved it and when. Never changed.</summary>
public sealed class ReturnVersion
{
    private ReturnVersion()
    {
    }

    public ReturnVersion(int version, ReturnStatus status, string figures, DateTimeOffset at, string savedBy)
    {
        Version = version;
        Status = status;
        Figures = figures;
        SavedAt = at.UtcDateTime;
        SavedBy = savedBy;
    }

    public long Id { get; private set; }
    public long ReturnId { get; private set; }
    public int Version { get; private set; }
    public ReturnStatus Status { get; private set; }
    public string Figures { get; private set; } = "";
    public DateTime SavedAt { get; private set; }
    public string SavedBy { get; private set; } = "";
}
