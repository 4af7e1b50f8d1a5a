using System.ComponentModel.DataAnnotations;
using System.Reflection;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Imports;

/// <summary>The labels a legacy form prints before its values (anchors). A value belongs to the anchor before it.</summary>
internal enum Anchor
{
    Boilerplate, // template text: consumed, does not end a value
    Section,     // a section heading: ends the value before it, holds nothing
    Title, ServiceId, ParentServiceId, ProcessTitle, ExecutionMethod,
    Agency, ParentAgency, Unit, Province,
    Description, ServiceTypes, Audience, Nature, Levels, LifeEvents, Triggers, RequiredDocuments, Laws,
    Recipients, RecipientsPeriod, Duration, Frequency, FrequencyPeriod, InPersonVisits,
    Fees, FeeAmounts, FeeAccounts, FeeElectronic,
    WebAddresses, SystemName,
    StageHeader, StageInforming, StageRequest, StageProduction, StageDelivery,
    LinksInternal, LinksExternal, LinksHeader,
    ProcessSteps,
    FillerHeader, FillerName, FillerPhone, FillerEmail,
    Permits, PermitInquiries,
}

[Flags]
internal enum AnchorRule
{
    None = 0,
    NeedsColon = 1,     // only a label when a colon follows ("تلفن:", not "تلفن همراه")
    NotAfterMark = 2,   // a tick box before it makes it an option, not a label
    NeedsPeriod = 4,    // only a label when a period (روز/ماه/فصل/سال) follows on the line
}

internal sealed record AnchorLabel(Anchor Anchor, string Key, AnchorRule Rules);

/// <summary>The groups of tick-box options; each is one of the spec's enums or a flag of a stage.</summary>
internal enum OptionGroup
{
    ServiceType, Nature, Level, LifeEvent, Trigger, Period, DurationUnit,
    Channel, CounterContract, Electronic, NonElectronic, Reason, Visit,
    Inquiry, NonElectronicBy, PermitKind, Applicant, OnceForever, Other,
}

/// <summary>One printed option: its group, the enum value (as int), its matching key, and whether it is «سایر»
/// (whose free text follows it).</summary>
internal sealed record OptionLabel(OptionGroup Group, int Code, string Key)
{
    public bool IsOther => Group == OptionGroup.Other;
}

/// <summary>A set of options read together (one field, or a stage row), longest keys first.</summary>
internal sealed class OptionSet
{
    public OptionSet(IEnumerable<OptionLabel> labels)
    {
        Labels = labels.DistinctBy(l => (l.Group, l.Key)).OrderByDescending(l => l.Key.Length).ToArray();
        Index = new LabelIndex<OptionLabel>(Labels.Select(l => (l.Key, l)));
    }

    public IReadOnlyList<OptionLabel> Labels { get; }

    public LabelIndex<OptionLabel> Index { get; }

    public OptionSet With(params OptionSet[] others) => new(Labels.Concat(others.SelectMany(o => o.Labels)));
}

/// <summary>
/// Everything the importer knows about the form's wording, in one place. The spec's Persian labels come from
/// the Display names on the model and enums (<see cref="Cards.Labels"/>); the extra variants are the older
/// wordings and spellings found in agencies' forms.
/// </summary>
internal static class FormVocabulary
{
    public static readonly OptionSet ServiceTypes = Enum<ServiceType>(OptionGroup.ServiceType, extra: []);
    public static readonly OptionSet Natures = Enum<Nature>(OptionGroup.Nature, extra: [(Nature.Enterprise, "تصدی")]);
    public static readonly OptionSet Levels = Enum<ServiceLevel>(OptionGroup.Level, extra: [(ServiceLevel.National, "کشوری")]);
    public static readonly OptionSet LifeEvents = Enum<LifeEvent>(OptionGroup.LifeEvent, extra: [(LifeEvent.Death, "فوت"), (LifeEvent.DocumentsAndCertificates, "مدارک و گواهی نامه ها")]);
    public static readonly OptionSet Triggers = Enum<Trigger>(OptionGroup.Trigger, extra: [(Trigger.ScheduledTime, "فرا رسیدن زمان مشخص")]);
    public static readonly OptionSet Periods = Enum<Period>(OptionGroup.Period, extra: [(Period.Day, "روزانه"), (Period.Month, "ماهانه"), (Period.Season, "فصلی"), (Period.Year, "سالانه"), (Period.Year, "سالیانه")]);
    public static readonly OptionSet DurationUnits = Enum<DurationUnit>(OptionGroup.DurationUnit, extra: [(DurationUnit.Hour, "ساعات"), (DurationUnit.Day, "روز کاری")]);
    public static readonly OptionSet Channels = Enum<Channel>(OptionGroup.Channel, extra:
    [
        (Channel.Website, "اینترنتی"), (Channel.Website, "وبگاه"), (Channel.Website, "درگاه اینترنتی"),
        (Channel.Intranet, "اینترانتی"), (Channel.Intranet, "اینترانت"), (Channel.Intranet, "اینترنتی مانند اینترنت داخلی"),
        (Channel.Intranet, "اینترنتی مانند اینترانت"),
        (Channel.MobileApp, "تلفن همراه"), (Channel.Email, "پست الکترونیکی"), (Channel.Email, "ایمیل"),
        (Channel.CallCenter, "تلفن گویا"), (Channel.CallCenter, "مرکز تماس"), (Channel.Sms, "پیامک"),
        (Channel.CounterOffice, "دفاتر پیشخوان خدمات"), (Channel.CounterOffice, "عناوین مشابه دفاتر پیشخوان"),
        (Channel.CounterOffice, "دفاتر ارائه خدمت یا دفاتر پیشخوان خدمات"), (Channel.CounterOffice, "پیشخوان"),
    ]);
    public static readonly OptionSet Reasons = Enum<InPersonReason>(OptionGroup.Reason, extra:
        [(InPersonReason.VerifyIdentity, "احراز اصالت فرد"), (InPersonReason.VerifyIdentity, "احراز هویت"),
         (InPersonReason.VerifyDocument, "احراز اصالت مدرک"), (InPersonReason.NoInfrastructure, "نبود زیرساخت")]);
    public static readonly OptionSet VisitLevels = Enum<VisitLevel>(OptionGroup.Visit, extra: []);
    public static readonly OptionSet Inquiries = Enum<InquiryMode>(OptionGroup.Inquiry, extra:
        [(InquiryMode.Online, "برخط"), (InquiryMode.Online, "online"), (InquiryMode.Online, "به خط"), (InquiryMode.Batch, "دسته ای"), (InquiryMode.Batch, "batch")]);
    public static readonly OptionSet NonElectronicBys = Enum<NonElectronicBy>(OptionGroup.NonElectronicBy, extra: []);
    public static readonly OptionSet PermitKinds = Enum<PermitKind>(OptionGroup.PermitKind, extra: []);
    public static readonly OptionSet Applicants = Enum<ApplicantType>(OptionGroup.Applicant, extra: []);

    public static readonly OptionSet OtherOption = new(
        new[] { "سایر", "سایر موارد", "غیره" }.Select(k => new OptionLabel(OptionGroup.Other, 0, FoldedText.Key(k))));

    public static readonly OptionSet OnceForever = new(
        new[] { "یکبار برای همیشه", "یک بار برای همیشه" }.Select(k => new OptionLabel(OptionGroup.OnceForever, 0, FoldedText.Key(k))));

    public static readonly OptionSet LifeEventsWithOther = LifeEvents.With(OtherOption);
    public static readonly OptionSet TriggersWithOther = Triggers.With(OtherOption);
    public static readonly OptionSet LinkOptions = Inquiries.With(NonElectronicBys);

    /// <summary>The options of a stage row: electronic or not, channels, reasons for a visit, where to visit.</summary>
    public static readonly OptionSet StageOptions = new OptionSet(
    [
        new OptionLabel(OptionGroup.Electronic, 0, FoldedText.Key(Display<Stage>(nameof(Stage.Electronic)))),
        new OptionLabel(OptionGroup.Electronic, 0, FoldedText.Key("الکترونیک")),
        new OptionLabel(OptionGroup.NonElectronic, 0, FoldedText.Key("غیر الکترونیکی")),
        new OptionLabel(OptionGroup.NonElectronic, 0, FoldedText.Key("غیر الکترونیک")),
        new OptionLabel(OptionGroup.CounterContract, 0, FoldedText.Key(Display<Stage>(nameof(Stage.CounterContract)))),
        new OptionLabel(OptionGroup.CounterContract, 0, FoldedText.Key("شماره قرارداد")),
    ]).With(Channels, Reasons, VisitLevels, OtherOption);

    /// <summary>Template text that carries no value: instructions, column headings, parts of labels.</summary>
    public static readonly IReadOnlyList<string> BoilerplatePhrases =
    [
        "این فیلد توسط سازمان مدیریت و برنامه ریزی کشور تکمیل می شود", "در صورت الکترونیکی بودن همه یا بخشی از آن",
        "ذکر گردد", "با ذکر نحوه دسترسی", "باذکر نحوه دسترسی", "به خدمت گیرندگان", "ریال", "مراجعه به دستگاه", "مرجع به دستگاه",
        "مراجع به دستگاه", "ذکر ضرورت مراجعه حضوری", "ذکر ضرورت مراجعه حضور", "دیگر ضرورت مراجعه حضوری", "دیگر ضرورت حضور مراجعه حضوری",
        "مراجعه حضوری", "فرایند داخل دستگاه یا ارتباط با دیگر دستگاه ها", "بسمه تعالی", "باسمه تعالی", "ضمیمه 1", "ضمیمه یک",
        "فرم شناسنامه خدمت دستگاه اجرایی", "شناسنامه خدمت دستگاه اجرایی", "فرم شناسنامه خدمت", "مانند وبگاه دستگاه", "مانند درگاه دستگاه",
        "آدرس اینترنتی", "ردیف",
        "اگر مراحل مجوز دارای فرآیند مشترک با دیگر دستگاه ها و نیازمند تبادل داده با آنها است فرم شماره 2 نیز تکمیل شود",
        "اگر مراحل مجوز دارای فرآیند مشترک با دیگر دستگاه ها و نیازمند تبادل داده با آنها است", "نیز تکمیل شود",
        "نام استعلام در توضیحات درج شود", "اگر نوع فرآیند سایر می باشد اطلاعات آن در توضیحات درج شود",
    ];

    public static readonly IReadOnlyList<string> BoilerplateKeys = BoilerplatePhrases.Select(FoldedText.Key).ToArray();

    /// <summary>Every anchor label, longest first (declared after the phrases it uses).</summary>
    public static readonly IReadOnlyList<AnchorLabel> Anchors = BuildAnchors();

    /// <summary>Iran's provinces, to recognise the province cell printed at the top of some variants.</summary>
    public static readonly IReadOnlySet<string> Provinces = new HashSet<string>(
        new[]
        {
            "آذربایجان شرقی", "آذربایجان غربی", "اردبیل", "اصفهان", "البرز", "ایلام", "بوشهر", "تهران", "چهارمحال و بختیاری",
            "خراسان جنوبی", "خراسان رضوی", "خراسان شمالی", "خوزستان", "زنجان", "سمنان", "سیستان و بلوچستان", "فارس", "قزوین",
            "قم", "کردستان", "کرمان", "کرمانشاه", "کهگیلویه و بویراحمد", "گلستان", "گیلان", "لرستان", "مازندران", "مرکزی",
            "هرمزگان", "همدان", "یزد",
        }.Select(FoldedText.Key),
        StringComparer.Ordinal);

    public static string Display<T>(string property) =>
        typeof(T).GetProperty(property)?.GetCustomAttribute<DisplayAttribute>()?.Name ?? property;

    private static OptionSet Enum<T>(OptionGroup group, IEnumerable<(T Value, string Label)> extra) where T : struct, Enum
    {
        var labels = new List<OptionLabel>();
        foreach (var value in Labels.All<T>())
        {
            var code = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
            var display = Labels.Of(value);
            if (FoldedText.Key(display) == FoldedText.Key("سایر"))
            {
                continue; // «سایر» is read once, as OtherOption, with its free text
            }

            labels.Add(new OptionLabel(group, code, FoldedText.Key(display)));
            var paren = display.IndexOf('(', StringComparison.Ordinal);
            if (paren > 0)
            {
                labels.Add(new OptionLabel(group, code, FoldedText.Key(display[..paren])));
                var inner = display[(paren + 1)..].TrimEnd(')');
                if (inner.Length > 0 && inner.All(char.IsAsciiLetterOrDigit))
                {
                    labels.Add(new OptionLabel(group, code, FoldedText.Key(inner))); // G2C
                }
            }

            var code2 = Labels.Code(value);
            if (code2.Length > 2 && code2.Any(char.IsAsciiDigit))
            {
                labels.Add(new OptionLabel(group, code, FoldedText.Key(code2)));
            }
        }

        foreach (var (value, label) in extra)
        {
            labels.Add(new OptionLabel(group, Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), FoldedText.Key(label)));
        }

        return new OptionSet(labels);
    }

    private static List<AnchorLabel> BuildAnchors()
    {
        var list = new List<AnchorLabel>();
        void Add(Anchor anchor, AnchorRule rules, params string[] labels)
        {
            foreach (var label in labels)
            {
                list.Add(new AnchorLabel(anchor, FoldedText.Key(label), rules));
            }
        }

        void AddDisplay<T>(Anchor anchor, string property, params string[] more) =>
            Add(anchor, AnchorRule.None, [Display<T>(property), .. more]);

        AddDisplay<CardContent>(Anchor.Title, nameof(CardContent.Title), "نام خدمت", "عنوان کامل خدمت");
        AddDisplay<CardContent>(Anchor.ServiceId, nameof(CardContent.ServiceId), "کد خدمت");
        Add(Anchor.ParentServiceId, AnchorRule.None, "شناسه خدمت مادر", "خدمت مادر");
        AddDisplay<CardContent>(Anchor.ProcessTitle, nameof(CardContent.ProcessTitle), "عنوان فرآیند");
        AddDisplay<CardContent>(Anchor.ExecutionMethod, nameof(CardContent.ExecutionMethod));
        AddDisplay<Provider>(Anchor.Agency, nameof(Provider.Agency), "نام دستگاه ارائه دهنده", "دستگاه ارائه دهنده خدمت", "دستگاه اجرایی ارائه دهنده");
        AddDisplay<Provider>(Anchor.ParentAgency, nameof(Provider.ParentAgency), "دستگاه مادر", "وزارتخانه مادر");
        AddDisplay<Provider>(Anchor.Unit, nameof(Provider.Unit), "واحد ارائه دهنده خدمت", "واحد ارائه دهنده");
        Add(Anchor.Province, AnchorRule.NeedsColon, Display<Provider>(nameof(Provider.Province)));
        AddDisplay<CardContent>(Anchor.Description, nameof(CardContent.Description), "شرح مختصر خدمت", "توضیح خدمت", "توضیحات خدمت");
        AddDisplay<CardContent>(Anchor.ServiceTypes, nameof(CardContent.ServiceTypes));
        Add(Anchor.Audience, AnchorRule.None, "نوع مخاطبین", "نوع مخاطبان", "مخاطبین خدمت", "مخاطبان خدمت", "نوع خدمت گیرندگان");
        AddDisplay<CardContent>(Anchor.Nature, nameof(CardContent.Nature));
        AddDisplay<CardContent>(Anchor.Levels, nameof(CardContent.Levels));
        AddDisplay<CardContent>(Anchor.LifeEvents, nameof(CardContent.LifeEvents), "رویداد مرتبط", "رویدادهای مرتبط", "رویداد های مرتبط با");
        AddDisplay<CardContent>(Anchor.Triggers, nameof(CardContent.Triggers), "نحوه شروع خدمت");
        AddDisplay<CardContent>(Anchor.RequiredDocuments, nameof(CardContent.RequiredDocuments), "مدارک لازم", "مدارک مورد نیاز خدمت", "مدارک مورد نیاز برای انجام خدمت", "مستندات مورد نیاز");
        AddDisplay<CardContent>(Anchor.Laws, nameof(CardContent.Laws), "قوانین و مقررات", "قوانین و مقررات مرتبط");
        AddDisplay<CardContent>(Anchor.Recipients, nameof(CardContent.Recipients), "تعداد خدمت گیرندگان", "آمار خدمت گیرندگان");
        Add(Anchor.RecipientsPeriod, AnchorRule.NeedsPeriod, "خدمت گیرندگان در");
        AddDisplay<CardContent>(Anchor.Duration, nameof(CardContent.AverageDuration), "متوسط مدت زمان ارایه خدمت", "مدت زمان ارائه خدمت", "مدت زمان انجام خدمت", "متوسط زمان ارائه خدمت");
        AddDisplay<CardContent>(Anchor.Frequency, nameof(CardContent.Frequency), "تناوب");
        Add(Anchor.FrequencyPeriod, AnchorRule.NeedsPeriod, "بار در");
        AddDisplay<CardContent>(Anchor.InPersonVisits, nameof(CardContent.InPersonVisits), "تعداد بار مراجعه حضور", "تعداد دفعات مراجعه حضوری", "تعداد مراجعه حضوری", "تعداد بار مراجعه");
        AddDisplay<CardContent>(Anchor.Fees, nameof(CardContent.Fees), "هزینه ارایه خدمت", "هزینه خدمت", "هزینه ارائه خدمت به ریال");
        Add(Anchor.FeeAmounts, AnchorRule.None, "مبلغ (مبالغ)", "مبالغ");
        AddDisplay<Fees>(Anchor.FeeAccounts, nameof(Fees.BankAccounts), "شماره حساب های بانکی", "شماره حساب", "شماره حسابهای بانکی");
        AddDisplay<Fees>(Anchor.FeeElectronic, nameof(Fees.ElectronicPayment), "پرداخت به صورت الکترونیکی", "پرداخت الکترونیک", "پرداخت الکترونیکی", "پرداخت بصورت الکترونیکی");
        AddDisplay<CardContent>(Anchor.WebAddresses, nameof(CardContent.WebAddresses), "آدرس وبگاه", "نشانی وبگاه", "آدرس اینترنتی خدمت", "نشانی اینترنتی خدمت", "نشانی خدمت در وبگاه", "آدرس خدمت در وبگاه");
        AddDisplay<CardContent>(Anchor.SystemName, nameof(CardContent.SystemName), "نام سامانه خدمت", "سامانه مربوط به خدمت");
        Add(Anchor.StageHeader, AnchorRule.None, Display<CardContent>(nameof(CardContent.Stages)), "نوع ارائه", Display<Stage>(nameof(Stage.Channels)));
        Add(Anchor.StageInforming, AnchorRule.None, Display<Stages>(nameof(Stages.Informing)), "مرحله اطلاع رسانی خدمت", "مرحله اطلاع رسانی");
        Add(Anchor.StageRequest, AnchorRule.None, Display<Stages>(nameof(Stages.Request)), "مرحله درخواست خدمت", "مرحله درخواست");
        Add(Anchor.StageProduction, AnchorRule.None, Display<Stages>(nameof(Stages.Production)), "مرحله تولید خدمت", "مرحله تولید", "در مرحله تولید خدمت");
        Add(Anchor.StageDelivery, AnchorRule.None, Display<Stages>(nameof(Stages.Delivery)), "مرحله ارائه خدمت", "مرحله ارایه خدمت", "مرحله ارائه");
        Add(Anchor.LinksInternal, AnchorRule.None, Display<CardContent>(nameof(CardContent.InternalSystemLinks)), "ارتباط خدمت با سایر سامانه ها", "ارتباط با سایر سامانه ها", "نام سامانه های دیگر");
        Add(Anchor.LinksExternal, AnchorRule.None, Display<CardContent>(nameof(CardContent.ExternalAgencyLinks)), "ارتباط خدمت با سایر دستگاه ها", "ارتباط خدمت با سایر دستگاههای دیگر",
            "ارتباط با سایر دستگاه ها", "نام دستگاه دیگر", "نام سامانه های دستگاه دیگر");
        Add(Anchor.LinksHeader, AnchorRule.None, "فیلدهای مورد تبادل", "استعلام الکترونیکی", "استعلام غیر الکترونیکی", "اگر استعلام غیر الکترونیکی است استعلام توسط",
            "اگر استفاده غیرالکترونیکی است استفاده توسط", "استفاده الکترونیکی", "استفاده الکترونیکی غیر الکترونیکی", "مبلغ (در صورت پرداخت هزینه)",
            "بانکهای اطلاعاتی", "بانک های اطلاعاتی");
        AddDisplay<CardContent>(Anchor.ProcessSteps, nameof(CardContent.ProcessSteps), "عناوین فرآیندهای خدمت", "فرایندهای خدمت", "مراحل انجام خدمت", "گام های خدمت");
        Add(Anchor.FillerHeader, AnchorRule.None, Display<CardContent>(nameof(CardContent.FormFiller)), "مشخصات تکمیل کننده فرم");
        Add(Anchor.FillerName, AnchorRule.None, "نام و نام خانوادگی تکمیل کننده فرم", "نام و نام خانوادگی", "نام تکمیل کننده فرم");
        Add(Anchor.FillerPhone, AnchorRule.NeedsColon | AnchorRule.NotAfterMark, Display<FormFiller>(nameof(FormFiller.Phone)), "شماره تماس", "تلفن تماس");
        Add(Anchor.FillerEmail, AnchorRule.NeedsColon | AnchorRule.NotAfterMark, Display<FormFiller>(nameof(FormFiller.Email)), "ایمیل", "پست الکترونیکی");
        Add(Anchor.Permits, AnchorRule.None, "لیست اطلاعات مجوزهای حقیقی حقوقی و دولتی در وزارتخانه سازمان", "لیست اطلاعات مجوزهای حقیقی حقوقی و دولتی", "لیست اطلاعات مجوزهای", "فرم شماره یک", "فرم شماره 1");
        Add(Anchor.PermitInquiries, AnchorRule.None, "فرم شماره دو", "فرم شماره 2");
        Add(Anchor.Section, AnchorRule.None, "ارائه دهنده خدمت", "ارایه دهنده", "مشخصات خدمت", "جزئیات خدمت", "جزییات خدمت", "نحوه دسترسی به خدمت");
        foreach (var phrase in BoilerplatePhrases)
        {
            Add(Anchor.Boilerplate, AnchorRule.None, phrase);
        }

        // Longest first, so "شناسه خدمت مادر" wins over "شناسه خدمت".
        return list.DistinctBy(a => a.Key).OrderByDescending(a => a.Key.Length).ToList();
    }
}
