namespace ServiceRegistry.Web.Api;

/// <summary>
/// An operation's description, written once in the endpoint's metadata and read from the OpenAPI document by everyone:
/// the English text is the operation's <c>summary</c>, the Persian its <c>description</c>; the /api guide shows both.
/// <c>ApiGuideTests</c> fails for an operation without either.
/// </summary>
public static class ApiText
{
    public static TBuilder Describe<TBuilder>(this TBuilder builder, string persian, string english) where TBuilder : IEndpointConventionBuilder =>
        builder.WithSummary(english).WithDescription(persian);
}
