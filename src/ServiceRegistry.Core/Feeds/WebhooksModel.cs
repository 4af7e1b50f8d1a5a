using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Feeds;

/// <summary>The webhook tables (migration 20261201160000) and services.</summary>
public static class WebhooksModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<WebhookSubscription>(s =>
        {
            s.ToTable("WebhookSubscriptions");
            s.Property(x => x.Name).IsRequired();
            s.Property(x => x.Url).IsRequired();
            s.Property(x => x.Secret).IsRequired();
            s.Property(x => x.Kinds).IsRequired();
            s.Property(x => x.CreatedBy).IsRequired();
            s.Ignore(x => x.KindList);
            s.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<WebhookDelivery>(d =>
        {
            d.ToTable("WebhookDeliveries");
            d.Property(x => x.Status).HasConversion<string>().IsRequired();
            d.Property(x => x.Attempts).IsConcurrencyToken(); // one lease per attempt, across nodes
            d.HasOne<WebhookSubscription>().WithMany().HasForeignKey(x => x.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
            d.HasOne<PublicChange>().WithMany().HasForeignKey(x => x.ChangeSeq).OnDelete(DeleteBehavior.Restrict);
            d.HasIndex(x => new { x.SubscriptionId, x.ChangeSeq }).IsUnique();
            d.HasIndex(x => new { x.Status, x.NextAttemptAt });
            d.HasIndex(x => new { x.SubscriptionId, x.CardId, x.Status, x.ChangeSeq });
        });
    }

    internal static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration("Webhooks");
        services.AddSingleton(sp => new WebhookAddresses(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowedAddresses));
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookSignal>();
        services.AddHostedService<WebhookWorker>();
        return services;
    }
}
