using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.BrowserTests;

/// <summary>An agency editor who uses no mouse: signs in, fills a new card and saves it with Tab, Shift+Tab, Enter, Space
/// and the arrow keys only, and sees where the focus is at every step.</summary>
public sealed class KeyboardJourneyTests(BrowserSession session)
{
    private const string Title = "صدور گواهی با صفحه کلید";

    [Fact]
    public async Task NewCard_WithTheKeyboardOnly_IsSignedInFilledAndSaved_WithTheFocusAlwaysVisible()
    {
        // Arrange
        var page = await session.NewAnonymousPageAsync();
        var keys = new Keys(page);

        // Act: the skip link comes first and takes the focus to the content
        await page.GotoAsync("/account/login");
        await page.Keyboard.PressAsync("Tab");
        var skip = await keys.FocusedAsync();
        var skipShown = await page.EvaluateAsync<bool>("() => { const r = document.activeElement.getBoundingClientRect(); return r.width > 20 && r.height > 10; }");
        await page.Keyboard.PressAsync("Enter");
        var afterSkip = await page.EvaluateAsync<string>("() => document.activeElement.id");

        // sign in
        await keys.TabToAsync("input#Form_Email");
        await page.Keyboard.TypeAsync(session.Editor.Email);
        await keys.TabToAsync("input#Form_Password");
        await page.Keyboard.TypeAsync(session.Editor.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex("/review(#main)?$")); // the skip link's #main follows the redirect

        // a new card: title, agency (arrow keys in the list), a type (Space), nature (a radio, with an arrow key), two
        // documents (the list's add button with Enter; the new row takes the focus), back with Shift+Tab, on to «ذخیره»
        await page.GotoAsync("/cards/new");
        await keys.TabToAsync("[name='Card.Title']");
        await page.Keyboard.TypeAsync(Title);
        await keys.TabToAsync("select#AgencyId");
        await keys.ChooseWithArrowsAsync(BrowserSession.Agency);
        await keys.TabToAsync("input[name='Card.ServiceTypes'][value='G2C']");
        await page.Keyboard.PressAsync("Space");
        await keys.TabToAsync("input[name='Card.Nature']");
        await page.Keyboard.PressAsync("ArrowUp"); // from «none», the radio before it
        await keys.TabToAsync("[name='Card.RequiredDocuments[0]']");
        await page.Keyboard.TypeAsync("شناسنامه متقاضی");
        await keys.TabToAsync("button.list-add[formaction*='list=Card.RequiredDocuments#']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.name === 'Card.RequiredDocuments[1]'");
        await page.Keyboard.TypeAsync("کارت ملی");
        await page.Keyboard.PressAsync("Shift+Tab");
        var back = await keys.FocusedAsync();
        await keys.TabToAsync("div.save-bar button[type='submit']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex(@"/cards/\d+$"));

        // Assert
        Assert.Contains("skip-link", skip, StringComparison.Ordinal);
        Assert.True(skipShown, "the skip link is shown when it has the focus");
        Assert.Equal("main", afterSkip);
        Assert.NotEqual("body", back);
        Assert.True(keys.Presses > 10, $"{keys.Presses} key presses");
        Assert.True(keys.Unseen.Count == 0, "focus not visible on: " + string.Join(", ", keys.Unseen.Distinct()));
        var content = await session.App.WithDbAsync(db => db.Cards.Where(c => c.Title == Title).Select(c => c.Content).SingleAsync());
        Assert.Equal([ServiceType.G2C], content.ServiceTypes);
        Assert.Equal(Nature.Enterprise, content.Nature);
        Assert.Equal(["شناسنامه متقاضی", "کارت ملی"], content.RequiredDocuments);
    }

    /// <summary>Tab presses, each followed by a check that the focused element shows a focus indicator (an outline or
    /// a box shadow).</summary>
    private sealed class Keys(IPage page)
    {
        public int Presses { get; private set; }
        public List<string> Unseen { get; } = [];

        public async Task<string> FocusedAsync() => await page.EvaluateAsync<string>(
            "() => { const e = document.activeElement; return !e || e === document.body ? 'body' : e.tagName.toLowerCase() + '#' + e.id + '.' + e.className + '[' + (e.name || e.textContent.trim().slice(0, 30)) + ']'; }");

        /// <summary>Presses Tab until the focused element matches <paramref name="selector"/> (at most 400 times).</summary>
        public async Task TabToAsync(string selector)
        {
            for (var i = 0; i < 400; i++)
            {
                await page.Keyboard.PressAsync("Tab");
                Presses++;
                var state = await page.EvaluateAsync<string[]>("""
                    sel => {
                        const e = document.activeElement;
                        if (!e || e === document.body) return ['', 'body'];
                        const s = getComputedStyle(e);
                        const shown = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none');
                        return [e.matches(sel) ? 'yes' : '', shown ? '' : e.tagName.toLowerCase() + '.' + e.className + '[' + (e.name || e.textContent.trim().slice(0, 30)) + ']'];
                    }
                    """, selector);
                if (state[1].Length > 0)
                {
                    Unseen.Add(state[1]);
                }

                if (state[0] == "yes")
                {
                    return;
                }
            }

            throw new InvalidOperationException($"Tab never reached {selector}");
        }

        /// <summary>In a focused list box, presses ArrowDown until the chosen option's text contains <paramref name="text"/>.</summary>
        public async Task ChooseWithArrowsAsync(string text)
        {
            for (var i = 0; i < 200; i++)
            {
                var chosen = await page.EvaluateAsync<string>("() => { const s = document.activeElement; return s.options[s.selectedIndex]?.text ?? ''; }");
                if (chosen.Contains(text, StringComparison.Ordinal))
                {
                    return;
                }

                await page.Keyboard.PressAsync("ArrowDown");
            }

            throw new InvalidOperationException($"no option {text}");
        }
    }
}
