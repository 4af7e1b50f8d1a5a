using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ServiceRegistry.BrowserTests.Pages;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Tests.Imports;
using ServiceRegistry.Testing;

namespace ServiceRegistry.BrowserTests;

/// <summary>Agency staff bring in their old Word and text files: upload → the batch as files finish → review → save as draft.</summary>
public sealed class ImportJourneyTests(BrowserSession session)
{
    [Fact]
    public async Task UploadOldForms_ReviewTheUnsureOne_SaveItAsDraft()
    {
        // Arrange: an editor of the Lorestan organisation; two sample forms and a file that is not a card
        var editor = await session.App.UserAsync(Roles.AgencyEditor, BrowserSession.Agency);
        var page = await session.NewPageAsync();
        await new SignInPage(page).SignInAsync(editor.Email, editor.Password);
        var upload = new ImportUploadPage(page);
        await upload.OpenAsync();

        // Act: upload the three files together
        await upload.UploadAsync(
            Form("service-desk-supervision.txt"),
            Form("regional-accounts.txt"),
            new FilePayload { Name = "scan.txt", MimeType = "text/plain", Buffer = [0x50, 0x00, 0x01, 0x02, 0xFF, 0x00, 0x10, 0x00] });
        var batch = new ImportBatchPage(page);
        await batch.WaitUntilFinishedAsync();

        // Assert: each file's outcome and the summary
        Assert.Contains("نیاز به بررسی", await batch.StatusOfAsync("service-desk-supervision.txt"), StringComparison.Ordinal);
        Assert.Contains("فایل متنی نیست", await batch.StatusOfAsync("scan.txt"), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#count-failed")).ToHaveTextAsync("۱");
        await Assertions.Expect(batch.Summary).ToContainTextAsync("فیلد نامطمئن");

        // Act: open the unsure one
        await batch.OpenReviewAsync("service-desk-supervision.txt");
        var review = new ImportReviewPage(page);

        // Assert: the source beside the form, the unsure fields highlighted, the unmapped text shown
        await Assertions.Expect(review.SourceText).ToContainTextAsync("راهبری و نظارت بر میز خدمت");
        await Assertions.Expect(review.SourceText).ToBeVisibleAsync();
        Assert.True(await review.UnsureSourceLines.CountAsync() > 0);
        await Assertions.Expect(review.UnsureFields).ToHaveCountAsync(4);
        await Assertions.Expect(review.HighlightOf("واحد شمارش (اگر شخص نیست)")).ToBeVisibleAsync();
        Assert.True(await review.UnmappedText.CountAsync() > 0);
        await Assertions.Expect(page.GetByLabel("نام دستگاه اجرایی", new() { Exact = true })).ToHaveValueAsync(editor.AgencyId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (BrowserSession.ScreenshotDirectory is { } shots)
        {
            await page.SetViewportSizeAsync(1600, 1000);
            await page.EvaluateAsync("() => window.scrollTo(0, document.getElementById('section-details').offsetTop - 20)");
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "import-review.png") });
        }

        // Act: correct the unit and save as draft
        await review.FillAsync("واحد شمارش (اگر شخص نیست)", "دستگاه اجرایی");
        await review.SaveAsDraftAsync();

        // Assert: back on the batch, the file saved; the draft is the agency's and audited as imported
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("به صورت پیش‌نویس ذخیره شد");
        await Assertions.Expect(batch.Row("service-desk-supervision.txt").GetByRole(AriaRole.Link, new() { Name = "پیش‌نویس ذخیره شد" })).ToBeVisibleAsync();
        // the newest card of that title (other tests of the session publish the demo cards too)
        var card = await session.App.WithDbAsync(db => db.Cards.AsNoTracking().Include(c => c.AuditTrail)
            .Where(c => c.Title == "راهبری و نظارت بر میز خدمت دستگاههای اجرایی استان").OrderByDescending(c => c.Id).FirstAsync());
        Assert.Equal(CardStatus.Draft, card.Status);
        Assert.Equal(editor.AgencyId, card.AgencyId);
        Assert.Equal("دستگاه اجرایی", card.Content.Recipients!.Unit);
        Assert.Equal([AuditActions.Imported], card.AuditTrail.Select(a => a.Action).ToList());
    }

    [Fact]
    public async Task WordFileOfAServiceTheAgencyHas_IsFlaggedWithALink_AndSavedAsARevisionByChoice()
    {
        // Arrange: an agency that has published «تهیه حساب‌های منطقه‌ای»; its editor brings the old Word form of it
        const string agency = "اداره کل آمار و اطلاعات همدان";
        var editor = await session.App.UserAsync(Roles.AgencyEditor, agency, "همدان");
        var published = (await session.App.SeedAsync(new CardBuilder().Titled("تهیه حساب‌های منطقه‌ای").OfAgency(agency, "همدان").Published()))[0];
        var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "forms", "regional-accounts.txt"), TestContext.Current.CancellationToken);
        var page = await session.NewPageAsync(user: editor);
        var upload = new ImportUploadPage(page);
        await upload.OpenAsync();

        // Act
        await upload.UploadAsync(new FilePayload
        {
            Name = "حساب-های-منطقه-ای.docx",
            MimeType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Buffer = TestDocx.Build(text, CheckBoxKind.ContentControl),
        });
        var batch = new ImportBatchPage(page);
        await batch.WaitUntilFinishedAsync();

        // Assert: the batch flags the file, naming and linking the published card
        var flag = batch.Row("حساب-های-منطقه-ای.docx").Locator(".same-service-flag");
        await Assertions.Expect(flag).ToContainTextAsync("این دستگاه همین خدمت را دارد");
        await Assertions.Expect(flag.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"/cards/{published.Id}");

        // Act: open the review
        await batch.OpenReviewAsync("حساب-های-منطقه-ای.docx");
        var review = new ImportReviewPage(page);

        // Assert: the warning, with the link, asks for a choice; saving without one stores nothing
        await Assertions.Expect(review.SameService).ToBeVisibleAsync();
        await Assertions.Expect(review.SameService.GetByRole(AriaRole.Link, new() { Name = "«تهیه حساب‌های منطقه‌ای»" })).ToHaveAttributeAsync("href", $"/cards/{published.Id}");
        if (BrowserSession.ScreenshotDirectory is { } shots)
        {
            await review.SameService.ScreenshotAsync(new() { Path = Path.Combine(shots, "import-same-service.png") });
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "ذخیره پیش‌نویس", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#error-summary")).ToContainTextAsync("بگویید با آن چه کنیم");

        // Act: choose to revise the published card and save
        await review.SameService.GetByLabel("بازنگری شناسنامه موجود", new() { Exact = false }).CheckAsync();
        await review.SaveAsDraftAsync();

        // Assert: the published card stands; a revision of it holds the file's content, audited
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("بازنگری");
        var cards = await session.App.WithDbAsync(db => db.Cards.AsNoTracking().Include(c => c.AuditTrail)
            .Where(c => c.AgencyId == published.AgencyId).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal(2, cards.Count);
        Assert.Equal(CardStatus.Published, cards[0].Status);
        Assert.Equal(published.Id, cards[1].RevisionOfId);
        Assert.Equal("تهیه حساب های منطقه ای", cards[1].Title);
        Assert.Contains(cards[1].AuditTrail, a => a.Action == AuditActions.Imported && a.Detail!.Contains(".docx", StringComparison.Ordinal));
    }

    private static FilePayload Form(string name) => new()
    {
        Name = name,
        MimeType = "text/plain",
        Buffer = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "forms", name)),
    };

    [Fact]
    public async Task ManyServicesFromAWorkbook_TemplateThenUpload_DraftsAndAReportPerRow()
    {
        // Arrange: the signed-in editor of the Lorestan organisation; a workbook of two services, the second without a title
        var page = await session.NewPageAsync();
        await page.GotoAsync("/cards");
        await page.GetByRole(AriaRole.Link, new() { Name = "ورود چند خدمت از اکسل" }).ClickAsync();
        var workbook = await Workbooks.OfAsync(
            new CardContent { Title = "صدور مجوز نصب تابلوی معرفی", Description = "برای واحدهای صنفی", ServiceTypes = [ServiceType.G2B] },
            new CardContent { Title = "", Description = "ردیفی که عنوان ندارد" });

        // Act: the entry template downloads as a workbook
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#template-link").ClickAsync());

        // Act: upload the workbook
        await page.GetByLabel("فایل اکسل (.xlsx)").SetInputFilesAsync(new FilePayload
        {
            Name = "خدمات-فارس.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = workbook,
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "بارگذاری و ساخت پیش‌نویس‌ها" }).ClickAsync();

        // Assert
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var report = page.Locator("#import-report");
        await Assertions.Expect(report.GetByRole(AriaRole.Status)).ToContainTextAsync("۱ ردیف پیش‌نویس شد");
        await Assertions.Expect(report.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(report.Locator("tbody tr").Nth(1)).ToContainTextAsync("«عنوان خدمت» خالی است");
        if (BrowserSession.ScreenshotDirectory is { } shots)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "import-spreadsheet.png"), FullPage = true });
        }

        await report.GetByRole(AriaRole.Link, new() { Name = "پیش‌نویس شد (ویرایش)" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("۱- عنوان خدمت", new() { Exact = true })).ToHaveValueAsync("صدور مجوز نصب تابلوی معرفی");
    }
}
