using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ServiceRegistry.BrowserTests.Pages;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Testing;

namespace ServiceRegistry.BrowserTests;

/// <summary>Issue 14's "done when": a returned card's comments beside their fields in the edit form, and the steps
/// taken from the card's own page (/cards/{id}), irreversible ones confirmed first.</summary>
public sealed class CardHomeJourneyTests(BrowserSession session)
{
    [Fact]
    public async Task ReturnedWithFieldComments_TheEditFormShowsEachBesideItsField_TheEditorRepliesAndResolves()
    {
        // Arrange: a card of the editor's agency waiting for the provincial reviewer
        var id = (await session.App.SeedAsync(new CardBuilder().Titled("صدور مجوز برپایی نمایشگاه استانی")
            .OfAgency(BrowserSession.Agency, BrowserSession.Province).InStatus(CardStatus.Submitted)))[0].Id;
        var reviewer = new ReviewPage(await session.NewPageAsync(user: session.Reviewer));
        await reviewer.OpenAsync(id);

        // Act: the reviewer returns it with a comment on two fields
        await reviewer.ReturnWithCommentsAsync(
            ("شرح خدمت", "شرح خدمت مراحل و مدارک را نمی‌گوید."),
            ("نوع مخاطبین / خدمت گیرندگان", "مخاطبان را دقیق‌تر بنویسید: برگزارکنندگان نمایشگاه."));
        var editorPage = await session.NewPageAsync(user: session.Editor);
        var form = new CardFormPage(editorPage);
        await form.OpenEditAsync(id);

        // Assert: each comment is beside its own field (described by it, drawn right under it)
        await AssertCommentBesideAsync(form.Field("شرح خدمت"), "شرح خدمت مراحل و مدارک را نمی‌گوید.");
        await AssertCommentBesideAsync(form.Field("نوع مخاطبین"), "مخاطبان را دقیق‌تر بنویسید");
        if (BrowserSession.ScreenshotDirectory is { } shots)
        {
            await form.Field("شرح خدمت").ScrollIntoViewIfNeededAsync();
            await editorPage.ScreenshotAsync(new() { Path = Path.Combine(shots, "edit-comment-beside-field.png") });
        }

        // Act: the editor answers the first comment and marks it resolved, from the edit form
        var thread = editorPage.Locator("#review-comments li.comment-thread").Filter(new() { HasText = "شرح خدمت مراحل و مدارک" });
        await thread.GetByLabel("پاسخ به این توضیح").FillAsync("مراحل و مدارک در بخش‌های ۵ و ۶ آمد.");
        await thread.GetByLabel("حل شد").CheckAsync();
        await thread.GetByRole(AriaRole.Button, new() { Name = "ثبت", Exact = true }).ClickAsync();

        // Assert: back in the form, told so; the resolved comment has left its field, the other stays
        await editorPage.WaitForURLAsync($"**/cards/{id}/edit#comments");
        await Assertions.Expect(editorPage.GetByRole(AriaRole.Status)).ToContainTextAsync("پاسخ ثبت شد");
        Assert.Null(await CommentOfAsync(form.Field("شرح خدمت")));
        await AssertCommentBesideAsync(form.Field("نوع مخاطبین"), "مخاطبان را دقیق‌تر بنویسید");

        // …and the reviewer sees the reply under the resolved comment
        await reviewer.OpenAsync(id);
        var seen = reviewer.Comments.Locator("li.comment-thread").Filter(new() { HasText = "شرح خدمت مراحل و مدارک" });
        await Assertions.Expect(seen.Locator(".comment-reply")).ToContainTextAsync("مراحل و مدارک در بخش‌های ۵ و ۶ آمد.");
        await Assertions.Expect(seen).ToContainTextAsync("حل شد");
    }

    [Fact]
    public async Task FromTheCardsHome_TheEditorSubmitsADraftAndRevisesAPublishedCard_AndAnApprovalIsConfirmedFirst()
    {
        // Arrange: a draft and a published card of the editor's agency
        var seeded = await session.App.SeedAsync(
            new CardBuilder().Titled("ثبت درخواست مشاوره سرمایه‌گذاری").OfAgency(BrowserSession.Agency, BrowserSession.Province),
            new CardBuilder().Titled("صدور گواهی پایان دوره کارآموزی").OfAgency(BrowserSession.Agency, BrowserSession.Province).Published("55667788"));
        var (draft, published) = (seeded[0].Id, seeded[1].Id);
        var editorPage = await session.NewPageAsync(user: session.Editor);
        var editor = new ReviewPage(editorPage);

        // Act: the editor submits the draft from its home page
        await editorPage.GotoAsync($"/cards/{draft}");
        await editor.ActAsync("ارسال برای بررسی");

        // Assert: still on the card's home, which says so
        Assert.EndsWith($"/cards/{draft}", new Uri(editorPage.Url).AbsolutePath, StringComparison.Ordinal);
        await Assertions.Expect(editorPage.Locator("#card-status")).ToHaveTextAsync("ارسال شده برای بررسی");
        Assert.Equal(CardStatus.Submitted, (await session.App.CardAsync(draft)).Status);

        // Act: the reviewer asks to approve it from the card's home, is asked to confirm, and first cancels
        var reviewerPage = await session.NewPageAsync(user: session.Reviewer);
        await reviewerPage.GotoAsync($"/cards/{draft}");
        await reviewerPage.Locator("#actions").GetByRole(AriaRole.Link, new() { Name = "تایید…", Exact = true }).ClickAsync();
        await Assertions.Expect(reviewerPage.Locator("#confirm-step")).ToContainTextAsync("پس از انجام برنمی‌گردد");
        if (BrowserSession.ScreenshotDirectory is { } shots)
        {
            await reviewerPage.ScreenshotAsync(new() { Path = Path.Combine(shots, "card-home-confirm.png") });
        }

        await reviewerPage.Locator("#confirm-step").GetByRole(AriaRole.Link, new() { Name = "انصراف" }).ClickAsync();

        // Assert: nothing happened
        await Assertions.Expect(reviewerPage.Locator("#confirm-step")).ToHaveCountAsync(0);
        Assert.Equal(CardStatus.Submitted, (await session.App.CardAsync(draft)).Status);

        // Act: then confirms
        await new ReviewPage(reviewerPage).ActAsync("تایید");

        // Assert
        await Assertions.Expect(reviewerPage.Locator("#card-status")).ToHaveTextAsync("تایید شده");
        Assert.Equal(CardStatus.Approved, (await session.App.CardAsync(draft)).Status);

        // Act: the editor opens the published card: no edit, but «آغاز بازنگری»
        await editorPage.GotoAsync($"/cards/{published}");
        await Assertions.Expect(editorPage.GetByRole(AriaRole.Link, new() { Name = "ویرایش", Exact = true })).ToHaveCountAsync(0);
        await editor.ActAsync("آغاز بازنگری");

        // Assert: the revision's home, a draft the editor may edit; the published card stays published
        var revision = await session.App.WithDbAsync(db => db.Cards.AsNoTracking().SingleAsync(c => c.RevisionOfId == published));
        Assert.EndsWith($"/cards/{revision.Id}", new Uri(editorPage.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(CardStatus.Draft, revision.Status);
        await Assertions.Expect(editorPage.Locator("#card-status")).ToHaveTextAsync("پیش‌نویس");
        await Assertions.Expect(editorPage.GetByRole(AriaRole.Link, new() { Name = "ویرایش", Exact = true })).ToHaveCountAsync(1);
        Assert.Equal(CardStatus.Published, (await session.App.CardAsync(published)).Status);
    }

    /// <summary>The reviewer's comment shown with a field: the element its aria-describedby names, drawn just below it.</summary>
    private static async Task AssertCommentBesideAsync(ILocator field, string text)
    {
        var comment = await CommentOfAsync(field);
        Assert.NotNull(comment);
        await Assertions.Expect(comment).ToBeVisibleAsync();
        await Assertions.Expect(comment).ToContainTextAsync(text);
        // Both measured at once: the page may still be scrolling to an anchor.
        var gap = await field.EvaluateAsync<double>(
            "(el, id) => document.getElementById(id).getBoundingClientRect().top - el.getBoundingClientRect().bottom", await comment.GetAttributeAsync("id"));
        Assert.InRange(gap, 0, 40);
    }

    private static async Task<ILocator?> CommentOfAsync(ILocator field)
    {
        var describedBy = await field.GetAttributeAsync("aria-describedby") ?? "";
        return describedBy.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(d => d.EndsWith("-comment", StringComparison.Ordinal)) is { } id
            ? field.Page.Locator("#" + id)
            : null;
    }
}
