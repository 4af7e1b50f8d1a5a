using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Exchange;

namespace ServiceRegistry.Core.Catalog;

/// <summary>
/// Makes a realistic registry for scale tests: the 31 provinces with their directorates and national ministries,
/// and N cards with every kind of field filled with plausible Persian text (deterministic for a given seed).
/// Cards are streamed into the database in batches (SQLite: one transaction, one prepared command; PostgreSQL:
/// binary COPY), so memory stays flat; the search index is built once at the end (FTS5 rebuild; PostgreSQL search table).
/// </summary>
public sealed class SyntheticRegistry(RegistryDbContext db, TimeProvider time)
{
    public static readonly string[] Provinces =
    [
        "آذربایجان شرقی", "آذربایجان غربی", "اردبیل", "اصفهان", "البرز", "ایلام", "بوشهر", "تهران", "چهارمحال و بختیاری",
        "خراسان جنوبی", "خراسان رضوی", "خراسان شمالی", "خوزستان", "زنجان", "سمنان", "سیستان و بلوچستان", "فارس", "قزوین",
        "قم", "کردستان", "کرمان", "کرمانشاه", "کهگیلویه و بویراحمد", "گلستان", "گیلان", "لرستان", "مازندران", "مرکزی",
        "هرمزگان", "همدان", "یزد",
    ];

    private static readonly string[] Ministries =
    [
        "وزارت کشور", "وزارت راه و شهرسازی", "وزارت بهداشت، درمان و آموزش پزشکی", "وزارت آموزش و پرورش", "وزارت تعاون، کار و رفاه اجتماعی",
        "وزارت صنعت، معدن و تجارت", "وزارت جهاد کشاورزی", "وزارت نیرو", "وزارت امور اقتصادی و دارایی", "وزارت فرهنگ و ارشاد اسلامی",
        "وزارت ورزش و جوانان", "وزارت میراث فرهنگی، گردشگری و صنایع دستی", "سازمان ثبت اسناد و املاک کشور", "سازمان امور مالیاتی کشور",
        "سازمان تامین اجتماعی", "سازمان حفاظت محیط زیست", "سازمان بهزیستی کشور", "سازمان برنامه و بودجه کشور",
    ];

    private static readonly string[] Directorates =
    [
        "اداره کل راه و شهرسازی", "اداره کل تعاون، کار و رفاه اجتماعی", "اداره کل آموزش و پرورش", "دانشگاه علوم پزشکی", "اداره کل ثبت اسناد و املاک",
        "اداره کل امور مالیاتی", "اداره کل تامین اجتماعی", "اداره کل حفاظت محیط زیست", "اداره کل بهزیستی", "سازمان جهاد کشاورزی",
        "اداره کل صنعت، معدن و تجارت", "شرکت آب منطقه ای", "شرکت توزیع نیروی برق", "اداره کل فرهنگ و ارشاد اسلامی", "اداره کل ورزش و جوانان",
        "اداره کل میراث فرهنگی، گردشگری و صنایع دستی", "استانداری", "سازمان مدیریت و برنامه ریزی", "اداره کل ثبت احوال", "شهرداری مرکز استان",
    ];

    private static readonly string[] Actions =
    [
        "صدور", "تمدید", "اصلاح", "لغو", "ثبت", "استعلام", "پرداخت", "درخواست", "تایید", "بازبینی", "انتقال", "ابطال",
        "تعویض", "اعطای", "ارزیابی", "نظارت بر", "بررسی", "رسیدگی به", "ثبت نام", "پیگیری",
    ];

    private static readonly string[] Objects =
    [
        "پروانه ساختمان", "پروانه کسب", "مجوز فعالیت", "گواهی پایان کار", "کارت شناسایی", "شناسنامه", "سند مالکیت", "گواهی عدم سوء پیشینه",
        "پروانه بهره برداری", "مجوز حفر چاه", "انشعاب آب", "انشعاب برق", "کارت بازرگانی", "مستمری بازنشستگی", "بیمه بیکاری", "کمک هزینه تحصیلی",
        "گواهی سلامت", "پروانه مطب", "مجوز نشر", "کارت معافیت", "گواهی مالیاتی", "پرونده مالیاتی", "مجوز تاسیس مهدکودک", "پروانه اشتغال",
        "گواهی استاندارد", "مجوز واردات", "گواهی مبدا", "شکایت شهروندان", "درجه بندی شهرداری ها", "مدارک اقامتی اتباع", "مجوز شکار",
        "مجوز برگزاری همایش", "کارت ورزشی", "مجوز باشگاه", "ثبت شرکت", "ثبت علامت تجاری", "سند ازدواج", "گواهی فوت", "کمک هزینه ازدواج",
        "مستمری از کارافتادگی", "پروانه صید", "مجوز دامداری", "گواهی بهداشت محیط", "مجوز تبلیغات محیطی", "پروانه حمل و نقل", "معاینه فنی خودرو",
    ];

    private static readonly string[] Qualifiers = ["", "", "", "اشخاص حقیقی", "اشخاص حقوقی", "اتباع خارجی", "ایثارگران", "روستاییان", "واحدهای تولیدی", "دانش آموزان"];

    private static readonly string[] Sentences =
    [
        "متقاضی درخواست خود را همراه با مدارک لازم ثبت می کند", "کارشناس واحد مربوط مدارک را بررسی و در صورت نقص اعلام می نماید",
        "پس از تایید نهایی، نتیجه به صورت پیامک به متقاضی اطلاع داده می شود", "استعلام های لازم از دستگاه های ذی ربط به صورت برخط انجام می شود",
        "بازدید میدانی توسط کارشناس انجام و گزارش آن در سامانه ثبت می گردد", "هزینه خدمت از طریق درگاه پرداخت الکترونیک دریافت می شود",
        "این خدمت بر اساس آیین نامه اجرایی مصوب هیئت وزیران ارائه می شود", "مدارک اصل در دفاتر پیشخوان دولت احراز اصالت می شود",
        "نتیجه خدمت به صورت الکترونیکی در پنجره ملی خدمات دولت هوشمند قابل دریافت است", "در صورت اعتراض، پرونده در کمیسیون مربوط بررسی می شود",
    ];

    private static readonly string[] Documents =
    [
        "تصویر کارت ملی", "تصویر شناسنامه", "فرم تکمیل شده درخواست", "سند مالکیت یا اجاره نامه", "عکس ۳×۴", "گواهی عدم سوء پیشینه",
        "مدرک تحصیلی", "نقشه ساختمان", "فیش واریزی", "معرفی نامه از محل کار", "کارت پایان خدمت", "اساسنامه شرکت",
    ];

    private static readonly string[] Laws =
    [
        "قانون مدیریت خدمات کشوری", "قانون ارتقای سلامت نظام اداری و مقابله با فساد", "قانون شهرداری ها", "قانون ثبت احوال",
        "قانون تامین اجتماعی", "قانون مالیات های مستقیم", "قانون نظام صنفی", "آیین نامه اجرایی ماده ۱۰۰ قانون شهرداری ها", "قانون کار",
        "تصویب نامه هیئت وزیران شماره ۱۲۳۴۵/ت۵۶۷۸۹ه",
    ];

    private static readonly string[] Steps =
    [
        "ثبت درخواست", "بررسی مدارک", "استعلام از دستگاه های ذی ربط", "بازدید میدانی", "محاسبه هزینه", "پرداخت هزینه", "تایید کارشناس",
        "تایید مدیر واحد", "صدور", "ارسال نتیجه به متقاضی", "بایگانی پرونده",
    ];

    private static readonly string[] Systems = ["سامانه جامع خدمات", "پنجره واحد", "سامانه پیشخوان", "سامانه مدیریت پرونده", "سامانه یکپارچه مالی"];

    public sealed record Progress(long Done, long Total, TimeSpan Elapsed);

    /// <summary>Adds the agencies (when missing) and <paramref name="count"/> cards. Returns the number of cards written.</summary>
    public async Task<long> GenerateAsync(long count, int seed, IProgress<Progress>? progress = null, CancellationToken ct = default)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1)); // index builds over millions of rows
        var agencies = await AgenciesAsync(ct);
        var firstId = (await db.Cards.MaxAsync(c => (int?)c.Id, ct) ?? 0) + 1;
        var clock = Stopwatch.StartNew();
        var cards = Cards(count, firstId, agencies, seed);
        var written = db.Database.IsNpgsql()
            ? await CopyPostgresAsync(cards, firstId, count, progress, clock, ct)
            : await InsertSqliteAsync(cards, count, progress, clock, ct);
        if (db.Database.IsNpgsql())
        {
            // VACUUM sets the visibility map, so the catalog index loads with an index-only scan
            await db.Database.ExecuteSqlRawAsync("""VACUUM ANALYZE "Cards";""", ct); // one statement a command: VACUUM refuses a batch
            await db.Database.ExecuteSqlRawAsync("""VACUUM ANALYZE "CardSearch";""", ct);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE;", ct);
        }

        return written;
    }

    /// <summary>
    /// The cards, made in blocks of ten from a random generator seeded by the block number, so any block can be made on
    /// any thread and the registry is the same for a given seed. The first card of a block is a published service;
    /// some of the others are its sub-services (same agency, naming it as parent), the rest independent services.
    /// </summary>
    private ParallelQuery<ServiceCard> Cards(long count, int firstId, List<Agency> agencies, int seed)
    {
        var now = time.GetUtcNow();
        var blocks = (count + 9) / 10;
        return LongRange(blocks).AsParallel().AsOrdered().WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount))
            .SelectMany(block =>
            {
                var r = new Random(HashCode.Combine(seed, block));
                var list = new List<ServiceCard>(10);
                string? parent = null;
                Agency? parentAgency = null;
                for (var k = 0; k < 10 && block * 10 + k < count; k++)
                {
                    var id = firstId + (block * 10) + k;
                    var sub = k > 0 && parent is not null && r.Next(5) == 0;
                    var agency = sub ? parentAgency! : agencies[r.Next(agencies.Count)];
                    var content = Content(r, agency, id);
                    var status = k == 0 || sub ? CardStatus.Published : r.Next(10) switch { < 8 => CardStatus.Published, 8 => CardStatus.Draft, _ => CardStatus.Submitted };
                    if (status == CardStatus.Published)
                    {
                        content.ServiceId = (10_000_000_000 + id).ToString(CultureInfo.InvariantCulture);
                    }

                    if (sub)
                    {
                        content.ParentServiceId = parent;
                        content.Title = $"{content.Title} (زیرخدمت)";
                    }
                    else if (k == 0)
                    {
                        parent = content.ServiceId;
                        parentAgency = agency;
                    }

                    list.Add(ServiceCard.FromFile(agency.Id, content, status, now.AddMinutes(-r.Next(0, 500_000))));
                }

                return list;
            });
    }

    private static IEnumerable<long> LongRange(long count)
    {
        for (long i = 0; i < count; i++)
        {
            yield return i;
        }
    }

    private static CardContent Content(Random r, Agency agency, long id)
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

    private async Task<List<Agency>> AgenciesAsync(CancellationToken ct)
    {
        if (await db.Agencies.CountAsync(ct) < Provinces.Length * Directorates.Length)
        {
            var existing = (await db.Agencies.Select(a => a.Name).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var ministries = new Dictionary<string, Agency>(StringComparer.Ordinal);
            foreach (var name in Ministries.Where(n => !existing.Contains(n)))
            {
                ministries[name] = new Agency(name);
                db.Agencies.Add(ministries[name]);
            }

            foreach (var province in Provinces)
            {
                foreach (var (directorate, i) in Directorates.Select((d, i) => (d, i)))
                {
                    var name = $"{directorate} استان {province}";
                    if (!existing.Contains(name))
                    {
                        var parent = ministries.Count > 0 ? ministries.Values.ElementAt(i % ministries.Count) : null;
                        db.Agencies.Add(new Agency(name, province, parent));
                    }
                }
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        return await db.Agencies.AsNoTracking().Include(a => a.Parent).ToListAsync(ct);
    }

    private static readonly string[] Columns =
    [
        "Status", "AgencyId", "ServiceId", "Version", "CreatedAt", "UpdatedAt", "Content", "Title", "SearchText", "TitleKey",
        "Province", "ParentServiceId", "Types", "Levels", "LifeEvents", "Nature", "Maturity", "IsFree",
        "RecipientsPerYear", "VisitsPerYear", "InquiriesByHandPerYear", "FeesPerYear", "FieldsFilled", "FieldsExpected", "DerivedRevision",
    ];

    private static object?[] Values(ServiceCard c) =>
    [
        c.Status.ToString(), c.AgencyId, c.ServiceId, c.Version, c.CreatedAt, c.UpdatedAt, CardJson.ToCompact(c.Content), c.Title,
        c.SearchText, c.TitleKey, c.Province ?? c.Content.Provider.Province /* the agency's province, written into the content by Generate */, c.ParentServiceId, c.Types, c.Levels, c.LifeEvents, c.Nature?.ToString(), c.Maturity, c.IsFree,
        c.RecipientsPerYear, c.VisitsPerYear, c.InquiriesByHandPerYear, c.FeesPerYear, c.FieldsFilled, c.FieldsExpected, c.DerivedRevision,
    ];

    private async Task<long> InsertSqliteAsync(IEnumerable<ServiceCard> cards, long total, IProgress<Progress>? progress, Stopwatch clock, CancellationToken ct)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -200000;";
            await pragma.ExecuteNonQueryAsync(ct);
        }

        // Bulk load: the FTS5 triggers are dropped while loading and the index is rebuilt once at the end
        // (one pass instead of a million small merges); the triggers come back exactly as the migration made them.
        await db.Database.ExecuteSqlRawAsync(SearchIndexSql.SqliteDropTriggers, ct);
        long done = 0;
        var transaction = connection.BeginTransaction();
        var command = Prepare(connection, transaction);
        foreach (var card in cards)
        {
            var values = Values(card);
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
            if (++done % 20_000 == 0)
            {
                transaction.Commit();
                transaction.Dispose();
                transaction = connection.BeginTransaction();
                command.Transaction = transaction;
                progress?.Report(new Progress(done, total, clock.Elapsed));
                ct.ThrowIfCancellationRequested();
            }
        }

        transaction.Commit();
        transaction.Dispose();
        await command.DisposeAsync();
        progress?.Report(new Progress(done, total, clock.Elapsed));
        await db.Database.ExecuteSqlRawAsync("INSERT INTO CardSearch(CardSearch) VALUES ('rebuild'); " + SearchIndexSql.LogFullReload, ct);
        foreach (var trigger in SearchIndexSql.SqliteTriggers)
        {
            await db.Database.ExecuteSqlRawAsync(trigger, ct);
        }

        return done;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO Cards ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select((_, i) => "$p" + i))})";
        for (var i = 0; i < Columns.Length; i++)
        {
            command.Parameters.Add(new SqliteParameter("$p" + i, null));
        }

        command.Prepare();
        return command;
    }

    private async Task<long> CopyPostgresAsync(IEnumerable<ServiceCard> cards, int firstId, long total, IProgress<Progress>? progress, Stopwatch clock, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        NpgsqlDbType[] types =
        [
            NpgsqlDbType.Text, NpgsqlDbType.Integer, NpgsqlDbType.Text, NpgsqlDbType.Integer, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz,
            NpgsqlDbType.Jsonb, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
            NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Text, NpgsqlDbType.Integer, NpgsqlDbType.Boolean,
            NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Integer,
        ];
        long done = 0;
        var batch = new List<ServiceCard>(50_000);
        async Task FlushAsync()
        {
            await using var importer = await connection.BeginBinaryImportAsync(
                $"""COPY "Cards" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)""", ct);
            foreach (var card in batch)
            {
                await importer.StartRowAsync(ct);
                var values = Values(card);
                for (var i = 0; i < values.Length; i++)
                {
                    if (values[i] is null)
                    {
                        await importer.WriteNullAsync(ct);
                    }
                    else
                    {
                        await importer.WriteAsync(values[i], types[i], ct);
                    }
                }
            }

            await importer.CompleteAsync(ct);
            done += batch.Count;
            batch.Clear();
            progress?.Report(new Progress(done, total, clock.Elapsed));
        }

        // the change-log trigger would log every row: off while loading, then one "reload everything" entry
        await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Cards" DISABLE TRIGGER "Cards_changes";""", ct);
        try
        {
            foreach (var card in cards)
            {
                batch.Add(card);
                if (batch.Count == batch.Capacity)
                {
                    await FlushAsync();
                }
            }

            await FlushAsync();
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Cards" ENABLE TRIGGER "Cards_changes";""" + SearchIndexSql.LogFullReload, CancellationToken.None);
        }

        // the search table in one pass, its index built once after it (as SQLite's FTS5 'rebuild')
        await db.Database.ExecuteSqlRawAsync("""DROP INDEX IF EXISTS "IX_CardSearch_Words";""", ct);
        await db.Database.ExecuteSqlRawAsync(SearchIndexSql.PostgresFillSearch, [firstId], ct);
        await db.Database.ExecuteSqlRawAsync(SearchIndexSql.PostgresSearchIndex, ct);

        return done;
    }

    /// <summary>A one-line progress bar for a terminal.</summary>
    public static string Bar(Progress p)
    {
        var fraction = p.Total == 0 ? 1 : (double)p.Done / p.Total;
        var filled = (int)(fraction * 30);
        var rate = p.Elapsed.TotalSeconds > 0 ? p.Done / p.Elapsed.TotalSeconds : 0;
        var eta = rate > 0 ? TimeSpan.FromSeconds((p.Total - p.Done) / rate) : TimeSpan.Zero;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', 30 - filled)}] {fraction:P0} {p.Done:N0}/{p.Total:N0} cards, {rate:N0}/s, elapsed {p.Elapsed:hh\\:mm\\:ss}, eta {eta:hh\\:mm\\:ss}");
    }
}
