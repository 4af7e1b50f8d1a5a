using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace ServiceRegistry.Web.Infrastructure;

public static class ViewRendering
{
    /// <summary>Renders a Razor view (a whole page, no layout) to text in the context of the current page request.</summary>
    public static async Task<string> RenderViewAsync(this PageModel page, string viewPath, object model, IDictionary<string, object?>? viewData = null)
    {
        var engine = page.HttpContext.RequestServices.GetRequiredService<IRazorViewEngine>();
        var found = engine.GetView(executingFilePath: null, viewPath, isMainPage: true);
        if (!found.Success)
        {
            throw new InvalidOperationException($"View {viewPath} not found.");
        }

        await using var writer = new StringWriter();
        var data = new ViewDataDictionary(page.MetadataProvider, page.ModelState) { Model = model };
        foreach (var (key, value) in viewData ?? new Dictionary<string, object?>())
        {
            data[key] = value;
        }

        var context = new ViewContext(page.PageContext, found.View, data, page.TempData, writer, new HtmlHelperOptions());
        await found.View.RenderAsync(context);
        return writer.ToString();
    }
}
