using Microsoft.Playwright;
using ServiceRegistry.BrowserTests.Pages;

namespace ServiceRegistry.BrowserTests;

/// <summary>The review journey across four people, each in his own browser: the agency editor, the provincial
/// reviewer, the national administrator and the public.</summary>
public sealed class WorkflowJourneyTests(BrowserSession session)
{
    [Fact]
    public async Task DraftSubmitReturnFixApproveIssuePublish_CardAppearsInCatalogWithItsId()
    {
        const string title = "صدور گواهی انجام کار آماری";

        // The editor drafts a card through the form and submits it
        var editorPage = await session.NewPageAsync(user: session.Editor);
        var form = new CardFormPage(editorPage);
        await form.OpenNewAsync();
        await form.FillAsync("۱- عنوان خدمت", title);
        await form.ChooseAgencyAsync(BrowserSession.Agency);
        await form.FillAsync("شرح خدمت", "شرح کوتاه");
        await form.SaveAsync();
        var id = new CardPage(editorPage).Id;
        var editor = new ReviewPage(editorPage);
        await editor.OpenAsync(id);
        await editor.ActAsync("ارسال برای بررسی");
        Assert.Equal("ارسال شده برای بررسی", await editor.StatusAsync());

        // The reviewer finds it in his queue and returns it with a comment on one field
        var reviewer = new ReviewPage(await session.NewPageAsync(user: session.Reviewer));
        await reviewer.OpenFromQueueAsync("در انتظار بررسی من", title);
        await reviewer.ReturnWithCommentAsync("شرح خدمت", "شرح خدمت را کامل بنویسید: مراحل و مدارک.");
        Assert.Equal("برگشت داده شده", await reviewer.StatusAsync());

        // The editor sees it returned, reads the comment on the field, fixes the description and submits again
        await editor.OpenFromQueueAsync("برگشت‌خورده برای اصلاح", title);
        await Assertions.Expect(editor.Comments).ToContainTextAsync("شرح خدمت: شرح خدمت را کامل بنویسید");
        await form.OpenEditAsync(id);
        await form.FillAsync("شرح خدمت", "صدور گواهی پس از بررسی مدارک و ثبت در سامانه، با ارسال الکترونیکی.");
        await form.SaveAsync();
        await editor.OpenAsync(id);
        await editor.ActAsync("ارسال برای بررسی");

        // The reviewer approves
        await reviewer.OpenFromQueueAsync("در انتظار بررسی من", title);
        await reviewer.ActAsync("تایید");
        Assert.Equal("تایید شده", await reviewer.StatusAsync());

        // The national administrator issues the service ID and publishes
        var admin = new ReviewPage(await session.NewPageAsync(user: session.Admin));
        await admin.OpenFromQueueAsync("در انتظار شناسه خدمت یا انتشار", title);
        await admin.ActAsync("صدور شناسه خدمت");
        var serviceId = (await admin.ServiceIdAsync()).Trim();
        Assert.Matches("^[۰-۹]{11}$", serviceId);
        await admin.ActAsync("انتشار");
        Assert.Equal("منتشر شده", await admin.StatusAsync());

        // The public finds it in the catalog with that ID (searched by title: other tests of the session publish cards too)
        var publicPage = await session.NewAnonymousPageAsync();
        await publicPage.GotoAsync("/?q=" + Uri.EscapeDataString(title));
        var row = publicPage.GetByRole(AriaRole.Row).Filter(new() { HasText = title });
        await Assertions.Expect(row).ToContainTextAsync(serviceId);
        if (BrowserSession.ScreenshotDirectory is { } shots)
        {
            await admin.Page.ScreenshotAsync(new() { Path = Path.Combine(shots, "review.png"), FullPage = true });
        }
    }
}
