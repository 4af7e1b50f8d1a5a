using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Feedback;
using ServiceRegistry.Core.Feeds;
using ServiceRegistry.Core.Figures;
using ServiceRegistry.Core.Imports;
using ServiceRegistry.Core.Mail;
using ServiceRegistry.Core.Review;

namespace ServiceRegistry.Core.Data;

/// <summary>The registry's database: the same model on SQLite and PostgreSQL, one set of hand-written migrations.
/// It also keeps the data-protection key ring (sign-in cookies, antiforgery), which every node shares.</summary>
public sealed class RegistryDbContext(DbContextOptions<RegistryDbContext> options)
    : IdentityDbContext<RegistryUser, IdentityRole<int>, int>(options), IDataProtectionKeyContext
{
    public DbSet<ServiceCard> Cards => Set<ServiceCard>();
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<CardVersion> CardVersions => Set<CardVersion>();
    public DbSet<ReviewComment> ReviewComments => Set<ReviewComment>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Counter> Counters => Set<Counter>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<ImportItem> ImportItems => Set<ImportItem>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();
    public DbSet<PublicChange> PublicChanges => Set<PublicChange>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<QuarterlyReturn> QuarterlyReturns => Set<QuarterlyReturn>();
    public DbSet<ReturnVersion> ReturnVersions => Set<ReturnVersion>();
    public DbSet<CitizenFeedback> Feedback => Set<CitizenFeedback>();
    public DbSet<OutgoingMail> OutgoingMails => Set<OutgoingMail>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampNewCards();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampNewCards();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>A new card takes its province from its agency (it decides who reviews the card).</summary>
    private void StampNewCards()
    {
        foreach (var entry in ChangeTracker.Entries<ServiceCard>().Where(e => e.State == EntityState.Added && e.Entity.Province is null))
        {
            entry.Entity.Province = Agencies.Local.FirstOrDefault(a => a.Id == entry.Entity.AgencyId)?.Province
                ?? Agencies.Where(a => a.Id == entry.Entity.AgencyId).Select(a => a.Province).FirstOrDefault();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        var postgres = Database.IsNpgsql();

        builder.Entity<RegistryUser>(user =>
        {
            user.HasOne<Agency>().WithMany().HasForeignKey(u => u.AgencyId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Agency>(agency =>
        {
            agency.ToTable("Agencies");
            agency.Property(a => a.Name).IsRequired();
            agency.HasOne(a => a.Parent).WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Restrict);
            agency.HasIndex(a => a.Name);
        });

        builder.Entity<ServiceCard>(card =>
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
            card.HasIndex(c => new
            {
                c.Status, c.TitleKey, c.Types, c.Levels, c.LifeEvents, c.Nature, c.Maturity, c.IsFree, c.AgencyId, c.Province, c.UpdatedAt,
                c.TemplateId, c.IsTemplate, c.RevisionOfId,
            }).HasDatabaseName("IX_Cards_Catalog");
            card.HasIndex(c => new
            {
                c.Status, c.AgencyId, c.Province, c.Maturity, c.VisitsPerYear, c.InquiriesByHandPerYear, c.RecipientsPerYear, c.FeesPerYear, c.FieldsFilled, c.FieldsExpected,
                c.Types, c.Levels, c.LifeEvents, c.Nature, c.IsFree, c.Id,
            }).HasDatabaseName("IX_Cards_Statistics");
            card.HasIndex(c => c.ParentServiceId);
            card.HasOne(c => c.Agency).WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
            card.HasOne<ServiceCard>().WithMany().HasForeignKey(c => c.RevisionOfId).OnDelete(DeleteBehavior.Restrict);
            card.HasOne<ServiceCard>().WithMany().HasForeignKey(c => c.TemplateId).OnDelete(DeleteBehavior.Restrict);
            // a template's instances and the coverage matrix's cells, read from the index alone (migration 20261201170001)
            card.HasIndex(c => new { c.TemplateId, c.Province, c.Status, c.RevisionOfId, c.AgencyId, c.Id }).HasDatabaseName("IX_Cards_Instances");
            // the published templates (few) by title without reading every card, nor their wide rows
            card.HasIndex(c => new { c.IsTemplate, c.Status, c.RevisionOfId, c.TitleKey, c.Id }).HasDatabaseName("IX_Cards_Templates");
            card.Property(c => c.OverriddenParts).IsRequired();
            card.HasMany(c => c.Versions).WithOne().HasForeignKey(v => v.CardId).OnDelete(DeleteBehavior.Restrict);
            card.HasMany(c => c.Comments).WithOne().HasForeignKey(v => v.CardId).OnDelete(DeleteBehavior.Restrict);
            card.HasMany(c => c.AuditTrail).WithOne().HasForeignKey(v => v.CardId).OnDelete(DeleteBehavior.Restrict);
            card.HasIndex(c => c.Status);
            card.HasIndex(c => c.AgencyId);
            card.HasIndex(c => c.ServiceId).IsUnique();
            card.HasIndex(c => c.Province);
            card.HasIndex(c => c.RevisionOfId);
            ContentColumn(card.Property(c => c.Content), postgres);
        });

        builder.Entity<CardVersion>(version =>
        {
            version.ToTable("CardVersions");
            version.Property(v => v.Status).HasConversion<string>().IsRequired();
            version.HasIndex(v => new { v.CardId, v.Version }); // not unique: the card's concurrency token keeps versions apart, and a stale save must fail on it
            ContentColumn(version.Property(v => v.Content), postgres);
        });

        builder.Entity<ReviewComment>(comment =>
        {
            comment.ToTable("ReviewComments");
            comment.HasIndex(c => c.CardId);
        });

        builder.Entity<AuditEntry>(audit =>
        {
            audit.ToTable("AuditEntries");
            audit.HasIndex(a => a.At);
            audit.HasIndex(a => a.CardId);
        });

        builder.Entity<Counter>(counter =>
        {
            counter.ToTable("Counters");
            counter.HasKey(c => c.Name);
            counter.Property(c => c.Value).IsConcurrencyToken();
        });

        builder.Entity<SignInFailure>(failure =>
        {
            failure.ToTable("SignInFailures");
            failure.Property(f => f.Account).IsRequired();
            failure.Property(f => f.Address).IsRequired();
            failure.HasIndex(f => new { f.Account, f.At });
            failure.HasIndex(f => f.At);
        });

        builder.Entity<ApiToken>(token =>
        {
            token.ToTable("ApiTokens");
            token.Property(t => t.Name).IsRequired();
            token.Property(t => t.Role).IsRequired();
            token.Property(t => t.Hash).IsRequired();
            token.Property(t => t.Hint).IsRequired();
            token.Property(t => t.CreatedBy).IsRequired();
            token.HasIndex(t => t.Hash).IsUnique();
            token.HasOne<Agency>().WithMany().HasForeignKey(t => t.AgencyId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<PublicChange>(change =>
        {
            // PostgreSQL: Seq is drawn by the trigger PublicChanges_seq under an advisory lock (migration 20261130160000)
            change.ToTable("PublicChanges");
            change.HasKey(c => c.Seq);
            change.Property(c => c.Kind).HasConversion<string>().IsRequired();
            change.Property(c => c.Title).IsRequired();
            change.HasOne(c => c.Card).WithMany().HasForeignKey(c => c.CardId).OnDelete(DeleteBehavior.Restrict);
            NullableContentColumn(change.Property(c => c.Content), postgres);
        });
        WebhooksModel.Configure(builder);
        ReturnsModel.Configure(builder);
        FeedbackModel.Configure(builder);

        builder.Entity<ImportBatch>(batch =>
        {
            batch.ToTable("ImportBatches");
            batch.HasOne<RegistryUser>().WithMany().HasForeignKey(b => b.OwnerId).OnDelete(DeleteBehavior.Cascade);
            batch.HasMany(b => b.Items).WithOne().HasForeignKey(i => i.BatchId).OnDelete(DeleteBehavior.Cascade);
            batch.HasIndex(b => b.OwnerId);
        });

        builder.Entity<ImportItem>(item =>
        {
            item.ToTable("ImportItems");
            item.Property(i => i.FileName).IsRequired();
            item.Property(i => i.Status).HasConversion<string>().IsRequired().IsConcurrencyToken();
            item.Property(i => i.Outcome).HasConversion<string>();
            item.Property(i => i.CardId).IsConcurrencyToken();
            item.Property(i => i.LeaseOwner).IsConcurrencyToken(); // a node that lost its lease (it expired and another took the file) cannot store its outcome
            item.HasOne<ServiceCard>().WithMany().HasForeignKey(i => i.CardId).OnDelete(DeleteBehavior.SetNull);
            item.HasIndex(i => new { i.BatchId, i.Position }).IsUnique();
            item.HasIndex(i => i.Status);
            item.HasIndex(i => i.CardId);
            item.Ignore(i => i.IsFinished);
            NullableContentColumn(item.Property(i => i.Draft), postgres);
        });
    }

    /// <summary>Optional card content, stored like <see cref="ContentColumn"/>.</summary>
    private static void NullableContentColumn(Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<CardContent?> content, bool postgres)
    {
        content.HasConversion(
            c => CardJson.ToCompact(c!),
            s => CardJson.ReadTrusted(s),
            new ValueComparer<CardContent?>(
                (a, b) => (a == null ? null : CardJson.ToCompact(a)) == (b == null ? null : CardJson.ToCompact(b)),
                c => c == null ? 0 : CardJson.ToCompact(c).GetHashCode(StringComparison.Ordinal),
                c => c == null ? null : CardJson.Clone(c)));
        if (postgres)
        {
            content.HasColumnType("jsonb");
        }
    }

    /// <summary>Card content is stored as the spec's JSON (jsonb on PostgreSQL), the same text the API and files carry.</summary>
    private static void ContentColumn(Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<CardContent> content, bool postgres)
    {
        content.HasConversion(
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
    }
}
