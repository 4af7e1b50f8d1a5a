using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Mail;

namespace ServiceRegistry.Core.Feedback;

/// <summary>The tables of the public's reports and of the mail queue (migration 20261201140000_Feedback).</summary>
public static class FeedbackModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<CitizenFeedback>(feedback =>
        {
            feedback.ToTable("Feedback");
            feedback.Property(f => f.CardTitle).IsRequired();
            feedback.Property(f => f.Text).IsRequired().HasMaxLength(CitizenFeedback.MaxText);
            feedback.Property(f => f.Contact).HasMaxLength(CitizenFeedback.MaxContact);
            feedback.Property(f => f.Client).IsRequired().HasMaxLength(64);
            feedback.Property(f => f.Status).HasConversion<string>().IsRequired();
            feedback.HasOne<ServiceCard>().WithMany().HasForeignKey(f => f.CardId).OnDelete(DeleteBehavior.Restrict);
            feedback.HasOne<Agency>().WithMany().HasForeignKey(f => f.AgencyId).OnDelete(DeleteBehavior.Restrict);
            feedback.HasIndex(f => new { f.AgencyId, f.CreatedAt }); // the inbox
            feedback.HasIndex(f => new { f.Client, f.CreatedAt }); // the limit per client
            feedback.HasIndex(f => f.CardId);
        });
        builder.Entity<OutgoingMail>(mail =>
        {
            mail.ToTable("OutgoingMails");
            mail.Property(m => m.To).IsRequired();
            mail.Property(m => m.Subject).IsRequired();
            mail.Property(m => m.Body).IsRequired();
            mail.HasIndex(m => m.SentAt); // the unsent
        });
    }
}
