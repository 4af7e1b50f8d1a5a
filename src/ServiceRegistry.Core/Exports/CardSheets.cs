using System.Globalization;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Core.Exports;

/// <summary>
/// The spreadsheet layout of cards, shared by the Excel export, the CSV export and the Excel import: the services
/// sheet (one row per service, Persian headers) and one sheet per repeated part. Every sheet starts with
/// <see cref="KeyHeader"/>, which ties part rows to their service row.
/// </summary>
public static partial class CardSheets
{
    public const string KeyHeader = "ردیف خدمت";
    public const string ServicesSheet = "خدمات";
    public const string StatusHeader = "وضعیت";
    public const string MaturityHeader = "سطح آمادگی الکترونیکی";
    public const string FreeHeader = "رایگان یا با هزینه";

    /// <summary>The national service ID: the registry issues it, so the entry workbook leaves it out.</summary>
    public const string ServiceIdHeader = "شناسه خدمت";

    /// <summary>Text an importer could not place: the registry writes it, so the entry workbook leaves it out.</summary>
    public const string UnmappedHeader = "متن جای‌نگرفته";

    /// <summary>The national template a card is an instance of: the template's number in the registry (or, when read,
    /// its national service ID); <see cref="NoTemplate"/> asks for a standalone card.</summary>
    public const string TemplateHeader = "الگوی ملی";

    /// <summary>The key of the entry workbook's example rows, which the reader skips.</summary>
    public const string ExampleKey = "نمونه";

    /// <summary>Written in <see cref="TemplateHeader"/>: the row is a standalone card even if a template matches it.</summary>
    public const string NoTemplate = "بدون الگو";

    private const string Yes = "بله";
    private const string No = "خیر";

    /// <summary>The services sheet's columns after the key (computed columns are written, not read).</summary>
    public static readonly IReadOnlyList<SheetColumn<CardContent>> Services =
    [
        new("عنوان خدمت", c => c.Title, (c, v) => { c.Title = v; return null; }),
        new(ServiceIdHeader, c => c.ServiceId, (c, v) => { c.ServiceId = v; return null; }),
        new("شناسه خدمت مادر", c => c.ParentServiceId, (c, v) => { c.ParentServiceId = v; return null; }),
        new("عنوان فرایند", c => c.ProcessTitle, (c, v) => { c.ProcessTitle = v; return null; }),
        new("روش اجرایی", c => c.ExecutionMethod, (c, v) => { c.ExecutionMethod = v; return null; }),
        new("نام دستگاه اجرایی", c => c.Provider.Agency, (c, v) => { c.Provider.Agency = v; return null; }),
        new("نام دستگاه مادر", c => c.Provider.ParentAgency, (c, v) => { c.Provider.ParentAgency = v; return null; }),
        new("واحد مربوط", c => c.Provider.Unit, (c, v) => { c.Provider.Unit = v; return null; }),
        new("استان", c => c.Provider.Province, (c, v) => { c.Provider.Province = v; return null; }, Choices: Provinces.All),
        new("شرح خدمت", c => c.Description, (c, v) => { c.Description = v; return null; }),
        new("نوع خدمت", c => SetText(c.ServiceTypes), (c, v) => ParseSet(v, c.ServiceTypes), Choices: Codes<ServiceType>(), Many: true),
        new("نوع مخاطبین / خدمت گیرندگان", c => c.Audience, (c, v) => { c.Audience = v; return null; }),
        new("ماهیت خدمت", c => One(c.Nature), (c, v) => ParseOne<Nature>(v, x => c.Nature = x), Choices: Codes<Nature>()),
        new("سطح خدمت", c => SetText(c.Levels), (c, v) => ParseSet(v, c.Levels), Choices: Codes<ServiceLevel>(), Many: true),
        new("رویداد مرتبط با", c => SetText(c.LifeEvents), (c, v) => ParseSet(v, c.LifeEvents), Choices: Codes<LifeEvent>(), Many: true),
        new("سایر رویداد", c => c.LifeEventOther, (c, v) => { c.LifeEventOther = v; return null; }),
        new("نحوه آغاز خدمت", c => SetText(c.Triggers), (c, v) => ParseSet(v, c.Triggers), Choices: Codes<Trigger>(), Many: true),
        new("سایر نحوه آغاز", c => c.TriggerOther, (c, v) => { c.TriggerOther = v; return null; }),
        new("مدارک لازم برای انجام خدمت", c => Lines(c.RequiredDocuments), (c, v) => { c.RequiredDocuments = SplitLines(v); return null; }),
        new("قوانین و مقررات بالادستی", c => Lines(c.Laws), (c, v) => { c.Laws = SplitLines(v); return null; }),
        new("آمار تعداد خدمت گیرندگان", c => Number(c.Recipients.Count), (c, v) => ParseLong(v, x => c.Recipients.Count = x), Numeric: true),
        new("خدمت گیرندگان در", c => One(c.Recipients.Period), (c, v) => ParseOne<Period>(v, x => c.Recipients.Period = x), Choices: Codes<Period>()),
        new("واحد شمارش خدمت گیرندگان", c => c.Recipients.Unit, (c, v) => { c.Recipients.Unit = v; return null; }),
        new("متوسط مدت زمان ارائه خدمت", c => c.AverageDuration.Text, (c, v) => { c.AverageDuration.Text = v; return null; }),
        new("مدت (مقدار)", c => c.AverageDuration.Value?.ToString(CultureInfo.InvariantCulture), (c, v) => ParseDecimal(v, x => c.AverageDuration.Value = x), Numeric: true),
        new("مدت (واحد)", c => One(c.AverageDuration.Unit), (c, v) => ParseOne<DurationUnit>(v, x => c.AverageDuration.Unit = x), Choices: Codes<DurationUnit>()),
        new("یکبار برای همیشه", c => Bool(c.Frequency.OnceForever), (c, v) => ParseBool(v, x => c.Frequency.OnceForever = x), Choices: YesNo),
        new("تواتر (تعداد بار)", c => Number(c.Frequency.Times), (c, v) => ParseLong(v, x => c.Frequency.Times = x), Numeric: true),
        new("تواتر (در)", c => One(c.Frequency.Period), (c, v) => ParseOne<Period>(v, x => c.Frequency.Period = x), Choices: Codes<Period>()),
        new("تواتر (توضیح)", c => c.Frequency.Text, (c, v) => { c.Frequency.Text = v; return null; }),
        new("تعداد بار مراجعه حضوری", c => Number(c.InPersonVisits.Count), (c, v) => ParseLong(v, x => c.InPersonVisits.Count = x), Numeric: true),
        new("مراجعه حضوری (توضیح)", c => c.InPersonVisits.Text, (c, v) => { c.InPersonVisits.Text = v; return null; }),
        new("پرداخت بصورت الکترونیک", c => Bool(c.Fees.ElectronicPayment), (c, v) => ParseBool(v, x => c.Fees.ElectronicPayment = x), Choices: YesNo),
        new("بدون هزینه", c => Bool(c.Fees.Free), (c, v) => ParseBool(v, x => c.Fees.Free = x), Choices: YesNo),
        new("هزینه (توضیح)", c => c.Fees.Note, (c, v) => { c.Fees.Note = v; return null; }),
        new("آدرس دقیق و مستقیم خدمت در وبگاه", c => Lines(c.WebAddresses), (c, v) => { c.WebAddresses = SplitLines(v); return null; }),
        new("نام سامانه مربوط به خدمت", c => c.SystemName, (c, v) => { c.SystemName = v; return null; }),
        new("تکمیل کننده فرم", c => c.FormFiller.Name, (c, v) => { c.FormFiller.Name = v; return null; }),
        new("واحد تکمیل کننده", c => c.FormFiller.Unit, (c, v) => { c.FormFiller.Unit = v; return null; }),
        new("تلفن تکمیل کننده", c => c.FormFiller.Phone, (c, v) => { c.FormFiller.Phone = PersianText.ToLatinDigits(v); return null; }),
        new("پست الکترونیک تکمیل کننده", c => c.FormFiller.Email, (c, v) => { c.FormFiller.Email = v; return null; }),
        new(UnmappedHeader, c => Lines(c.Unmapped), (c, v) => { c.Unmapped = SplitLines(v); return null; }),
    ];

    /// <summary>The sheets of repeated parts, in workbook order.</summary>
    public static readonly IReadOnlyList<IPartSheet> Parts =
    [
        new PartSheet<long[]>("هزینه‌ها",
            [new("مبلغ (ریال)", r => Number(r[0]), (r, v) => ParseLong(v, x => r[0] = x ?? 0), Numeric: true)],
            c => c.Fees.AmountsRials.Select(a => new[] { a }), () => [0],
            (c, r) => { c.Fees.AmountsRials.Add(r[0]); return null; }),
        new PartSheet<BankAccount>("حساب‌های بانکی",
            [
                new("شماره حساب", b => b.Number, (b, v) => { b.Number = PersianText.ToLatinDigits(v); return null; }),
                new("صاحب حساب", b => b.Holder, (b, v) => { b.Holder = v; return null; }),
            ],
            c => c.Fees.BankAccounts, () => new BankAccount(),
            (c, b) => { c.Fees.BankAccounts.Add(b); return null; }),
        new PartSheet<StageRow>("مراحل",
            [
                new("مرحله", s => StageLabel(s.Key), (s, v) => StageKey(v) is { } key ? Assign(() => s.Key = key) : "مرحله یکی از اطلاع رسانی، درخواست، تولید یا ارائه است.", Choices: StageChoices),
                new("الکترونیکی", s => Bool(s.Stage.Electronic), (s, v) => ParseBool(v, x => s.Stage.Electronic = x), Choices: YesNo),
                new("رسانه ارتباطی خدمت", s => SetText(s.Stage.Channels), (s, v) => ParseSet(v, s.Stage.Channels), Choices: Codes<Channel>(), Many: true),
                new("سایر رسانه", s => s.Stage.ChannelOther, (s, v) => { s.Stage.ChannelOther = v; return null; }),
                new("شماره قرارداد دفاتر پیشخوان", s => s.Stage.CounterContract, (s, v) => { s.Stage.CounterContract = v; return null; }),
                new("مراجعه حضوری", s => Bool(s.Stage.InPerson), (s, v) => ParseBool(v, x => s.Stage.InPerson = x), Choices: YesNo),
                new("ضرورت مراجعه حضوری", s => SetText(s.Stage.InPersonReasons), (s, v) => ParseSet(v, s.Stage.InPersonReasons), Choices: Codes<InPersonReason>(), Many: true),
                new("سایر ضرورت", s => s.Stage.InPersonReasonOther, (s, v) => { s.Stage.InPersonReasonOther = v; return null; }),
                new("مراجعه به دستگاه", s => SetText(s.Stage.VisitLevels), (s, v) => ParseSet(v, s.Stage.VisitLevels), Choices: Codes<VisitLevel>(), Many: true),
            ],
            c => c.Stages.All().Select(s => new StageRow { Key = s.Key, Stage = s.Stage }), () => new StageRow(),
            (c, s) =>
            {
                switch (s.Key)
                {
                    case "informing": c.Stages.Informing = s.Stage; break;
                    case "request": c.Stages.Request = s.Stage; break;
                    case "production": c.Stages.Production = s.Stage; break;
                    case "delivery": c.Stages.Delivery = s.Stage; break;
                    default: return "ستون «مرحله» خالی است.";
                }

                return null;
            }),
        new PartSheet<LinkRow>("ارتباطات",
            [
                new("نوع ارتباط", l => l.External ? "دستگاه دیگر" : "سامانه داخلی", (l, v) => ParseLinkKind(v, l), Choices: LinkKinds),
                new("دستگاه", l => l.Agency, (l, v) => { l.Agency = v; return null; }),
                new("نام سامانه", l => l.SystemName, (l, v) => { l.SystemName = v; return null; }),
                new("فیلدهای مورد تبادل", l => l.ExchangedFields, (l, v) => { l.ExchangedFields = v; return null; }),
                new("مبلغ (ریال)", l => Number(l.CostRials), (l, v) => ParseLong(v, x => l.CostRials = x), Numeric: true),
                new("نوع استعلام", l => One(l.Inquiry), (l, v) => ParseOne<InquiryMode>(v, x => l.Inquiry = x), Choices: Codes<InquiryMode>()),
                new("استعلام غیر الکترونیکی توسط", l => One(l.NonElectronicBy), (l, v) => ParseOne<NonElectronicBy>(v, x => l.NonElectronicBy = x), Choices: Codes<NonElectronicBy>()),
            ],
            LinkRow.Of, () => new LinkRow(), (c, l) => l.AttachTo(c)),
        new PartSheet<StepRow>("فرایندها",
            [
                new("شماره", s => Number(s.Number), (s, v) => ParseLong(v, x => s.Number = x ?? 0), Numeric: true),
                new("عنوان فرایند", s => s.Title, (s, v) => { s.Title = v; return null; }),
            ],
            c => c.ProcessSteps.Select((t, i) => new StepRow { Number = i + 1, Title = t }), () => new StepRow(),
            (c, s) => { c.ProcessSteps.Add(s.Title); return null; }),
        new PartSheet<PermitRow>("مجوزها",
            [
                new("شماره مجوز", p => Number(p.Number), (p, v) => ParseLong(v, x => p.Number = x ?? 0), Numeric: true),
                new("عنوان مجوز", p => p.Permit.Title, (p, v) => { p.Permit.Title = v; return null; }),
                new("نوع مجوز", p => One(p.Permit.Kind), (p, v) => ParseOne<PermitKind>(v, x => p.Permit.Kind = x), Choices: Codes<PermitKind>()),
                new("مستندات قانونی", p => p.Permit.LegalBasis, (p, v) => { p.Permit.LegalBasis = v; return null; }),
                new("مدارک مورد نیاز", p => Lines(p.Permit.RequiredDocuments), (p, v) => { p.Permit.RequiredDocuments = SplitLines(v); return null; }),
                new("مدت اعتبار", p => p.Permit.Validity, (p, v) => { p.Permit.Validity = v; return null; }),
                new("هزینه (ریال)", p => Number(p.Permit.CostRials), (p, v) => ParseLong(v, x => p.Permit.CostRials = x), Numeric: true),
                new("متقاضی مجوز", p => SetText(p.Permit.ApplicantTypes), (p, v) => ParseSet(v, p.Permit.ApplicantTypes), Choices: Codes<ApplicantType>(), Many: true),
                new("مجموعه فرآیند مجوز", p => p.Permit.ProcessDuration, (p, v) => { p.Permit.ProcessDuration = v; return null; }),
                new("مراجع ناظر", p => p.Permit.Supervisors, (p, v) => { p.Permit.Supervisors = v; return null; }),
                new("الکترونیکی", p => p.Permit.Electronic is { } e ? Bool(e) : null, (p, v) => ParseBool(v, x => p.Permit.Electronic = x), Choices: YesNo),
                new("توضیحات", p => p.Permit.Notes, (p, v) => { p.Permit.Notes = v; return null; }),
            ],
            c => c.Permits.Select((p, i) => new PermitRow { Number = i + 1, Permit = p }), () => new PermitRow(),
            (c, p) => { c.Permits.Add(p.Permit); return null; }),
        new PartSheet<InquiryRow>("استعلام‌های مجوز",
            [
                new("شماره مجوز", q => Number(q.PermitNumber), (q, v) => ParseLong(v, x => q.PermitNumber = x ?? 0), Numeric: true),
                new("عنوان دستگاه استعلام شونده", q => q.Inquiry.Agency, (q, v) => { q.Inquiry.Agency = v; return null; }),
                new("نوع فرآیند", q => q.Inquiry.Kind, (q, v) => { q.Inquiry.Kind = v; return null; }),
                new("مدارک مورد نیاز", q => Lines(q.Inquiry.RequiredDocuments), (q, v) => { q.Inquiry.RequiredDocuments = SplitLines(v); return null; }),
                new("مدت اعتبار", q => q.Inquiry.Validity, (q, v) => { q.Inquiry.Validity = v; return null; }),
                new("هزینه (ریال)", q => Number(q.Inquiry.CostRials), (q, v) => ParseLong(v, x => q.Inquiry.CostRials = x), Numeric: true),
                new("زمان انجام کار", q => q.Inquiry.Duration, (q, v) => { q.Inquiry.Duration = v; return null; }),
                new("الکترونیکی", q => q.Inquiry.Electronic is { } e ? Bool(e) : null, (q, v) => ParseBool(v, x => q.Inquiry.Electronic = x), Choices: YesNo),
                new("توضیحات", q => q.Inquiry.Notes, (q, v) => { q.Inquiry.Notes = v; return null; }),
            ],
            c => c.Permits.SelectMany((p, i) => p.Inquiries.Select(q => new InquiryRow { PermitNumber = i + 1, Inquiry = q })), () => new InquiryRow(),
            (c, q) =>
            {
                if (q.PermitNumber < 1 || q.PermitNumber > c.Permits.Count)
                {
                    return $"مجوز شماره {q.PermitNumber} در برگه «مجوزها» برای این خدمت نیست.";
                }

                c.Permits[(int)q.PermitNumber - 1].Inquiries.Add(q.Inquiry);
                return null;
            }),
        new PartSheet<Office>("محل‌های ارائه خدمت",
            [
                new("نام محل", o => o.Name, (o, v) => { o.Name = v ?? ""; return null; }),
                new("استان", o => o.Province, (o, v) => { o.Province = v; return null; }, Choices: Provinces.All),
                new("شهرستان", o => o.County, (o, v) => { o.County = v; return null; }),
                new("نشانی", o => o.Address, (o, v) => { o.Address = v; return null; }),
                new("تلفن", o => o.Phone, (o, v) => { o.Phone = PersianText.ToLatinDigits(v); return null; }),
                new("ساعات کار", o => o.Hours, (o, v) => { o.Hours = v; return null; }),
                new("نشانی برخط", o => o.OnlineUrl, (o, v) => { o.OnlineUrl = v; return null; }),
            ],
            c => c.Offices, () => new Office(),
            (c, o) => { c.Offices.Add(o); return null; }),
    ];

    /// <summary>Whether a read row is an example row (its key is <see cref="ExampleKey"/>), not a service.</summary>
    public static bool IsExample(IReadOnlyDictionary<string, string> cells) =>
        cells.TryGetValue(KeyHeader, out var key) && PersianText.Normalize(key) == PersianText.Normalize(ExampleKey);

    /// <summary>The value of <see cref="TemplateHeader"/> for a card: its template's number, for an instance.</summary>
    public static string? TemplateLink(ServiceCard card) => card.TemplateId?.ToString(CultureInfo.InvariantCulture);

    /// <summary>The computed columns written after the services columns (export only).</summary>
    public static IReadOnlyList<string> ComputedHeaders => [StatusHeader, MaturityHeader, FreeHeader];

    public static string?[] Computed(ServiceCard card) =>
        [Labels.Of(card.Status), MaturityLevel.Label(card.Maturity), Labels.Free(card.IsFree)];
}
