using System.ComponentModel.DataAnnotations;

namespace ServiceRegistry.Core.Cards;

/// <summary>Where a card is in its life: draft → submitted → (returned) → approved → ID issued → published; any → archived.</summary>
public enum CardStatus
{
    [Display(Name = "پیش‌نویس")] Draft,
    [Display(Name = "ارسال شده برای بررسی")] Submitted,
    [Display(Name = "برگشت داده شده")] Returned,
    [Display(Name = "تایید شده")] Approved,
    [Display(Name = "شناسه صادر شده")] IdIssued,
    [Display(Name = "منتشر شده")] Published,
    [Display(Name = "بایگانی شده")] Archived,
}
