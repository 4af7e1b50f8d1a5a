namespace ServiceRegistry.Core.Cards;

/// <summary>Iran's 31 provinces, as the country's divisions name them (the coverage matrix's rows).</summary>
public static class Provinces
{
    public static readonly IReadOnlyList<string> All =
    [
        "آذربایجان شرقی", "آذربایجان غربی", "اردبیل", "اصفهان", "البرز", "ایلام", "بوشهر", "تهران", "چهارمحال و بختیاری",
        "خراسان جنوبی", "خراسان رضوی", "خراسان شمالی", "خوزستان", "زنجان", "سمنان", "سیستان و بلوچستان", "فارس", "قزوین",
        "قم", "کردستان", "کرمان", "کرمانشاه", "کهگیلویه و بویراحمد", "گلستان", "گیلان", "لرستان", "مازندران", "مرکزی",
        "هرمزگان", "همدان", "یزد",
    ];
}
