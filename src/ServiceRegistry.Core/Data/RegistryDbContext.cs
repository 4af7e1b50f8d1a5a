using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Exchange;

namespace ServiceRegistry.Core.Data;

/// <summary>The registry's database: the same model on SQLite and PostgreSQL, one set of hand-written migrations.</summary>
public sealed class RegistryDbContext(DbContextOptions<RegistryDbContext> options) : DbContext(options)
{
    public DbSet<ServiceCard> Cards => Set<ServiceCard>();
    public DbSet<Agency> Agencies => Set<Agency>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var postgres = Database.IsNpgsql();

        modelBuilder.Entity<Agency>(agency =>
        {
            agency.ToTable("Agencies");
            agency.Property(a => a.Name).IsRequired();
            agency.HasOne(a => a.Parent).WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Restrict);
            agency.HasIndex(a => a.Name);
        });

        modelBuilder.Entity<ServiceCard>(card =>
        {
            // SQLite: the FTS5 index and the catalog stamp are kept by triggers (migration 20261121010000_Catalog);
            // declaring them stops EF from using RETURNING, which SQLite does not combine with triggers safely.
            card.ToTable("Cards", t =>
            {
                if (!postgres)
                {
                    t.HasTrigger("Cards_search_ai");
                    t.HasTrigger("Cards_search_au");
                    t.HasTrigger("Cards_search_ad");
                }
            });
            card.Property(c => c.Status).HasConversion<string>().IsRequired();
            card.Property(c => c.Version).IsConcurrencyToken();
            card.Property(c => c.Title).IsRequired();
            card.Property(c => c.SearchText).IsRequired();
            card.Property(c => c.TitleKey).IsRequired();
            card.Property(c => c.Nature).HasConversion<string>();
            card.HasIndex(c => new { c.Status, c.TitleKey, c.Types, c.Levels, c.LifeEvents, c.Nature, c.Maturity, c.IsFree, c.AgencyId, c.Province })
                .HasDatabaseName("IX_Cards_Catalog");
            card.HasIndex(c => c.ParentServiceId);
            card.HasOne(c => c.Agency).WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
            card.HasIndex(c => c.Status);
            card.HasIndex(c => c.AgencyId);
            card.HasIndex(c => c.ServiceId).IsUnique();

            // The content is stored as the spec's JSON (jsonb on PostgreSQL), the same text the API and files carry.
            var content = card.Property(c => c.Content)
                .HasConversion(
                    c => CardJson.ToCompact(c),
                    s => CardJson.ReadTrusted(s),
                    new ValueComparer<CardContent>(
                        (a, b) => CardJson.ToCompact(a!) == CardJson.ToCompact(b!),
                        c => CardJson.ToCompact(c).GetHashCode(StringComparison.Ordinal),
                        c => CardJson.Clone(c)))
                .IsRequired();
            if (postgres)
            {
                content.HasColumnType("jsonb");
            }
        });
    }
}
