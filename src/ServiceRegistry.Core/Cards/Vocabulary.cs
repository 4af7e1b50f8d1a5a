using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace ServiceRegistry.Core.Cards;

// The spec's enum codes (../shared/spec/service-card.md). The JSON code is the camelCase member name
// unless JsonStringEnumMemberName says otherwise; the Persian label is the Display name.

public enum ServiceType
{
    [JsonStringEnumMemberName("G2C"), Display(Name = "خدمت به شهروندان (G2C)")] G2C,
    [JsonStringEnumMemberName("G2B"), Display(Name = "خدمت به کسب و کار (G2B)")] G2B,
    [JsonStringEnumMemberName("G2G"), Display(Name = "خدمت به دیگر دستگاه های دولتی (G2G)")] G2G,
}

public enum Nature
{
    [Display(Name = "حاکمیتی")] Sovereign,
    [Display(Name = "تصدی گری")] Enterprise,
}

public enum ServiceLevel
{
    [Display(Name = "ملی")] National,
    [Display(Name = "منطقه ای")] Regional,
    [Display(Name = "استانی")] Provincial,
    [Display(Name = "شهری")] City,
    [Display(Name = "روستایی")] Rural,
}

public enum LifeEvent
{
    [Display(Name = "تولد")] Birth,
    [Display(Name = "آموزش")] Education,
    [Display(Name = "سلامت")] Health,
    [Display(Name = "مالیات")] Tax,
    [Display(Name = "کسب و کار")] Business,
    [Display(Name = "تامین اجتماعی")] SocialSecurity,
    [Display(Name = "ثبت مالکیت")] PropertyRegistration,
    [Display(Name = "تاسیسات شهری")] UrbanFacilities,
    [Display(Name = "بیمه")] Insurance,
    [Display(Name = "ازدواج")] Marriage,
    [Display(Name = "بازنشستگی")] Retirement,
    [Display(Name = "مدارک و گواهینامه ها")] DocumentsAndCertificates,
    [Display(Name = "وفات")] Death,
    [Display(Name = "سایر")] Other,
}

public enum Trigger
{
    [Display(Name = "تقاضای گیرنده خدمت")] ApplicantRequest,
    [Display(Name = "فرارسیدن زمانی مشخص")] ScheduledTime,
    [Display(Name = "رخداد رویدادی مشخص")] SpecificEvent,
    [Display(Name = "تشخیص دستگاه")] AgencyDetermination,
    [Display(Name = "سایر")] Other,
}

public enum Period
{
    [Display(Name = "روز")] Day,
    [Display(Name = "ماه")] Month,
    [Display(Name = "فصل")] Season,
    [Display(Name = "سال")] Year,
}

public enum DurationUnit
{
    [Display(Name = "ساعت")] Hour,
    [Display(Name = "روز")] Day,
    [Display(Name = "هفته")] Week,
    [Display(Name = "ماه")] Month,
    [Display(Name = "سال")] Year,
}

public enum Channel
{
    [Display(Name = "اینترنتی (مانند وبگاه/درگاه دستگاه)")] Website,
    [Display(Name = "اینترانتی (مانند اینترانت داخلی دستگاه یا ERP)")] Intranet,
    [Display(Name = "تلفن همراه (برنامه کاربردی)")] MobileApp,
    [Display(Name = "پست الکترونیک")] Email,
    [Display(Name = "ارسال پستی")] Post,
    [Display(Name = "تلفن گویا یا مرکز تماس")] CallCenter,
    [Display(Name = "پیام کوتاه")] Sms,
    [Display(Name = "دفاتر پیشخوان")] CounterOffice,
    [Display(Name = "سایر")] Other,
}

public enum InPersonReason
{
    [Display(Name = "جهت احراز اصالت فرد")] VerifyIdentity,
    [Display(Name = "جهت احراز اصالت مدرک")] VerifyDocument,
    [Display(Name = "نبود زیرساخت ارتباطی مناسب")] NoInfrastructure,
    [Display(Name = "سایر")] Other,
}

public enum VisitLevel
{
    [Display(Name = "ملی")] National,
    [Display(Name = "استانی")] Provincial,
    [Display(Name = "شهرستانی")] County,
}

public enum InquiryMode
{
    [Display(Name = "برخط (online)")] Online,
    [Display(Name = "دسته ای (Batch)")] Batch,
    [Display(Name = "استعلام غیر الکترونیکی")] NonElectronic,
}

public enum NonElectronicBy
{
    [Display(Name = "دستگاه")] Agency,
    [Display(Name = "مراجعه کننده")] Applicant,
}

public enum PermitKind
{
    [Display(Name = "صدور")] Issue,
    [Display(Name = "تمدید")] Renew,
    [Display(Name = "اصلاح")] Amend,
    [Display(Name = "لغو")] Cancel,
}

public enum ApplicantType
{
    [Display(Name = "حقیقی")] Natural,
    [Display(Name = "حقوقی")] Legal,
    [Display(Name = "دولتی")] Government,
}
