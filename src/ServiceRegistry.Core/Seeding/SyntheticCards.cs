using System.Globalization;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Seeding;

/// <summary>The synthetic registry's words and one card's content: plausible Persian text in every kind of field,
/// drawn from fixed lists by a seeded <see cref="Random"/> (the same seed gives the same cards).</summary>
public static class SyntheticCards
{
    public static readonly string[] Provinces = [.. Cards.Provinces.All];

    internal static readonly string[] Ministries =
    [
        "وزارت کشور", "وزارت راه و شهرسازی", "وزارت بهداشت، درمان و آموزش پزشکی", "وزارت آموزش و پرورش", "وزارت تعاون، کار و رفاه اجتماعی",
        "وزارت صنعت، معدن و تجارت", "وزارت جهاد کشاورزی", "وزارت نیرو", "وزارت امور اقتصادی و دارایی", "وزارت فرهنگ و ارشاد اسلامی",
        "وزارت ورزش و جوانان", "وزارت میراث فرهنگی، گردشگری و صنایع دستی", "سازمان ثبت اسناد و املاک کشور", "سازمان امور مالیاتی کشور",
        "سازمان تامین اجتماعی", "سازمان حفاظت محیط زیست", "سازمان بهزیستی کشور", "سازمان برنامه و بودجه کشور",
    ];

    internal static readonly string[] Directorates =
    [
        "اداره کل راه و شهرسازی", "اداره کل تعاون، کار و رفاه اجتماعی", "اداره کل آموزش و پرورش", "دانشگاه علوم پزشکی", "اداره کل ثبت اسناد و املاک",
        "اداره کل امور مالیاتی", "اداره کل تامین اجتماعی", "اداره کل حفاظت محیط زیست", "اداره کل بهزیستی", "سازمان جهاد کشاورزی",
        "اداره کل صنعت، معدن و تجارت", "شرکت آب منطقه ای", "شرکت توزیع نیروی برق", "اداره کل فرهنگ و ارشاد اسلامی", "اداره کل ورزش و جوانان",
        "اداره کل میراث فرهنگی، گردشگری و صنایع دستی", "استانداری", "سازمان مدیریت و برنامه ریزی", "اداره کل ثبت احوال", "شهرداری مرکز استان",
    ];

    internal static readonly string[] Actions =
    [
        "صدور", "تمدید", "اصلاح", "لغو", "ثبت", "استعلام", "پرداخت", "درخواست", "تایید", "بازبینی", "انتقال", "ابطال",
        "تعویض", "اعطای", "ارزیابی", "نظارت بر", "بررسی", "رسیدگی به", "ثبت نام", "پیگیری",
    ];

    internal static readonly string[] Objects =
    [
        "پروانه ساختمان", "پروانه کسب", "مجوز فعالیت", "گواهی پایان کار", "کارت شناسایی", "شناسنامه", "سند مالکیت", "گواهی عدم سوء پیشینه",
        "پروانه بهره برداری", "مجوز حفر چاه", "انشعاب آب", "انشعاب برق", "کارت بازرگانی", "مستمری بازنشستگی", "بیمه بیکاری", "کمک هزینه تحصیلی",
        "گواهی سلامت", "پروانه مطب", "مجوز نشر", "کارت معافیت", "گواهی مالیاتی", "پرونده مالیاتی", "مجوز تاسیس مهدکودک", "پروانه اشتغال",
        "گواهی استاندارد", "مجوز واردات", "گواهی مبدا", "شکایت شهروندان", "درجه بندی شهرداری ها", "مدارک اقامتی اتباع", "مجوز شکار",
        "مجوز برگزاری همایش", "کارت ورزشی", "مجوز باشگاه", "ثبت شرکت", "ثبت علامت تجاری", "سند ازدواج", "گواهی فوت", "کمک هزینه ازدواج",
        "مستمری از کارافتادگی", "پروانه صید", "مجوز دامداری", "گواهی بهداشت محیط", "مجوز تبلیغات محیطی", "پروانه حمل و نقل", "معاینه فنی خودرو",
    ];

    internal static readonly string[] Qualifiers = ["", "", "", "اشخاص حقیقی", "اشخاص حقوقی", "اتباع خارجی", "ایثارگران", "روستاییان", "واحدهای تولیدی", "دانش آموزان"];

    internal static readonly string[] Sentences =
    [
        "متقاضی درخواست خود را همراه با مدارک لازم ثبت می کند", "کارشناس واحد مربوط مدارک را بررسی و در صورت نقص اعلام می نماید",
        "پس از تایید نهایی، نتیجه به صورت پیامک به متقاضی اطلاع داده می شود", "استعلام های لازم از دستگاه های ذی ربط به صورت برخط انجام می شود",
        "بازدید میدانی توسط کارشناس انجام و گزارش آن در سامانه ثبت می گردد", "هزینه خدمت از طریق درگاه پرداخت الکترونیک دریافت می شود",
        "این خدمت بر اساس آیین نامه اجرایی مصوب هیئت وزیران ارائه می شود", "مدارک اصل در دفاتر پیشخوان دولت احراز اصالت می شود",
        "نتیجه خدمت به صورت الکترونیکی در پنجره ملی خدمات دولت هوشمند قابل دریافت است", "در صورت اعتراض، پرونده در کمیسیون مربوط بررسی می شود",
    ];

    internal static readonly string[] Documents =
    [
        "تصویر کارت ملی", "تصویر شناسنامه", "فرم تکمیل شده درخواست", "سند مالکیت یا اجاره نامه", "عکس ۳×۴", "گواهی عدم سوء پیشینه",
        "مدرک تحصیلی", "نقشه ساختمان", "فیش واریزی", "معرفی نامه از محل کار", "کارت پایان خدمت", "اساسنامه شرکت",
    ];

    internal static readonly string[] Laws =
    [
        "قانون مدیریت خدمات کشوری", "قانون ارتقای سلامت نظام اداری و مقابله با فساد", "قانون شهرداری ها", "قانون ثبت احوال",
        "قانون تامین اجتماعی", "قانون مالیات های مستقیم", "قانون نظام صنفی", "آیین نامه اجرایی ماده ۱۰۰ قانون شهرداری ها", "قانون کار",
        "تصویب نامه هیئت وزیران شماره ۱۲۳۴۵/ت۵۶۷۸۹ه",
    ];

    internal static readonly string[] Steps =
    [
        "ثبت درخواست", "بررسی مدارک", "استعلام از دستگاه های ذی ربط", "بازدید میدانی", "محاسبه هزینه", "پرداخت هزینه", "تایید کارشناس",
        "تایید مدیر واحد", "صدور", "ارسال نتیجه به متقاضی", "بایگانی پرونده",
    ];

    internal static readonly string[] Systems = ["سامانه جامع خدمات", "پنجره واحد", "سامانه پیشخوان", "سامانه مدیریت پرونده", "سامانه یکپارچه مالی"];

    public static CardContent Content(Random r, Agency agency, long id)
    {
        T Pick<T>(IReadOnlyList<T> items) => items[r.Next(items.Count)];
        List<T> Some<T>(IReadOnlyList<T> items, int min, int max) => items.OrderBy(_ => r.Next()).Take(r.Next(min, max + 1)).ToList();
        List<TEnum> Flags<TEnum>(int max) where TEnum : struct, Enum => Some(Enum.GetValues<TEnum>(), 1, max).Order().ToList();

        var qualifier = Pick(Qualifiers);
        var title = $"{Pick(Actions)} {Pick(Objects)}{(qualifier.Length > 0 ? " " + qualifier : "")}";
        var electronic = r.Next(5); // how many stages, in order, are electronic
        Stage MakeStage(int index)
        {
            var e = index < electronic;
            return new Stage
            {
                Electronic = e,
                Channels = e ? Some([Channel.Website, Channel.MobileApp, Channel.Sms, Channel.Email, Channel.CounterOffice], 1, 3).Order().ToList() : [],
                InPerson = !e || r.Next(6) == 0,
                InPersonReasons = e ? [] : Some(Enum.GetValues<InPersonReason>().Where(x => x != InPersonReason.Other).ToList(), 1, 2).Order().ToList(),
                VisitLevels = e ? [] : [Pick([VisitLevel.Provincial, VisitLevel.County, VisitLevel.National])],
                CounterContract = r.Next(10) == 0 ? $"ق/{r.Next(1000, 9999)}/{r.Next(1398, 1405)}" : null,
            };
        }

        var amounts = r.Next(3) == 0 ? [] : Enumerable.Range(0, r.Next(1, 3)).Select(_ => (long)r.Next(1, 500) * 10_000).ToList();
        var content = new CardContent
        {
            Title = title,
            ProcessTitle = r.Next(4) == 0 ? "فرایند " + title : null,
            Provider = new Provider { Agency = agency.Name, ParentAgency = agency.Parent?.Name, Unit = "معاونت " + Pick(["توسعه مدیریت", "فنی", "خدمات", "برنامه ریزی"]), Province = agency.Province },
            Description = string.Join("؛ ", Some(Sentences, 2, 4)) + ".",
            ServiceTypes = Flags<ServiceType>(2),
            Audience = Pick(["عموم مردم", "شرکت ها و واحدهای صنفی", "کارکنان دولت", "دانشجویان", "کشاورزان"]),
            Nature = r.Next(2) == 0 ? Nature.Sovereign : Nature.Enterprise,
            Levels = Flags<ServiceLevel>(2),
            LifeEvents = Flags<LifeEvent>(2),
            Triggers = [Trigger.ApplicantRequest],
            RequiredDocuments = Some(Documents, 1, 4),
            Laws = Some(Laws, 1, 2),
            Recipients = new Recipients { Count = r.Next(10, 100_000), Period = Pick([Period.Day, Period.Month, Period.Year]) },
            AverageDuration = new AverageDuration { Value = r.Next(1, 30), Unit = Pick([DurationUnit.Day, DurationUnit.Hour, DurationUnit.Week]) },
            Frequency = r.Next(3) == 0 ? new Frequency { OnceForever = true } : new Frequency { Times = r.Next(1, 5), Period = Period.Year },
            InPersonVisits = electronic == 4 ? new InPersonVisits { Count = r.Next(3) == 0 ? 1 : 0 } : new InPersonVisits { Count = r.Next(1, 4) },
            Fees = new Fees
            {
                AmountsRials = amounts,
                Free = amounts.Count == 0,
                ElectronicPayment = amounts.Count > 0 && r.Next(3) > 0,
                BankAccounts = amounts.Count > 0 ? [new BankAccount { Number = r.NextInt64(1_000_000_000_000, 9_999_999_999_999).ToString(CultureInfo.InvariantCulture), Holder = "خزانه" }] : [],
            },
            WebAddresses = electronic > 0 ? [$"https://e{id % 997}.example.ir/service/{id}"] : [],
            SystemName = electronic > 0 ? Pick(Systems) : null,
            Stages = new Stages { Informing = MakeStage(0), Request = MakeStage(1), Production = MakeStage(2), Delivery = MakeStage(3) },
            InternalSystemLinks = r.Next(3) == 0 ? [new InternalSystemLink { SystemName = Pick(Systems), ExchangedFields = "کد ملی، نام، نام خانوادگی", Inquiry = InquiryMode.Online }] : [],
            ExternalAgencyLinks = r.Next(3) == 0 ? [new ExternalAgencyLink { Agency = "سازمان ثبت احوال کشور", SystemName = "سامانه استعلام هویت", ExchangedFields = "کد ملی", Inquiry = InquiryMode.Online }] : [],
            ProcessSteps = Steps.Take(r.Next(3, 9)).ToList(),
            FormFiller = new FormFiller { Name = "کارشناس " + (id % 100), Unit = "واحد فناوری اطلاعات", Phone = "021" + r.Next(10_000_000, 99_999_999) },
            Permits = r.Next(8) == 0
                ? [new Permit { Title = "پروانه " + Pick(Objects), Kind = PermitKind.Issue, Validity = "یک سال", CostRials = r.Next(1, 100) * 100_000, ApplicantTypes = [ApplicantType.Natural], Electronic = r.Next(2) == 0,
                    Inquiries = [new PermitInquiry { Agency = "نیروی انتظامی", Kind = "استعلام", Duration = "۷ روز", Electronic = true }] }]
                : [],
        };
        return content;
    }
}
