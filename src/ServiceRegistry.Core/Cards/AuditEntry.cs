namespace ServiceRegistry.Core.Cards;

/// <summary>One line of the append-only audit log: who did what to which card, and when. Never updated or deleted
/// (the database refuses it with triggers).</summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    public AuditEntry(DateTimeOffset at, int? userId, string userName, int? cardId, string action, string? detail)
    {
        At = at.UtcDateTime;
        UserId = userId;
        UserName = userName;
        CardId = cardId;
        Action = action;
        Detail = detail;
    }

    public long Id { get; private set; }
    public DateTime At { get; private set; }
    public int? UserId { get; private set; }
    public string UserName { get; private set; } = "";
    public int? CardId { get; private set; }
    public string Action { get; private set; } = "";
    public string? Detail { get; private set; }
}

/// <summary>The actions the audit log records, with their Persian labels.</summary>
public static class AuditActions
{
    public const string Created = "created";
    public const string Edited = "edited";
    public const string Submitted = "submitted";
    public const string Returned = "returned";
    public const string Approved = "approved";
    public const string ServiceIdIssued = "serviceIdIssued";
    public const string Published = "published";
    public const string RevisionStarted = "revisionStarted";
    public const string Archived = "archived";
    public const string Imported = "imported";
    public const string DuplicateKept = "duplicateKept";
    public const string TemplateChanged = "templateChanged";
    public const string TemplateAnswered = "templateAnswered";
    public const string PartOverridden = "partOverridden";
    public const string PartReverted = "partReverted";
    public const string SignedIn = "signedIn";
    public const string SignInFailed = "signInFailed";
    public const string UserCreated = "userCreated";
    public const string ApiTokenCreated = "apiTokenCreated";
    public const string ApiTokenRevoked = "apiTokenRevoked";
    public const string StatisticsSaved = "statisticsSaved";
    public const string StatisticsSubmitted = "statisticsSubmitted";
    public const string StatisticsLocked = "statisticsLocked";
    public const string WebhookRetried = "webhookRetried";

    public static string Label(string action) => action switch
    {
        Created => "ایجاد پیش‌نویس",
        Edited => "ویرایش",
        Submitted => "ارسال برای بررسی",
        Returned => "برگشت برای اصلاح",
        Approved => "تایید",
        ServiceIdIssued => "صدور شناسه خدمت",
        Published => "انتشار",
        RevisionStarted => "آغاز بازنگری",
        Archived => "بایگانی",
        Imported => "ورود از فایل",
        DuplicateKept => "ثبت با وجود خدمت هم‌عنوان",
        TemplateChanged => "تغییر الگوی ملی",
        TemplateAnswered => "پاسخ به تغییر الگو",
        PartOverridden => "بازنویسی محلی بخش الگو",
        PartReverted => "بازگشت به متن الگو",
        SignedIn => "ورود به سامانه",
        SignInFailed => "ورود ناموفق",
        UserCreated => "ایجاد کاربر",
        ApiTokenCreated => "ایجاد توکن API",
        ApiTokenRevoked => "ابطال توکن API",
        StatisticsSaved => "ثبت آمار فصلی",
        StatisticsSubmitted => "ارسال آمار فصلی",
        StatisticsLocked => "قفل آمار فصلی",
        WebhookRetried => "ارسال دوباره وب‌هوک",
        _ => action,
    };
}
