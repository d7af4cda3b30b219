using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace KVaccine.Pages;

/// <summary>What a form field says to assistive technology about a refusal beside it.</summary>
public static class Fields
{
    /// <summary>The field's <c>aria-invalid</c>: "true" while a message beside it says what is wrong.</summary>
    public static string Invalid(this ModelStateDictionary state, string field) =>
        state.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? "true" : "false";
}
