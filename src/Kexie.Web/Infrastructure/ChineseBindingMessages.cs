using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Kexie.Web.Infrastructure;

/// <summary>Model-binding messages of Razor Pages forms in Chinese.</summary>
public static class ChineseBindingMessages
{
    public static void Apply(DefaultModelBindingMessageProvider messages)
    {
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => $"“{value}”不是“{field}”的有效值");
        messages.SetMissingBindRequiredValueAccessor(field => $"缺少“{field}”的值");
        messages.SetMissingKeyOrValueAccessor(() => "缺少值");
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "请求体不能为空");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"“{value}”不是有效值");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "提供的值无效");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "必须是数字");
        messages.SetUnknownValueIsInvalidAccessor(field => $"“{field}”的值无效");
        messages.SetValueIsInvalidAccessor(value => $"“{value}”无效");
        messages.SetValueMustBeANumberAccessor(field => $"“{field}”必须是数字");
        messages.SetValueMustNotBeNullAccessor(value => $"“{value}”不能为空");
    }
}
