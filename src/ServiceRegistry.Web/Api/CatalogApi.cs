using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Catalog;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Exports;
using ServiceRegistry.Core.Templates;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Api;

/// <summary>
/// Reading the catalog: <c>GET /api/v1/services</c> (search, filters, facets), <c>GET /api/v1/services/{id}</c>,
/// exports of any filtered list and an agency's service tree. Anonymous readers see published cards only.
/// Reads carry ETags and answer If-None-Match with 304.
/// </summary>
public static class CatalogApi
{
    public static RouteGroupBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Catalog");
        api.MapGet("/services", ListServices).WithName(nameof(ListServices))
            .Describe("جست‌وجو در خدمات منتشرشده: یک صفحه از نتیجه‌ها، شمار کل و شمار هر مقدار در پالایه‌ها (نوع خدمت، سطح، دستگاه، استان، آمادگی الکترونیکی…)؛ بدون ورود.",
                "Search published services: a page of results, the total and the facet counts");
        api.MapGet("/services/{id:int}", GetService).WithName(nameof(GetService))
            .Describe("یک شناسنامه خدمت: متن آن به JSON استاندارد (card) با وضعیت، شناسه خدمت، نسخه و مقدارهای محاسبه‌شده؛ ETag دارد (If-None-Match → 304).",
                "One service card: the spec's JSON (card) with its status, service ID, version and computed fields");
        api.MapGet("/services/export", ExportServices).WithName(nameof(ExportServices))
            .Describe("خروجی فهرست پالایش‌شده: format یکی از xlsx، csv، json یا jsonld (CPSV-AP)؛ نام فایل تاریخ خورشیدی دارد.",
                "Export the filtered list: format = xlsx, csv, json or jsonld")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "text/csv", "application/json", "application/ld+json");
        api.MapGet("/agencies/{id:int}/services", GetAgencyTree).WithName(nameof(GetAgencyTree))
            .Describe("خدمات منتشرشده یک دستگاه به صورت درختی از خدمت‌ها و زیرخدمت‌ها.",
                "An agency's published services as a tree of services and sub-services");
        return api;
    }

    public static async Task<Results<Ok<ServiceList>, StatusCodeHttpResult, ValidationProblem>> ListServices(
        [AsParameters] ServiceQuery query, CatalogQuery catalog, HttpContext http, CancellationToken ct)
    {
        var filter = query.ToFilter(out var errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = query.Page ?? 1;
        var pageSize = query.PageSize ?? 20;
        var sort = query.SortOrder!.Value;

        // The list's ETag: the query and the catalog stamp (bumped by any change to any card).
        var stamp = await catalog.StampAsync(ct);
        var etag = Hash($"{stamp}|{filter.Key()}|{page}|{pageSize}|{sort}");
        if (NotModified(http, etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var result = await catalog.SearchGroupedAsync(filter, page, pageSize, sort, ct);
        http.Response.Headers.ETag = etag;
        return TypedResults.Ok(new ServiceList(result.Items.Select(i => i.ToListItem()).ToList(), result.Total, result.Page, result.PageSize, result.Facets, result.Suggestion));
    }

    public static async Task<Results<Ok<ServiceDetail>, StatusCodeHttpResult, NotFound>> GetService(
        int id, RegistryDbContext db, TemplateCoverage coverage, HttpContext http, CancellationToken ct)
    {
        var card = await db.Cards.AsNoTracking().Include(c => c.Agency).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (card is null || !http.GetActor().CanView(card))
        {
            return TypedResults.NotFound();
        }

        var etag = card.ETag();
        if (NotModified(http, etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        http.Response.Headers.ETag = etag;
        return TypedResults.Ok(await TemplatesApi.DetailAsync(card, db, coverage, http.GetActor(), ct));
    }

    public static Results<PushStreamHttpResult, ValidationProblem> ExportServices(
        [AsParameters] ServiceQuery query, string? format, CatalogQuery catalog, TimeProvider time, HttpContext http)
    {
        var filter = query.ToFilter(out var errors);
        if (!ExportFormats.TryParse(format ?? "xlsx", out var exportFormat))
        {
            errors["format"] = ["format یکی از xlsx، csv، json یا jsonld است."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // The Open XML SDK writes synchronously; the workbook streams straight to the response.
        http.Features.Get<IHttpBodyControlFeature>()?.AllowSynchronousIO = true;
        var name = Fa.FileName("services", time.GetUtcNow().UtcDateTime, exportFormat.Extension(), withTime: true);
        return TypedResults.Stream(
            body => CardExport.WriteAsync(exportFormat, catalog.CardsAsync(filter), body, $"{http.Request.Scheme}://{http.Request.Host}", http.RequestAborted),
            exportFormat.ContentType(), name);
    }

    public static async Task<Results<Ok<IReadOnlyList<ServiceNode>>, NotFound>> GetAgencyTree(
        int id, CatalogQuery catalog, RegistryDbContext db, CancellationToken ct) =>
        await db.Agencies.AnyAsync(a => a.Id == id, ct)
            ? TypedResults.Ok(await catalog.TreeAsync(id, ct))
            : TypedResults.NotFound();

    internal static bool NotModified(HttpContext http, string etag)
    {
        var ifNoneMatch = http.Request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length == 0)
        {
            return false;
        }

        var matches = ifNoneMatch == "*" || ifNoneMatch.Split(',').Any(t => t.Trim().TrimStart('W', '/') == etag);
        if (matches)
        {
            http.Response.Headers.ETag = etag;
        }

        return matches;
    }

    private static string Hash(string text) =>
        "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 12)) + "\"";
}
