using ServiceRegistry.Core.Exchange;

namespace ServiceRegistry.Web.Api;

/// <summary>What the REST API needs: the spec's JSON conventions (enum codes, readable Persian) and the OpenAPI document.</summary>
public static class ApiServices
{
    public static IServiceCollection AddRegistryApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new SpecEnumConverterFactory());
            o.SerializerOptions.Encoder = CardJson.Options.Encoder;
        });
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "ServiceRegistry API — سامانه شناسنامه خدمات";
            document.Info.Description = "The public catalog of service identity cards: search with facets, one card in the spec's JSON, exports (xlsx, csv, json, CPSV-AP JSON-LD), and writes for signed-in staff. Reads carry ETags (If-None-Match → 304); errors are RFC 9457 problem details.";
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>The OpenAPI document at /openapi/v1.json and a browsable page at /api (self-hosted, no CDN).</summary>
    public static IEndpointRouteBuilder MapRegistryApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        app.MapGet("/api", () => TypedResults.Redirect("/api-docs/index.html")).ExcludeFromDescription();
        return app;
    }
}
