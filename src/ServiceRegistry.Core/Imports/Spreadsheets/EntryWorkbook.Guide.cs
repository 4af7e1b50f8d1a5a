using DocumentFormat.OpenXml.Spreadsheet;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Exports;

namespace ServiceRegistry.Core.Imports;

/// <summary>The entry workbook's guide sheet (in Persian) and its example service.</summary>
public static partial class EntryWorkbook
{
    private const uint NoteStyle = 4;

    /// <summary>The guide's table header.</summary>
    public static IReadOnlyList<string> GuideHeaders { get; } = ["ستون", "برگه", "لازم است؟", "معنی", "مقدارهای پذیرفته"];

    /// <summary>What a column means, by header; a part sheet's column may be named "sheet/header" when the header alone is ambiguous.</summary>
    private static readonly Dictionary<string, string> Meanings = new(StringComparer.Ordinal)
    {
        [CardSheets.KeyHeader] = "شماره‌ای که خودتان به هر خدمت می‌دهید (۱، ۲، ۳…)؛ ردیف‌های برگه‌های دیگر با همین شماره به خدمت وصل می‌شوند. شماره شناسنامه را سامانه می‌دهد.",
        [CardSheets.TemplateHeader] = "اگر خدمت نمونه استانی یا محلی یک الگوی ملی است: شماره الگو در سامانه یا شناسه خدمت الگو. بخش‌های مشترکی که خالی بگذارید از الگو گرفته می‌شوند و آنچه بنویسید جایگزین متن الگو می‌شود. اگر خالی بماند و عنوان و «نام دستگاه مادر» با یک الگوی منتشرشده یکی باشد، خدمت نمونه همان الگو می‌شود؛ برای شناسنامه مستقل بنویسید «" + CardSheets.NoTemplate + "».",
        ["عنوان خدمت"] = "نام خدمت چنان‌که به مردم گفته می‌شود.",
        ["شناسه خدمت مادر"] = "شناسه خدمتی که این خدمت زیرخدمت آن است.",
        ["عنوان فرایند"] = "در نسخه‌های قدیمی فرم.",
        ["روش اجرایی"] = "در نسخه‌های قدیمی فرم.",
        ["نام دستگاه اجرایی"] = "دستگاهی که خدمت را ارائه می‌دهد (پیش‌نویس‌ها زیر دستگاهی ساخته می‌شوند که هنگام بارگذاری انتخاب می‌کنید).",
        ["نام دستگاه مادر"] = "وزارتخانه یا سازمان ملی بالادست.",
        ["واحد مربوط"] = "واحد ارائه‌دهنده در دستگاه.",
        ["استان"] = "استان دستگاه؛ برای دستگاه ملی خالی بماند.",
        ["شرح خدمت"] = "توضیح کوتاه خدمت.",
        ["نوع مخاطبین / خدمت گیرندگان"] = "متن آزاد.",
        ["سایر رویداد"] = "اگر «سایر» را در رویداد انتخاب کرده‌اید، آن را بنویسید.",
        ["سایر نحوه آغاز"] = "اگر «سایر» را در نحوه آغاز انتخاب کرده‌اید، آن را بنویسید.",
        ["مدارک لازم برای انجام خدمت"] = "هر مدرک در یک سطر همان خانه (Alt+Enter).",
        ["قوانین و مقررات بالادستی"] = "هر قانون یا بخشنامه در یک سطر همان خانه (Alt+Enter).",
        ["آمار تعداد خدمت گیرندگان"] = "تعداد در دوره ستون بعد.",
        ["واحد شمارش خدمت گیرندگان"] = "اگر آنچه شمرده می‌شود نفر نیست (مانند «دستگاه اجرایی»).",
        ["متوسط مدت زمان ارائه خدمت"] = "همان‌طور که نوشته می‌شود (مانند «۲ ماه»).",
        ["تواتر (تعداد بار)"] = "چند بار در دوره ستون بعد.",
        ["هزینه (توضیح)"] = "مبلغ‌ها در برگه «هزینه‌ها»؛ اینجا توضیح.",
        ["آدرس دقیق و مستقیم خدمت در وبگاه"] = "هر نشانی در یک سطر همان خانه.",
        ["تلفن تکمیل کننده"] = "با رقم فارسی یا لاتین.",
        ["مرحله"] = "هر مرحله یک ردیف.",
        ["شماره"] = "ترتیب فرایند (۱، ۲، …).",
        ["شماره مجوز"] = "شماره مجوز در همین خدمت (۱، ۲، …)؛ استعلام‌های مجوز با همین شماره به آن وصل می‌شوند.",
        ["مبلغ (ریال)"] = "به ریال، بدون جداکننده یا با آن.",
    };

    /// <summary>The guide sheet: what the workbook is, the rules of every cell, then one row per column of every sheet.</summary>
    private static IEnumerable<Row> Guide()
    {
        yield return TextRow(["راهنمای فایل ورود شناسنامه‌های خدمت"], TitleStyle);
        string[] notes =
        [
            $"۱. هر خدمت یک ردیف در برگه «{CardSheets.ServicesSheet}» است؛ ردیف‌های تکرارشونده (هزینه‌ها، مراحل، مجوزها، محل‌ها…) در برگه‌های دیگرند و با «{CardSheets.KeyHeader}» به خدمت وصل می‌شوند.",
            $"۲. ردیف‌های زرد با «{CardSheets.KeyHeader}» برابر «{CardSheets.ExampleKey}» نمونه‌اند و خوانده نمی‌شوند؛ می‌توانید آن‌ها را نگه دارید یا پاک کنید. ردیف‌های خود را از ردیف ۳ بنویسید.",
            "۳. ستون‌های کدگذاری‌شده فهرست کشویی دارند؛ از فهرست انتخاب کنید. در ستون‌هایی که چند مقدار می‌پذیرند، مقدارها را با «، » جدا کنید.",
            "۴. عددها را با رقم فارسی (۱۲۳) یا لاتین (123) بنویسید؛ هر دو پذیرفته می‌شوند. بله/خیر را از فهرست انتخاب کنید.",
            "۵. ستون‌هایی که سامانه خودش پر می‌کند (وضعیت، سطح آمادگی الکترونیکی، کامل بودن اطلاعات، شناسه خدمت) در این فایل نیستند.",
            "۶. هر ردیف درست یک پیش‌نویس می‌شود؛ ردیف نادرست با دلیلش گزارش می‌شود و بقیه را متوقف نمی‌کند. خدمتی که دستگاه با همین عنوان دارد دوباره ساخته نمی‌شود.",
            $"۷. ستون «{CardSheets.TemplateHeader}» خدمت را نمونه یک الگوی ملی می‌کند (توضیح در جدول زیر).",
        ];
        foreach (var note in notes)
        {
            yield return TextRow([note], NoteStyle);
        }

        yield return TextRow([], 0);
        yield return TextRow([.. GuideHeaders], HeaderStyle);
        foreach (var column in ServiceColumns)
        {
            yield return GuideRow(CardSheets.ServicesSheet, column);
        }

        foreach (var (sheet, columns) in PartColumns)
        {
            foreach (var column in columns)
            {
                yield return GuideRow(sheet, column);
            }
        }
    }

    private static Row GuideRow(string sheet, EntryColumn column)
    {
        var required = column.Header switch
        {
            "عنوان خدمت" when sheet == CardSheets.ServicesSheet => "بله (مگر ستون «" + CardSheets.TemplateHeader + "» پر باشد)",
            CardSheets.KeyHeader when sheet == CardSheets.ServicesSheet => "اگر خدمت در برگه‌های دیگر ردیف دارد",
            CardSheets.KeyHeader or "مرحله" => "بله",
            "شماره مجوز" when sheet != "مجوزها" => "بله",
            _ => "خیر",
        };
        var accepted = column.Choices is { } choices
            ? string.Join("، ", choices) + (column.Many ? " (یک یا چند، جدا با «، »)" : "")
            : column.Numeric ? "عدد صحیح؛ رقم فارسی یا لاتین" : "متن";
        return TextRow([column.Header, sheet, required, Meanings.GetValueOrDefault(column.Header, ""), accepted], 0);
    }

    /// <summary>The example service (a regional water company's well permit), written on every sheet with key
    /// <see cref="CardSheets.ExampleKey"/>; every coded column has a value, so the example shows each list in use.</summary>
    public static CardContent ExampleCard() => new()
    {
        Title = "صدور پروانه حفر چاه آب کشاورزی",
        ParentServiceId = null,
        Provider = new Provider { Agency = "شرکت آب منطقه‌ای لرستان", ParentAgency = "شرکت مدیریت منابع آب ایران", Unit = "امور آب شهرستان", Province = "لرستان" },
        Description = "بررسی درخواست و صدور پروانه حفر چاه برای آبیاری زمین کشاورزی.",
        ServiceTypes = [ServiceType.G2C, ServiceType.G2B],
        Audience = "کشاورزان و بهره‌برداران",
        Nature = Nature.Sovereign,
        Levels = [ServiceLevel.Provincial],
        LifeEvents = [LifeEvent.Business, LifeEvent.PropertyRegistration],
        Triggers = [Trigger.ApplicantRequest],
        RequiredDocuments = ["تصویر کارت ملی", "سند مالکیت یا اجاره‌نامه زمین"],
        Laws = ["قانون توزیع عادلانه آب"],
        Recipients = new Recipients { Count = 1200, Period = Period.Year },
        AverageDuration = new AverageDuration { Text = "۲ ماه", Value = 2, Unit = DurationUnit.Month },
        Frequency = new Frequency { OnceForever = true },
        InPersonVisits = new InPersonVisits { Count = 1, Text = "یکبار برای بازدید میدانی" },
        Fees = new Fees { AmountsRials = [1_500_000], BankAccounts = [new BankAccount { Number = "IR820100004001111111111111", Holder = "خزانه" }], ElectronicPayment = true },
        WebAddresses = ["https://example.gov.ir/well-permit"],
        SystemName = "سامانه پروانه‌های آب",
        Stages = new Stages
        {
            Request = new Stage { Electronic = true, Channels = [Channel.Website, Channel.CounterOffice] },
            Production = new Stage { InPerson = true, InPersonReasons = [InPersonReason.VerifyDocument], VisitLevels = [VisitLevel.County] },
        },
        ExternalAgencyLinks = [new ExternalAgencyLink { Agency = "سازمان ثبت اسناد و املاک کشور", SystemName = "سامانه املاک", ExchangedFields = "شماره پلاک ثبتی", Inquiry = InquiryMode.Online }],
        ProcessSteps = ["ثبت درخواست", "بازدید میدانی", "صدور پروانه"],
        Permits =
        [
            new Permit
            {
                Title = "پروانه حفر چاه", Kind = PermitKind.Issue, ApplicantTypes = [ApplicantType.Natural, ApplicantType.Legal], Electronic = true,
                Inquiries = [new PermitInquiry { Agency = "اداره کل حفاظت محیط زیست استان", Duration = "۱۰ روز", Electronic = false }],
            },
        ],
        Offices = [new Office { Name = "امور آب خرم‌آباد", Province = "لرستان", County = "خرم‌آباد", Phone = "06633333333", Hours = "شنبه تا چهارشنبه ۸ تا ۱۴" }],
        FormFiller = new FormFiller { Name = "مریم احمدی", Unit = "دفتر بهبود خدمات", Phone = "06633330000", Email = "services@example.gov.ir" },
    };
}
