using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Figures;

/// <summary>How returns are stored (called from RegistryDbContext.OnModelCreating); migrations 20261130180000_QuarterlyReturns
/// and 20261201180000_ReturnScope (the card's scope on each return, kept by triggers).</summary>
public static class ReturnsModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<QuarterlyReturn>(r =>
        {
            r.ToTable("QuarterlyReturns");
            r.Property(x => x.Period).HasConversion(q => q.ToString(), s => Quarter.Parse(s)).HasMaxLength(7).IsRequired();
            r.Property(x => x.Status).HasConversion<string>().IsRequired();
            r.Property(x => x.Version).IsConcurrencyToken();
            r.Property(x => x.UpdatedBy).IsRequired();
            r.HasOne<ServiceCard>().WithMany().HasForeignKey(x => x.CardId).OnDelete(DeleteBehavior.Restrict);
            r.HasMany(x => x.Versions).WithOne().HasForeignKey(v => v.ReturnId).OnDelete(DeleteBehavior.Restrict);
            r.HasIndex(x => new { x.CardId, x.Period }).IsUnique();
            r.HasIndex(x => new { x.Period, x.Status });
            r.HasIndex(x => new { x.Period, x.CardPublished, x.Status, x.AgencyId, x.Province, x.Maturity, x.AllRequests, x.ElectronicRequests, x.AssistedRequests, x.TakeUp })
                .HasDatabaseName("IX_QuarterlyReturns_Scope"); // 20261201180000_ReturnScope
            r.HasIndex(x => new { x.CardPublished, x.Period, x.AllRequests, x.CardId, x.Status, x.TakeUp, x.AgencyId, x.ElectronicRequests })
                .HasDatabaseName("IX_QuarterlyReturns_Volume"); // 20261202100000_ReturnListIndexes: the largest services
            r.HasIndex(x => new { x.CardPublished, x.Period, x.TakeUp, x.CardId, x.Maturity, x.Status, x.AllRequests })
                .HasDatabaseName("IX_QuarterlyReturns_Gap"); // the gap list
            r.Ignore(x => x.Figures);
        });

        builder.Entity<ReturnVersion>(v =>
        {
            v.ToTable("ReturnVersions");
            v.Property(x => x.Status).HasConversion<string>().IsRequired();
            v.Property(x => x.Figures).IsRequired();
            v.Property(x => x.SavedBy).IsRequired();
            v.HasIndex(x => new { x.ReturnId, x.Version });
        });
    }
}
