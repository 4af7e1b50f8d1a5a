using System.ComponentModel.DataAnnotations;

namespace ServiceRegistry.Core.Cards;

/// <summary>
/// The content of a service identity card, exactly the spec's fields (../shared/spec/service-card.md).
/// Forms bind it, the API and files carry it as JSON, importers produce it. Workflow state
/// (id, status, owner, version) lives on <see cref="ServiceCard"/>, never here.
/// </summary>
public sealed partial class CardContent
{
    [Display(Name = "عنوان خدمت")] public string Title { get; set; } = "";
    [Display(Name = "شناسه خدمت")] public string? ServiceId { get; set; }
    [Display(Name = "خدمت مادر")] public string? ParentServiceId { get; set; }
    [Display(Name = "عنوان فرایند")] public string? ProcessTitle { get; set; }
    [Display(Name = "روش اجرایی")] public string? ExecutionMethod { get; set; }
    [Display(Name = "ارائه دهنده خدمت")] public Provider Provider { get; set; } = new();
    [Display(Name = "شرح خدمت")] public string? Description { get; set; }
    [Display(Name = "نوع خدمت")] public List<ServiceType> ServiceTypes { get; set; } = [];
    [Display(Name = "نوع مخاطبین / خدمت گیرندگان")] public string? Audience { get; set; }
    [Display(Name = "ماهیت خدمت")] public Nature? Nature { get; set; }
    [Display(Name = "سطح خدمت")] public List<ServiceLevel> Levels { get; set; } = [];
    [Display(Name = "رویداد مرتبط با")] public List<LifeEvent> LifeEvents { get; set; } = [];
    [Display(Name = "سایر رویداد (ذکر گردد)")] public string? LifeEventOther { get; set; }
    [Display(Name = "نحوه آغاز خدمت")] public List<Trigger> Triggers { get; set; } = [];
    [Display(Name = "سایر نحوه آغاز")] public string? TriggerOther { get; set; }
    [Display(Name = "مدارک لازم برای انجام خدمت")] public List<string> RequiredDocuments { get; set; } = [];
    [Display(Name = "قوانین و مقررات بالادستی")] public List<string> Laws { get; set; } = [];
    [Display(Name = "آمار تعداد خدمت گیرندگان")] public Recipients Recipients { get; set; } = new();
    [Display(Name = "متوسط مدت زمان ارائه خدمت")] public AverageDuration AverageDuration { get; set; } = new();
    [Display(Name = "تواتر")] public Frequency Frequency { get; set; } = new();
    [Display(Name = "تعداد بار مراجعه حضوری")] public InPersonVisits InPersonVisits { get; set; } = new();
    [Display(Name = "هزینه ارائه خدمت")] public Fees Fees { get; set; } = new();
    [Display(Name = "آدرس دقیق و مستقیم خدمت در وبگاه")] public List<string> WebAddresses { get; set; } = [];
    [Display(Name = "نام سامانه مربوط به خدمت")] public string? SystemName { get; set; }
    [Display(Name = "مراحل خدمت")] public Stages Stages { get; set; } = new();
    [Display(Name = "ارتباط خدمت با سایر سامانه ها در دستگاه")] public List<InternalSystemLink> InternalSystemLinks { get; set; } = [];
    [Display(Name = "ارتباط خدمت با سایر دستگاه ها")] public List<ExternalAgencyLink> ExternalAgencyLinks { get; set; } = [];
    [Display(Name = "عناوین فرایندهای خدمت")] public List<string> ProcessSteps { get; set; } = [];
    [Display(Name = "تکمیل کننده فرم")] public FormFiller FormFiller { get; set; } = new();
    [Display(Name = "لیست مجوزها")] public List<Permit> Permits { get; set; } = [];
    [Display(Name = "محل ارائه خدمت")] public List<Office> Offices { get; set; } = [];
    [Display(Name = "متن جای‌نگرفته")] public List<string> Unmapped { get; set; } = [];
}

public sealed class Provider
{
    [Display(Name = "نام دستگاه اجرایی")] public string? Agency { get; set; }
    [Display(Name = "نام دستگاه مادر")] public string? ParentAgency { get; set; }
    [Display(Name = "واحد مربوط")] public string? Unit { get; set; }
    [Display(Name = "استان")] public string? Province { get; set; }
}

public sealed class Recipients
{
    [Display(Name = "تعداد")] public long? Count { get; set; }
    [Display(Name = "خدمت گیرندگان در")] public Period? Period { get; set; }
    [Display(Name = "واحد شمارش")] public string? Unit { get; set; }
}

public sealed class AverageDuration
{
    [Display(Name = "متن")] public string? Text { get; set; }
    [Display(Name = "مقدار")] public decimal? Value { get; set; }
    [Display(Name = "واحد")] public DurationUnit? Unit { get; set; }
}

public sealed class Frequency
{
    [Display(Name = "یکبار برای همیشه")] public bool OnceForever { get; set; }
    [Display(Name = "تعداد بار")] public long? Times { get; set; }
    [Display(Name = "در")] public Period? Period { get; set; }
    [Display(Name = "توضیح")] public string? Text { get; set; }
}

public sealed class InPersonVisits
{
    [Display(Name = "تعداد")] public long? Count { get; set; }
    [Display(Name = "توضیح")] public string? Text { get; set; }
}

public sealed class Fees
{
    [Display(Name = "مبلغ (مبالغ) به ریال")] public List<long> AmountsRials { get; set; } = [];
    [Display(Name = "شماره حساب (های) بانکی")] public List<BankAccount> BankAccounts { get; set; } = [];
    [Display(Name = "پرداخت بصورت الکترونیک")] public bool ElectronicPayment { get; set; }
    [Display(Name = "رایگان")] public bool Free { get; set; }
    [Display(Name = "توضیح")] public string? Note { get; set; }
}

public sealed class BankAccount
{
    [Display(Name = "شماره حساب")] public string Number { get; set; } = "";
    [Display(Name = "صاحب حساب")] public string? Holder { get; set; }
}

public sealed class Stages
{
    [Display(Name = "در مرحله اطلاع رسانی خدمت")] public Stage Informing { get; set; } = new();
    [Display(Name = "در مرحله درخواست خدمت")] public Stage Request { get; set; } = new();
    [Display(Name = "مرحله تولید خدمت")] public Stage Production { get; set; } = new();
    [Display(Name = "در مرحله ارائه خدمت")] public Stage Delivery { get; set; } = new();

    /// <summary>The four stages in the form's order, with their JSON keys.</summary>
    public IEnumerable<(string Key, Stage Stage)> All()
    {
        yield return ("informing", Informing);
        yield return ("request", Request);
        yield return ("production", Production);
        yield return ("delivery", Delivery);
    }
}

public sealed class Stage
{
    [Display(Name = "الکترونیکی")] public bool Electronic { get; set; }
    [Display(Name = "رسانه ارتباطی خدمت")] public List<Channel> Channels { get; set; } = [];
    [Display(Name = "سایر (با ذکر نحوه دسترسی)")] public string? ChannelOther { get; set; }
    [Display(Name = "شماره قرارداد واگذاری خدمات به دفاتر پیشخوان")] public string? CounterContract { get; set; }
    [Display(Name = "غیرالکترونیکی / مراجعه حضوری")] public bool InPerson { get; set; }
    [Display(Name = "ذکر ضرورت مراجعه حضوری")] public List<InPersonReason> InPersonReasons { get; set; } = [];
    [Display(Name = "سایر ضرورت مراجعه")] public string? InPersonReasonOther { get; set; }
    [Display(Name = "مراجعه به دستگاه")] public List<VisitLevel> VisitLevels { get; set; } = [];
}

public sealed class InternalSystemLink
{
    [Display(Name = "نام سامانه")] public string? SystemName { get; set; }
    [Display(Name = "فیلدهای مورد تبادل")] public string? ExchangedFields { get; set; }
    [Display(Name = "نوع استعلام")] public InquiryMode? Inquiry { get; set; }
}

public sealed class ExternalAgencyLink
{
    [Display(Name = "نام دستگاه دیگر")] public string? Agency { get; set; }
    [Display(Name = "نام سامانه دستگاه دیگر")] public string? SystemName { get; set; }
    [Display(Name = "فیلدهای مورد تبادل")] public string? ExchangedFields { get; set; }
    [Display(Name = "مبلغ (ریال)")] public long? CostRials { get; set; }
    [Display(Name = "نوع استعلام")] public InquiryMode? Inquiry { get; set; }
    [Display(Name = "استعلام غیر الکترونیکی توسط")] public NonElectronicBy? NonElectronicBy { get; set; }
}

public sealed class FormFiller
{
    [Display(Name = "نام و نام خانوادگی")] public string? Name { get; set; }
    [Display(Name = "واحد مربوط")] public string? Unit { get; set; }
    [Display(Name = "تلفن")] public string? Phone { get; set; }
    [Display(Name = "پست الکترونیک")] public string? Email { get; set; }
}

/// <summary>Where the service is given: an office with its address and hours (local to an instance card).</summary>
public sealed class Office
{
    [Display(Name = "نام محل")] public string Name { get; set; } = "";
    [Display(Name = "استان")] public string? Province { get; set; }
    [Display(Name = "شهرستان")] public string? County { get; set; }
    [Display(Name = "نشانی")] public string? Address { get; set; }
    [Display(Name = "تلفن")] public string? Phone { get; set; }
    [Display(Name = "ساعات کار")] public string? Hours { get; set; }
    [Display(Name = "نشانی برخط")] public string? OnlineUrl { get; set; }
}

public sealed class Permit
{
    [Display(Name = "عنوان مجوز")] public string Title { get; set; } = "";
    [Display(Name = "نوع مجوز")] public PermitKind? Kind { get; set; }
    [Display(Name = "مستندات قانونی")] public string? LegalBasis { get; set; }
    [Display(Name = "مدارک مورد نیاز")] public List<string> RequiredDocuments { get; set; } = [];
    [Display(Name = "مدت اعتبار")] public string? Validity { get; set; }
    [Display(Name = "هزینه (ریال)")] public long? CostRials { get; set; }
    [Display(Name = "متقاضی مجوز")] public List<ApplicantType> ApplicantTypes { get; set; } = [];
    [Display(Name = "مجموعه فرآیند مجوز (روز/ساعت)")] public string? ProcessDuration { get; set; }
    [Display(Name = "مراجع ناظر")] public string? Supervisors { get; set; }
    [Display(Name = "الکترونیکی")] public bool? Electronic { get; set; }
    [Display(Name = "توضیحات")] public string? Notes { get; set; }
    [Display(Name = "استعلام‌ها (فرم شماره دو)")] public List<PermitInquiry> Inquiries { get; set; } = [];
}

public sealed class PermitInquiry
{
    [Display(Name = "عنوان دستگاه استعلام شونده")] public string? Agency { get; set; }
    [Display(Name = "نوع فرآیند")] public string? Kind { get; set; }
    [Display(Name = "مدارک مورد نیاز")] public List<string> RequiredDocuments { get; set; } = [];
    [Display(Name = "مدت اعتبار")] public string? Validity { get; set; }
    [Display(Name = "هزینه (ریال)")] public long? CostRials { get; set; }
    [Display(Name = "زمان انجام کار")] public string? Duration { get; set; }
    [Display(Name = "الکترونیکی")] public bool? Electronic { get; set; }
    [Display(Name = "توضیحات")] public string? Notes { get; set; }
}
