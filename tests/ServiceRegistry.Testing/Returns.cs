using Microsoft.Extensions.DependencyInjection;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Figures;

namespace ServiceRegistry.Testing;

/// <summary>Quarterly returns stored directly (test arrangement), as <see cref="CardBuilder"/> stores cards.</summary>
public static class Returns
{
    public static async Task SeedReturnAsync(this RegistryApp app, int cardId, string period, QuarterFigures figures, ReturnStatus status = ReturnStatus.Submitted)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var card = await db.Cards.FindAsync(cardId) ?? throw new InvalidOperationException($"no card {cardId}");
        db.QuarterlyReturns.Add(QuarterlyReturn.Seeded(cardId, Quarter.Parse(period), figures, Derived.Offered(card.Content), status, app.Clock.GetUtcNow()));
        await db.SaveChangesAsync();
    }

    /// <summary>Requests with every channel given (unlisted ones 0): website, mobile app, counter office, in person.</summary>
    public static ChannelRequests Requests(long website, long mobileApp, long counterOffice, long inPerson) => new()
    {
        Website = website, MobileApp = mobileApp, Email = 0, Sms = 0, CallCenter = 0, CounterOffice = counterOffice, Post = 0, Other = 0, InPerson = inPerson,
    };
}
