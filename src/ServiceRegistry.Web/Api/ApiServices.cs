using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Web.Api;

/// <summary>What the REST API needs: the spec's JSON conventions (enum codes, readable Persian) and the OpenAPI document.</summary>
public static class ApiServices
{
    public const string BearerScheme = "bearer";
    public const string CookieScheme = "cookie";

    public static IServiceCollection AddRegistryApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new SpecEnumConverterFactory());
            o.SerializerOptions.Encoder = CardJson.Options.Encoder;
        });
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "ServiceRegistry API — سامانه شناسنامه خدمات";
                document.Info.Description = "The public catalog of service identity cards: search with facets, one card in the spec's JSON, exports (xlsx, csv, json, CPSV-AP JSON-LD), and writes for signed-in staff. Reads carry ETags (If-None-Match → 304); errors are RFC 9457 problem details.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API token (sr_…) created by a national administrator at /admin/api-tokens, for one role and its agency or province. Not subject to the same-origin rule.",
                };
                document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Cookie,
                    Name = "sr.auth",
                    Description = "The browser's sign-in cookie (/account/login). Writes with it must also carry the antiforgery header RequestVerificationToken, or come from the app's own origin (Origin / Sec-Fetch-Site: same-origin); otherwise 403.",
                };
                return Task.CompletedTask;
            });
            // Operations that need a signed-in caller accept either scheme.
            o.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
                {
                    operation.Security =
                    [
                        new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
                        new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, context.Document)] = [] },
                    ];
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>The OpenAPI document at /openapi/v1.json; the guide people read is the page /api (Pages/ApiGuide), built from it.</summary>
    public static IEndpointRouteBuilder MapRegistryApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        return app;
    }
}
