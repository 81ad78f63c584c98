using System.Text.Json;
using System.Text.Json.Serialization;
using Kexie.Domain.Common;

namespace Kexie.Web.Infrastructure;

/// <summary>
/// An amount of money in 元 in a request body: a JSON number as usual, or a string as people write it ("5万", "5万元",
/// "1.2亿", "3,000元"), read by the domain's <see cref="YuanAmount"/>. A string that is not an amount is a
/// <see cref="YuanJsonException"/>, which the error handler turns into a 400 naming the field in Chinese.
/// </summary>
public sealed class YuanJsonConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.GetDecimal(),
        JsonTokenType.String when YuanAmount.TryParse(reader.GetString(), out var yuan) => yuan,
        JsonTokenType.String => throw new YuanJsonException(reader.GetString()),
        _ => throw new JsonException(),
    };

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}

/// <inheritdoc cref="YuanJsonConverter"/>
public sealed class NullableYuanJsonConverter : JsonConverter<decimal?>
{
    public override bool HandleNull => true;

    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String when string.IsNullOrWhiteSpace(reader.GetString()) => null,
        _ => new YuanJsonConverter().Read(ref reader, typeof(decimal), options),
    };

    public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>A string amount that <see cref="YuanAmount"/> could not read; <see cref="JsonException.Path"/> names the field.</summary>
public sealed class YuanJsonException(string? text) : JsonException("金额格式不正确")
{
    public string Text { get; } = text ?? string.Empty;

    /// <summary>Chinese labels of the market's amount fields, for the error message.</summary>
    private static readonly Dictionary<string, string> Labels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["contractAmount"] = "合同金额",
        ["budgetMin"] = "预算下限",
        ["budgetMax"] = "预算上限",
        ["priceMin"] = "最低价格",
        ["priceMax"] = "最高价格",
    };

    public static string LabelOf(string field) => Labels.GetValueOrDefault(field, "金额");

    /// <summary>The domain's message for this text and field.</summary>
    public DomainValidationException ToValidation(string field)
    {
        try
        {
            YuanAmount.Parse(Text, field, LabelOf(field));
            return new DomainValidationException(field, $"{LabelOf(field)}不是有效的金额");
        }
        catch (DomainValidationException e)
        {
            return e;
        }
    }
}
