using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ServiceRegistry.BrowserTests.Pages;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Testing;

namespace ServiceRegistry.BrowserTests;

/// <summary>Journeys of agency staff through the card form, the card page, its print view and its PDF.</summary>
public sealed class CardJourneyTests(BrowserSession session)
{
    [Fact]
    public async Task EnterTheRegionalAccountsSample_ThroughTheForm_StoresItExactlyAndShowsItInPageAndPdf()
    {
        // Arrange
        var page = await session.NewPageAsync();
        var form = new CardFormPage(page);
        await form.OpenNewAsync();

        // Act: the sample form (shared/samples/forms/regional-accounts.txt), typed as a person would
        await form.FillAsync("۱- عنوان خدمت", "تهیه حساب های منطقه ای");
        await form.ChooseAgencyAsync(BrowserSession.Agency);
        await form.FillAsync("نام دستگاه مادر", "سازمان برنامه و بودجه کشور - مرکز آمار ایران");
        await form.FillAsync("شرح خدمت", RegionalAccounts.Description);
        await form.TickAsync("نوع خدمت", "خدمت به شهروندان (G2C)");
        await form.TickAsync("نوع خدمت", "خدمت به کسب و کار (G2B)");
        await form.TickAsync("نوع خدمت", "خدمت به دیگر دستگاه های دولتی (G2G)");
        await form.FillAsync("نوع مخاطبین", "نظام برنامه ریزی، دستگاههای اجرایی، مرکز آمار ایران، دانشجویان و اساتید.");
        await form.TickAsync("ماهیت خدمت", "حاکمیتی");
        await form.TickAsync("سطح خدمت", "استانی");
        await form.TickAsync("رویداد مرتبط با", "سایر");
        await form.TickAsync("نحوه آغاز خدمت", "فرارسیدن زمانی مشخص");
        await form.TickAsync("نحوه آغاز خدمت", "سایر");
        await form.FillAsync("سایر نحوه آغاز (ذکر گردد)", "درخواست مرکز آمار ایران");
        await form.FillListAsync("مدرک", "افزودن مدرک", ["درخواست رسمی مرکز آمار ایران"]);
        await form.FillListAsync("قانون", "افزودن قانون یا مصوبه", ["قانون مرکز آمار ایران", "برنامه ملی آمار", "مصوبات شورای عالی آمار"]);
        await form.FillAsync("تعداد خدمت گیرندگان", "۸۰");
        await form.TickAsync("خدمت گیرندگان در", "سال");
        await form.FillAsync("مدت (عدد)", "۱");
        await form.TickAsync("واحد زمان", "سال");
        await form.FillAsync("تعداد بار", "۱");
        await form.TickAsync("بار در", "سال");
        await form.FillListAsync("آدرس وبگاه", "افزودن آدرس", ["www.lorestan.mporg.ir", "www.amar.org.ir"]);
        await form.FillAsync("نام سامانه مربوط به خدمت", "سامانه سجاد");
        await Stage(form, "در مرحله اطلاع رسانی خدمت", "اینترنتی (مانند وبگاه/درگاه دستگاه)", null);
        await Stage(form, "در مرحله درخواست خدمت", "سایر", "انجام مکاتبات رسمی از طریق شبکه دولت");
        await Stage(form, "مرحله تولید خدمت", "سایر", "از طریق سامانه الکترونیکی");
        await Stage(form, "در مرحله ارائه خدمت", "اینترنتی (مانند وبگاه/درگاه دستگاه)", null);
        await form.FillListAsync("مرحله", "افزودن مرحله", RegionalAccounts.Steps);
        await form.FillAsync("نام و نام خانوادگی تکمیل کننده فرم", "سمیه بردی نشین");
        await form.FillAsync("واحد مربوط تکمیل کننده", "معاونت آمار و اطلاعات");
        await form.FillAsync("تلفن", "۳۳۲۲۱۴۶۵");
        if (BrowserSession.ScreenshotDirectory is { } shots)
        {
            await page.EvaluateAsync("() => window.scrollTo(0, document.getElementById('section-spec').offsetTop + 40)");
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "form.png"), FullPage = false });
        }

        await form.SaveAsync();
        var card = new CardPage(page);

        // Assert: stored exactly as the sample's gold JSON
        Assert.Matches(@"/cards/\d+$", page.Url);
        var stored = await session.App.WithDbAsync(db => db.Cards.SingleAsync(c => c.Id == card.Id));
        var gold = CardJson.Read(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "regional-accounts.gold.json"), TestContext.Current.CancellationToken));
        Assert.True(gold.Ok);
        Assert.Equal(CardJson.Serialize(gold.Content!), CardJson.Serialize(stored.Content));

        // …and shown in the official layout: every set with its unticked choices too
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("پیش‌نویس ذخیره شد");
        Assert.Equal(["خدمت به شهروندان (G2C)", "خدمت به کسب و کار (G2B)", "خدمت به دیگر دستگاه های دولتی (G2G)"], await card.TickedAsync("نوع خدمت"));
        Assert.Equal(["استانی"], await card.TickedAsync("سطح خدمت"));
        Assert.Equal(5, await card.ChoicesShownAsync("سطح خدمت"));
        Assert.Equal(14, await card.ChoicesShownAsync("رویداد مرتبط با"));
        var text = await card.Card.InnerTextAsync();
        foreach (var value in RegionalAccounts.ShownValues)
        {
            Assert.Contains(value, text, StringComparison.Ordinal);
        }

        if (BrowserSession.ScreenshotDirectory is { } dir)
        {
            await page.EvaluateAsync("() => window.scrollTo(0, document.querySelector('article.official-card').offsetTop - 10)");
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, "card.png"), FullPage = false });
        }

        // …and in its PDF, shaped Persian text that pdftotext reads back
        var pdf = await card.DownloadPdfAsync();
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        var pdfText = await PdfText.ExtractAsync(pdf);
        foreach (var value in RegionalAccounts.ShownValues.Concat(RegionalAccounts.Steps))
        {
            Assert.Contains(PdfText.Fold(value), pdfText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ReopenACard_EditAPermitInquiryAndAStep_ChangesAreKept()
    {
        // Arrange
        var seeded = await session.App.SeedAsync(new CardBuilder().Titled("صدور پروانه بهره برداری").OfAgency(BrowserSession.Agency, BrowserSession.Province).With(c =>
        {
            c.ProcessSteps = ["ثبت درخواست", "بازدید"];
            c.Permits = [new Permit { Title = "پروانه بهره برداری", Kind = PermitKind.Issue, Inquiries = [new PermitInquiry { Agency = "اداره کل محیط زیست", Electronic = false }] }];
        }));
        var id = seeded[0].Id;
        var page = await session.NewPageAsync();
        var form = new CardFormPage(page);

        // Act
        await form.OpenEditAsync(id);
        await form.FillAsync("عنوان دستگاه استعلام شونده ۱-۱", "اداره کل حفاظت محیط زیست استان", group: "استعلام ۱-۱");
        await form.TickAsync("فرآیند استعلام ۱-۱", "الکترونیکی", within: "استعلام ۱-۱");
        await form.ClickAsync("افزودن استعلام به مجوز ۱");
        await form.FillAsync("عنوان دستگاه استعلام شونده ۱-۲", "اداره ثبت اسناد");
        await form.FillAsync("مرحله ۲", "بازدید میدانی");
        await form.SaveAsync();
        await form.OpenEditAsync(id);

        // Assert
        Assert.Equal("اداره کل حفاظت محیط زیست استان", await form.Field("عنوان دستگاه استعلام شونده ۱-۱").InputValueAsync());
        Assert.Equal("اداره ثبت اسناد", await form.Field("عنوان دستگاه استعلام شونده ۱-۲").InputValueAsync());
        Assert.Equal("بازدید میدانی", await form.Field("مرحله ۲").InputValueAsync());
        var stored = await session.App.WithDbAsync(db => db.Cards.SingleAsync(c => c.Id == id));
        Assert.True(stored.Content.Permits[0].Inquiries[0].Electronic);
        Assert.Equal(2, stored.Content.Permits[0].Inquiries.Count);
    }

    [Fact]
    public async Task SaveWithMistakes_ShowsPersianErrorsBesideTheFieldsAndKeepsWhatWasTyped()
    {
        // Arrange
        var page = await session.NewPageAsync();
        var form = new CardFormPage(page);
        await form.OpenNewAsync();

        // Act (the editor's own agency is preselected; choosing none shows that error too)
        await form.ChooseAgencyAsync("");
        await form.FillAsync("شرح خدمت", "شرحی که نباید گم شود");
        await form.ClickAsync("افزودن حساب بانکی");
        await form.FillAsync("شماره حساب یا شبا ۱", "IR580170000000100324200007");
        await form.ClickAsync("افزودن مبلغ");
        await form.FillAsync("مبلغ ۱", "-۵۰۰");
        await form.FillAsync("تعداد خدمت گیرندگان", "۱۲٬۰۰۰");
        await form.SaveAsync();

        // Assert
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("شناسنامه ذخیره نشد");
        Assert.Equal("عنوان خدمت لازم است.", await form.ErrorOfAsync(form.Field("۱- عنوان خدمت")));
        Assert.Equal("دستگاه اجرایی را انتخاب کنید.", await form.ErrorOfAsync(form.Field("نام دستگاه اجرایی")));
        Assert.Contains("رقم‌های کنترلی", await form.ErrorOfAsync(form.Field("شماره حساب یا شبا ۱")), StringComparison.Ordinal);
        Assert.Equal("عدد منفی مجاز نیست.", await form.ErrorOfAsync(form.Field("مبلغ ۱")));
        Assert.Equal("شرحی که نباید گم شود", await form.Field("شرح خدمت").InputValueAsync());
        Assert.Equal("IR580170000000100324200007", await form.Field("شماره حساب یا شبا ۱").InputValueAsync());
        Assert.Equal("۱۲٬۰۰۰", await form.Field("تعداد خدمت گیرندگان").InputValueAsync());
    }

    [Fact]
    public async Task AddARowWithoutJavaScript_TheFormStillWorks()
    {
        // Arrange
        var page = await session.NewPageAsync(javaScript: false);
        var form = new CardFormPage(page);
        await form.OpenNewAsync();

        // Act
        await form.FillAsync("مرحله ۱", "ثبت درخواست");
        await form.ClickAsync("افزودن مرحله");
        await form.FillAsync("مرحله ۲", "بررسی");

        // Assert
        Assert.Equal("ثبت درخواست", await form.Field("مرحله ۱").InputValueAsync());
        Assert.EndsWith("#Card_ProcessSteps", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintViewAndPdf_ShowTheCardAloneOnA4()
    {
        // Arrange
        var seeded = await session.App.SeedAsync(new CardBuilder().Titled("صدور کارت آمایش").Published("11223344"));
        var page = await session.NewPageAsync();

        // Act
        await page.GotoAsync($"/services/{seeded[0].Id}");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var navigationWhenPrinted = await page.Locator("header.site-header").IsVisibleAsync();
        var toolbarWhenPrinted = await page.Locator(".card-toolbar").IsVisibleAsync();
        var cardWhenPrinted = await page.Locator("article.official-card").IsVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await page.GotoAsync($"/services/{seeded[0].Id}?print=true");
        var printView = await page.Locator("article.official-card").InnerTextAsync();
        await page.GotoAsync($"/services/{seeded[0].Id}");
        var pdf = await new CardPage(page).DownloadPdfAsync();
        var pdfText = await PdfText.ExtractAsync(pdf);

        // Assert
        Assert.False(navigationWhenPrinted, "navigation printed");
        Assert.False(toolbarWhenPrinted, "toolbar printed");
        Assert.True(cardWhenPrinted);
        Assert.Contains("صدور کارت آمایش", printView, StringComparison.Ordinal);
        Assert.Contains(PdfText.Fold("فرم شناسنامه خدمت دستگاه اجرایی"), pdfText, StringComparison.Ordinal);
        Assert.Contains("۱۱۲۲۳۳۴۴", pdfText, StringComparison.Ordinal);
        Assert.Contains(PdfText.Fold("صدور کارت آمایش"), pdfText, StringComparison.Ordinal);
    }

    private static async Task Stage(CardFormPage form, string stage, string channel, string? other)
    {
        await form.Group(stage).GetByLabel("الکترونیکی", new() { Exact = true }).CheckAsync();
        await form.TickAsync("رسانه ارتباطی خدمت", channel, within: stage);
        if (other is not null)
        {
            await form.Group(stage).GetByLabel("سایر (با ذکر نحوه دسترسی)", new() { Exact = true }).FillAsync(other);
        }
    }
}

/// <summary>The regional-accounts sample (shared/samples/forms/regional-accounts.txt).</summary>
internal static class RegionalAccounts
{
    public const string Description = "به منظور ارتقای کیفیت و سرعت تولید آمارهای رسمی، توسعه تولید آمارهای ثبتی از طریق دستگاههای اجرایی پیگیری می شود. در این خدمت، پس از تعیین نیازهای آماری حساب های اقتصادی استان، اقلام آماری مورد نیاز شناسایی و دستگاه اجرایی متولی تولید آن تعیین میگردد. و با انجام هماهنگی و مکاتبات با دستگاه مربوطه اطلاعات مورد نیاز به صورت الکترونیکی اخذ می گردد. همچنین در مراحل مختلف کیفیت تولید اقلام بررسی و تایید میشود تا زمینه ارسال اطلاعات مربوطه به مرکز آمار ایران فراهم شود.";

    public static readonly string[] Steps =
    [
        "ابلاغ الگوی جداول حساب های منطقه ای از مرکز آمار ایران",
        "تعیین دستگاه های متولی تولید اقلام مورد نیاز حساب های منطقه ای و مکاتبه با آنها",
        "برگزاری جلسات توجیهی آموزشی کارشناسان مرتبط دستگاه های اجرایی",
        "ورود اطلاعات مورد نیاز در سامانه",
        "بررسی صحت اطلاعات در سامانه",
        "تایید اطلاعات و ارسال از طریق سامانه",
    ];

    /// <summary>Values the card page and the PDF must show (numbers in Persian digits).</summary>
    public static readonly string[] ShownValues =
    [
        "تهیه حساب های منطقه ای", "سازمان مدیریت و برنامه ریزی لرستان", "سازمان برنامه و بودجه کشور - مرکز آمار ایران",
        "در حال اخذ کد", "نظام برنامه ریزی، دستگاههای اجرایی، مرکز آمار ایران، دانشجویان و اساتید.", "حاکمیتی",
        "درخواست مرکز آمار ایران", "درخواست رسمی مرکز آمار ایران", "قانون مرکز آمار ایران", "برنامه ملی آمار",
        "مصوبات شورای عالی آمار", "۸۰", "www.lorestan.mporg.ir", "www.amar.org.ir", "سامانه سجاد",
        "انجام مکاتبات رسمی از طریق شبکه دولت", "از طریق سامانه الکترونیکی", "سمیه بردی نشین", "معاونت آمار و اطلاعات",
        "۳۳۲۲۱۴۶۵", "ورود اطلاعات مورد نیاز در سامانه",
    ];
}
