using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Playwright;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Web.Infrastructure;

/// <summary>The answer of a card's PDF address: the PDF, or (503) the page explaining how to get one.</summary>
public static class CardPdfResult
{
    public static async Task<IActionResult> CreateAsync(PageModel page, CardPdf pdf, ServiceCard card, ILogger logger, CancellationToken ct)
    {
        if (pdf.IsAvailable)
        {
            try
            {
                var html = await page.RenderViewAsync("/Pages/Shared/_CardPrint.cshtml", card);
                var bytes = await pdf.RenderAsync(html, ct);
                return new FileContentResult(bytes, "application/pdf") { FileDownloadName = FileName(card, page.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime) };
            }
            catch (PlaywrightException ex)
            {
                logger.LogError(ex, "Chromium could not print card {Id}", card.Id);
            }
        }

        page.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return page.Page();
    }

    /// <summary>The card's title as a file name, with the day it was downloaded (<see cref="Fa.FileName"/>).</summary>
    public static string FileName(ServiceCard card, DateTime utc)
    {
        var title = card.Content.Title.Trim();
        return Fa.FileName($"شناسنامه خدمت - {(title.Length > 80 ? title[..80] : title)}", utc, "pdf");
    }
}
