namespace ServiceRegistry.Web.Infrastructure;

/// <summary>The print and PDF links of a card page (<c>_CardToolbar.cshtml</c>).</summary>
public sealed record CardToolbar(string PrintUrl, string PdfUrl, bool PdfAvailable);
